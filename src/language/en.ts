/**
 * English: titles, Latin and reference abbreviations, journal and US state abbreviations, and the
 * address terms the speech normalizer reads. Sources of the address readings: USPS Publication 28
 * (street suffixes, directionals, secondary unit designators, state codes).
 */
import type { Abbreviation, AbbreviationKind, LanguageRules } from './language-rules.js';

/** Terms only the speech normalizer reads (see `Abbreviation.speechOnly`), written → said. */
function speechOnly(kind: AbbreviationKind, readings: Readonly<Record<string, string>>): Abbreviation[] {
  return Object.entries(readings).map(([written, say]) => ({ written, say, kinds: [kind], speechOnly: true }));
}

export const EN: LanguageRules = {
  code: 'en',
  name: 'English',
  abbreviations: [
    // Titles and ranks, always before a name.
    { written: 'Mr.', say: 'Mister', kinds: ['title'] },
    { written: 'Mrs.', say: 'Missus', kinds: ['title'] },
    { written: 'Ms.', say: 'Miz', kinds: ['title'] },
    { written: 'Mx.', say: 'Mix' },
    { written: 'Dr.', say: { title: 'Doctor', street: 'Drive' }, kinds: ['title', 'street'] },
    { written: 'Prof.', say: 'Professor', kinds: ['title'] },
    // Saint before a name, Street after one ("Main St. You cannot miss it").
    { written: 'St.', say: { title: 'Saint', street: 'Street' }, kinds: ['title', 'street'], mayEnd: true },
    { written: 'Mt.', say: 'Mount', kinds: ['title'] },
    { written: 'Ft.', say: 'Fort', kinds: ['title'] },
    { written: 'Rev.', say: 'Reverend', kinds: ['title'] },
    { written: 'Hon.', say: 'Honorable', kinds: ['title'] },
    { written: 'Gen.', say: 'General', kinds: ['title'] },
    { written: 'Gov.', say: 'Governor', kinds: ['title'] },
    { written: 'Sen.', say: 'Senator', kinds: ['title'] },
    { written: 'Rep.', say: 'Representative', kinds: ['title'] },
    { written: 'Pres.', say: 'President', kinds: ['title'] },
    { written: 'Capt.', say: 'Captain', kinds: ['title'] },
    { written: 'Cmdr.', say: 'Commander', kinds: ['title'] },
    { written: 'Lt.', say: 'Lieutenant', kinds: ['title'] },
    { written: 'Col.', say: 'Colonel', kinds: ['title'] },
    { written: 'Maj.', say: 'Major', kinds: ['title'] },
    { written: 'Sgt.', say: 'Sergeant', kinds: ['title'] },
    { written: 'Adm.', say: 'Admiral', kinds: ['title'] },
    { written: 'Supt.', say: 'Superintendent', kinds: ['title'] },
    { written: 'Asst.', say: 'Assistant', kinds: ['title'] },
    { written: 'Atty.', say: 'Attorney', kinds: ['title'] },
    { written: 'Det.', say: 'Detective', kinds: ['title'] },
    { written: 'Insp.', say: 'Inspector', kinds: ['title'] },
    { written: 'Amb.', say: 'Ambassador', kinds: ['title'] },
    { written: 'Brig.', say: 'Brigadier', kinds: ['title'] },
    { written: 'Cpl.', say: 'Corporal', kinds: ['title'] },
    { written: 'Pvt.', say: 'Private', kinds: ['title'] },
    { written: 'Msgr.', say: 'Monsignor', kinds: ['title'] },
    { written: 'Fr.', say: 'Father', kinds: ['title'] },
    { written: 'Sr.', say: 'Senior', kinds: ['suffix'], mayEnd: true },
    { written: 'Jr.', say: 'Junior', kinds: ['suffix'], mayEnd: true },
    // Latin and linking abbreviations, always followed by what they introduce.
    { written: 'e.g.', say: 'for example', kinds: ['word'] },
    { written: 'i.e.', say: 'that is', kinds: ['word'] },
    { written: 'vs.', say: 'versus', kinds: ['word'] },
    { written: 'v.', say: 'versus' },
    { written: 'cf.', say: 'compare', kinds: ['word'] },
    { written: 'viz.', say: 'namely', kinds: ['word'] },
    { written: 'a.k.a.', say: 'also known as', kinds: ['word'] },
    { written: 'approx.', say: 'approximately', kinds: ['word'] },
    { written: 'ca.', say: 'circa', kinds: ['word'] },
    { written: 'esp.', say: 'especially' },
    { written: 'incl.', say: 'including', kinds: ['word'] },
    { written: 'resp.', say: 'respectively', mayEnd: true },
    // References to numbered things: "No. 7", "p. 55", "Fig. 2".
    { written: 'no.', say: 'number', kinds: ['reference'], mayEnd: true },
    { written: 'nos.', say: 'numbers' },
    { written: 'p.', say: 'page' },
    { written: 'pp.', say: 'pages', kinds: ['reference'] },
    { written: 'fig.', say: 'figure', kinds: ['reference'] },
    { written: 'figs.', say: 'figures' },
    { written: 'vol.', say: 'volume', kinds: ['reference'] },
    { written: 'vols.', say: 'volumes' },
    { written: 'ch.', say: 'chapter', kinds: ['reference'] },
    { written: 'chap.', say: 'chapter' },
    { written: 'sec.', say: 'section', kinds: ['reference'], mayEnd: true },
    { written: 'art.', say: 'article', mayEnd: true },
    { written: 'eq.', say: 'equation', kinds: ['reference'] },
    { written: 'ed.', say: 'edition', mayEnd: true },
    { written: 'eds.', say: 'editors', mayEnd: true },
    { written: 'ref.', say: 'reference' },
    { written: 'tel.', say: 'telephone', kinds: ['reference'] },
    { written: 'ext.', say: 'extension', kinds: ['reference'] },
    { written: 'dept.', say: 'department', kinds: ['suffix'], mayEnd: true },
    // "est. 1990"; "est. cost" is estimated, so the normalizer reads it only before a number.
    { written: 'est.', say: 'established', kinds: ['reference'], mayEnd: true },
    { written: 'min.', say: 'minutes', mayEnd: true, endsClause: true },
    { written: 'max.', say: 'maximum', kinds: ['word'], mayEnd: true },
    { written: 'hr.', say: 'hour', mayEnd: true, endsClause: true },
    { written: 'hrs.', say: 'hours', mayEnd: true, endsClause: true },
    { written: 'sq.', say: 'square' },
    { written: 'oz.', say: 'ounces', mayEnd: true, endsClause: true },
    { written: 'lbs.', say: 'pounds', mayEnd: true, endsClause: true },
    { written: 'ft.', say: 'feet', mayEnd: true, endsClause: true },
    // Abbreviations that often end a sentence; the clause-final ones (`endsClause`) before any
    // capitalised word.
    { written: 'etc.', say: 'et cetera', kinds: ['word'], mayEnd: true, endsClause: true },
    { written: 'al.', mayEnd: true },
    { written: 'a.m.', mayEnd: true, endsClause: true },
    { written: 'p.m.', mayEnd: true, endsClause: true },
    { written: 'Inc.', say: 'Incorporated', kinds: ['suffix'], mayEnd: true },
    { written: 'Ltd.', say: 'Limited', kinds: ['suffix'], mayEnd: true },
    { written: 'LLC.', mayEnd: true },
    { written: 'Co.', say: 'Company', kinds: ['suffix'], mayEnd: true },
    { written: 'Corp.', say: 'Corporation', kinds: ['suffix'], mayEnd: true },
    { written: 'Bros.', say: 'Brothers', kinds: ['suffix'], mayEnd: true },
    { written: 'Ph.D.', say: 'P H D', kinds: ['word'], mayEnd: true },
    { written: 'Ave.', say: 'Avenue', kinds: ['street'], mayEnd: true },
    { written: 'Blvd.', say: 'Boulevard', kinds: ['street'], mayEnd: true },
    { written: 'Rd.', say: 'Road', kinds: ['street'], mayEnd: true },
    { written: 'Ln.', say: 'Lane', kinds: ['street'], mayEnd: true },
    { written: 'Hwy.', say: 'Highway', kinds: ['street'], mayEnd: true },
    // Months and days. A month ends its clause: "in Jan. Witnesses" ends, "Jan. 5" goes on.
    ...['Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'].map((written) => ({ written, mayEnd: true, endsClause: true })),
    ...['Mon.', 'Tue.', 'Tues.', 'Wed.', 'Thu.', 'Thur.', 'Thurs.', 'Fri.', 'Sat.', 'Sun.'].map((written) => ({ written, mayEnd: true })),
    // Journal title words ("J. Am. Chem. Soc."), capitalised only.
    ...['Am.', 'Chem.', 'Soc.', 'Phys.', 'Biol.', 'Acad.', 'Proc.', 'Sci.', 'Lett.', 'Appl.', 'Med.', 'Res.', 'Int.', 'Eng.', 'Math.', 'Ann.', 'Nucl.', 'Mol.', 'Cell.', 'Environ.', 'Opt.', 'Comput.', 'Geophys.', 'Astrophys.', 'Trans.', 'Conf.', 'Symp.', 'Assoc.', 'Inst.']
      .map((written) => ({ written, mayEnd: true })),
    { written: 'Natl.', say: 'national', kinds: ['word'], mayEnd: true },
    { written: 'Univ.', say: 'University', kinds: ['suffix'], mayEnd: true },
    // US states, as newspapers abbreviate them ("Lansing, Mich. -").
    ...['Ala.', 'Ariz.', 'Ark.', 'Calif.', 'Colo.', 'Conn.', 'Del.', 'Fla.', 'Ga.', 'Ill.', 'Ind.', 'Kan.', 'Ky.', 'La.', 'Md.', 'Mich.', 'Minn.', 'Mo.', 'Mont.', 'Neb.', 'Nev.', 'Okla.', 'Ore.', 'Pa.', 'Tenn.', 'Tex.', 'Va.', 'Vt.', 'Wis.', 'Wyo.']
      .map((written) => ({ written, mayEnd: true })),
    // Read only by the speech normalizer: the chunker splits after these as after any word.
    ...speechOnly('suffix', { 'Assn.': 'Association' }),
    ...speechOnly('word', {
      'misc.': 'miscellaneous', 'excl.': 'excluding', 'govt.': 'government', 'avg.': 'average', 'et al.': 'and others',
      'intl.': 'international', 'mfg.': 'manufacturing',
    }),
    // Street suffixes as written after a street name. "Sq." is the square of "Main Sq."; the
    // chunker's "sq." above is the unit of "sq. ft".
    ...speechOnly('street', {
      'Av.': 'Avenue', 'Pkwy.': 'Parkway', 'Expy.': 'Expressway', 'Fwy.': 'Freeway', 'Ct.': 'Court', 'Pl.': 'Place',
      'Cir.': 'Circle', 'Ter.': 'Terrace', 'Trl.': 'Trail', 'Sq.': 'Square', 'Plz.': 'Plaza', 'Tpke.': 'Turnpike',
      'Aly.': 'Alley', 'Xing.': 'Crossing', 'Hts.': 'Heights', 'Pt.': 'Point',
    }),
    ...speechOnly('directional', {
      N: 'North', S: 'South', E: 'East', W: 'West', NW: 'Northwest', SE: 'Southeast', SW: 'Southwest',
    }),
    { written: 'NE', say: { directional: 'Northeast', state: 'Nebraska' }, kinds: ['directional', 'state'], speechOnly: true },
    ...speechOnly('unit', { 'Ste.': 'Suite', 'Apt.': 'Apartment', 'Bldg.': 'Building', 'Fl.': 'Floor', 'Rm.': 'Room', Unit: 'Unit' }),
    // State and territory codes as the post writes them, without periods.
    ...speechOnly('state', {
      AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
      CT: 'Connecticut', DE: 'Delaware', DC: 'D C', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho',
      IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine',
      MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
      MT: 'Montana', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico',
      NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
      PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee',
      TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia',
      WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico',
    }),
  ],
  sentenceStarters: [
    'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Here', 'It', 'Its', 'I', 'We', 'You', 'He', 'She', 'They',
    'My', 'Our', 'Your', 'His', 'Her', 'Their', 'Some', 'Many', 'Most', 'All', 'Each', 'Every', 'Both', 'No', 'None', 'One',
    'What', 'When', 'Where', 'Why', 'Who', 'How', 'Which', 'Whether', 'If', 'Is', 'Are', 'Was', 'Were', 'Do', 'Does', 'Did',
    'Can', 'Could', 'Will', 'Would', 'Should', 'May', 'Might', 'Must', 'Have', 'Has', 'Had', 'Let', 'Let’s', "Let's",
    'And', 'But', 'Or', 'So', 'Yet', 'Then', 'Now', 'Also', 'Still', 'However', 'Meanwhile', 'Later', 'Finally', 'First',
    'Next', 'After', 'Before', 'Since', 'Because', 'Although', 'Though', 'While', 'Once', 'In', 'On', 'At', 'For', 'From',
    'With', 'Without', 'To', 'By', 'As', 'Of', 'Yes', 'Please', 'Thanks', 'Thank', 'Today', 'Tomorrow', 'Yesterday',
    'Everyone', 'Everything', 'Nobody', 'Nothing', 'Someone', 'Something', 'Being', 'Millions', 'More', 'Such', 'Other',
    'Another', 'Even', 'Only', 'Just', 'Well', 'Oh', 'Ok', 'OK', 'Okay', 'Sure', 'Unfortunately', 'Luckily', 'Instead',
    'Otherwise', 'Overall', 'Anyway', 'Besides', 'Indeed', 'Perhaps', 'Maybe', 'Again', 'Note', 'See', 'Remember', 'Make',
    'Try', 'Use', 'Press', 'Click', 'Go', 'Check', 'Take', 'Add', 'Open', 'Run', 'Call', 'Ask', 'Keep', 'Don’t', "Don't",
    "It's", 'It’s', "I'm", 'I’m', "That's", 'That’s', "There's", 'There’s', "We're", 'We’re', "You're", 'You’re', "I've",
    'I’ve', "I'll", 'I’ll',
  ],
  starterSuffixes: ['ly'],
  clauseContinuations: [
    'Eastern', 'Central', 'Mountain', 'Pacific', 'Atlantic', 'Alaska', 'Hawaii', 'ET', 'EST', 'EDT', 'CT', 'CST', 'CDT', 'MT', 'MST',
    'MDT', 'PT', 'PST', 'PDT', 'GMT', 'UTC', 'BST', 'CET', 'CEST', 'IST', 'JST', 'AEST', 'Monday', 'Tuesday', 'Wednesday',
    'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Jan', 'Feb', 'Mar', 'Apr',
    'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  ],
};
