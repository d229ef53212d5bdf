/**
 * English abbreviations as data: the written term (without its dot) and what is said, with the
 * kind that decides where the term is recognised. Kept apart from the rules so that it can move
 * to per-language data unchanged; the rules in `abbreviations.ts` and `addresses.ts` read it.
 *
 * Sources of the readings: USPS Publication 28 (street suffixes, directionals, secondary unit
 * designators, state codes) and common English usage (titles, Latin phrases).
 */

/**
 * Where an abbreviation is read:
 * - `title`: before a name ("Dr. Jones"); its dot never ends the sentence;
 * - `suffix`: after a name ("Acme Inc.");
 * - `reference`: before a number ("vol. 3", "pp. 10-20");
 * - `word`: anywhere, with its dot ("approx.", "etc.", "e.g.");
 * - `street`: a street suffix after a street name ("Main St", "Great America Pkwy");
 * - `directional`: a compass point in an address ("N. Main St", "Ave NW");
 * - `unit`: a secondary unit before its number ("Ste 200");
 * - `state`: a US state or territory code, next to a ZIP code or after "City, ".
 */
export type AbbreviationKind = 'title' | 'suffix' | 'reference' | 'word' | 'street' | 'directional' | 'unit' | 'state';

/** Per kind: written term (case as usually written, no final dot) → what is said. */
export type AbbreviationTable = Readonly<Record<AbbreviationKind, Readonly<Record<string, string>>>>;

/** English; a term may have several kinds ("St" is a title and a street suffix). */
export const ENGLISH_ABBREVIATIONS: AbbreviationTable = {
  title: {
    Mr: 'Mister', Mrs: 'Missus', Ms: 'Miz', Dr: 'Doctor', St: 'Saint', Prof: 'Professor', Mt: 'Mount',
    Gen: 'General', Capt: 'Captain', Sgt: 'Sergeant', Lt: 'Lieutenant', Col: 'Colonel', Maj: 'Major',
    Cmdr: 'Commander', Adm: 'Admiral', Gov: 'Governor', Sen: 'Senator', Rep: 'Representative',
    Rev: 'Reverend', Hon: 'Honorable', Pres: 'President', Supt: 'Superintendent', Fr: 'Father', Ft: 'Fort',
  },
  suffix: {
    Jr: 'Junior', Sr: 'Senior', Inc: 'Incorporated', Ltd: 'Limited', Corp: 'Corporation', Co: 'Company',
    Bros: 'Brothers', Dept: 'Department', Univ: 'University', Assn: 'Association',
  },
  reference: {
    Fig: 'figure', Vol: 'volume', Ch: 'chapter', pp: 'pages', No: 'number', Eq: 'equation', Sec: 'section',
    Ext: 'extension', Tel: 'telephone',
    // "est. 1990"; "est. cost" is estimated, so only before a number.
    est: 'established',
  },
  word: {
    etc: 'et cetera', 'e.g': 'for example', 'i.e': 'that is', vs: 'versus', approx: 'approximately',
    'a.k.a': 'also known as', cf: 'compare', ca: 'circa', misc: 'miscellaneous',
    incl: 'including', excl: 'excluding', govt: 'government', max: 'maximum', avg: 'average',
    viz: 'namely', 'et al': 'and others', intl: 'international', natl: 'national', mfg: 'manufacturing', 'Ph.D': 'P H D',
  },
  street: {
    St: 'Street', Ave: 'Avenue', Av: 'Avenue', Blvd: 'Boulevard', Rd: 'Road', Dr: 'Drive', Ln: 'Lane',
    Pkwy: 'Parkway', Expy: 'Expressway', Hwy: 'Highway', Fwy: 'Freeway', Ct: 'Court', Pl: 'Place',
    Cir: 'Circle', Ter: 'Terrace', Trl: 'Trail', Sq: 'Square', Plz: 'Plaza', Tpke: 'Turnpike', Aly: 'Alley',
    Xing: 'Crossing', Hts: 'Heights', Pt: 'Point',
  },
  directional: {
    N: 'North', S: 'South', E: 'East', W: 'West', NE: 'Northeast', NW: 'Northwest', SE: 'Southeast', SW: 'Southwest',
  },
  unit: { Ste: 'Suite', Apt: 'Apartment', Bldg: 'Building', Fl: 'Floor', Rm: 'Room', Unit: 'Unit' },
  state: {
    AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
    CT: 'Connecticut', DE: 'Delaware', DC: 'D C', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho',
    IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine',
    MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
    MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
    NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
    PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee',
    TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia',
    WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
  },
};
