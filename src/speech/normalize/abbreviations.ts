/**
 * Abbreviations, titles and acronyms. The terms and their readings are data
 * (`src/language/en.ts`, by kind in `abbreviation-table.ts`); the rules here decide where each kind is read. Terms are recognised
 * with either case of their first letter or all in lower case ("mr. dao" "mister dao", "Approx."),
 * and the reading follows the written case of the first letter.
 *
 * "Dr." and "St." depend on their neighbours: after a capitalised word that does not start the
 * sentence, or after a number ("Baker St.", "5th St."), they are "Street" and "Drive"; before a
 * capitalised word (any word, in text written in lower case) they are "Saint" and "Doctor";
 * otherwise "Street" and "Drive". Street suffixes after a street name are read in `addresses.ts`.
 *
 * Acronyms of 2–5 capitals are spelled as letters joined by hyphens, "FBI" "F-B-I", "APIs"
 * "A-P-I's": eSpeak reads a lone "A" before another word as the article ("A P I" sounds "uh P
 * I"), while "A-P-I" is read letter by letter. Acronyms said as words ("NASA") and common English
 * words written in capitals for emphasis ("do NOT") stay as they are, as do Roman numerals, and
 * all of them when the whole sentence is in capitals (shouting).
 */
import { ENGLISH_ABBREVIATIONS } from './abbreviation-table.js';
import type { Rule, RuleContext, RuleMatch } from './rule.js';

const { title: TITLES, suffix: SUFFIXES, reference: REFERENCES, word: WORDS, street: STREETS } = ENGLISH_ABBREVIATIONS;

/**
 * An alternation of terms that also matches them with the other case of their first letter, or
 * all in lower case ("mr.", "Approx.", "dept."), longest first.
 */
function termPattern(terms: readonly string[]): string {
  const forms = new Set<string>();
  for (const term of terms) {
    const first = term[0] as string;
    forms.add(term);
    forms.add((first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()) + term.slice(1));
    forms.add(term.toLowerCase());
  }
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replaceAll('.', '\\.'))
    .join('|');
}

/** The table's entry for a term written in any of the cases {@link termPattern} allows. */
function lookUp(entries: Readonly<Record<string, string>>, written: string): string | undefined {
  const lower = written.toLowerCase();
  for (const term of Object.keys(entries)) if (term.toLowerCase() === lower) return entries[term];
  return undefined;
}

/** The abbreviation's dot is also the sentence's: only closing quotes or brackets follow. */
const SENTENCE_END_AFTER = /^["'\u201D\u2019)\]]*\s*$/;
const PREVIOUS_WORD = /([A-Za-z0-9']+)\s+$/;
const SENTENCE_END = /[.!?:]\s*$/;
const CAPITALISED = /^[A-Z][a-z]/;
const NUMBER_LIKE = /^\d/;
const NEXT_WORD_CAPITALISED = /^\s+[A-Z][a-z]/;
const NEXT_WORD = /^\s+[A-Za-z]/;

/** How far back to look for the word before "St."/"Dr.", in UTF-16 units. */
const LOOK_BEHIND = 48;

function endsSentence(source: string, end: number): boolean {
  return source.length - end <= 16 && SENTENCE_END_AFTER.test(source.slice(end));
}

/** "Street"/"Drive" (true) or "Saint"/"Doctor" (false) for an abbreviation at `start`–`end`. */
function isPlace(source: string, start: number, end: number): boolean {
  const lowerCase = source[start] === 'd' || source[start] === 's';
  const windowStart = Math.max(0, start - LOOK_BEHIND);
  const before = source.slice(windowStart, start);
  const previous = PREVIOUS_WORD.exec(before);
  if (previous !== null) {
    const word = previous[1] as string;
    const beforeWord = before.slice(0, previous.index);
    const startsSentence = beforeWord.trim() === '' ? windowStart === 0 : SENTENCE_END.test(beforeWord);
    if (NUMBER_LIKE.test(word) || (CAPITALISED.test(word) && !startsSentence)) return true;
  }
  // Text written all in lower case ("dr. jones") has no capital to go by: any next word will do.
  return !(lowerCase ? NEXT_WORD : NEXT_WORD_CAPITALISED).test(source.slice(end, end + 3));
}

function withCase(words: string, written: string): string {
  const first = written[0] ?? '';
  const cased = first >= 'A' && first <= 'Z' ? (words[0] ?? '').toUpperCase() + words.slice(1) : words;
  return first >= 'a' && first <= 'z' ? (cased[0] ?? '').toLowerCase() + cased.slice(1) : cased;
}

/** Says `words` for an abbreviation, keeping its dot when that dot also ends the sentence. */
function sayAbbreviation(words: string, keepsDot: boolean, m: RuleMatch, { out, source }: RuleContext): void {
  out.say(keepsDot && m.text.endsWith('.') && endsSentence(source, m.end) ? `${words}.` : words, m.start, m.end);
}

/** Titles before a name, and company or generation suffixes after one ("Acme Inc.", "Jr."). */
const title: Rule = {
  name: 'title',
  pattern: new RegExp(
    String.raw`(?<![A-Za-z.])(?<titleWord>${termPattern([...Object.keys(TITLES), ...Object.keys(SUFFIXES)])})` +
      String.raw`(?:\.|(?<=Mrs|Mr|Ms|Dr|St)(?= [A-Z][a-z]))`,
  ),
  speak(m, ctx) {
    const { out, source } = ctx;
    const word = m.groups.titleWord as string;
    const lower = word.toLowerCase();
    if (lower === 'dr' || lower === 'st') {
      const place = isPlace(source, m.start, m.end);
      const words = withCase(lookUp(place ? STREETS : TITLES, word) as string, word);
      sayAbbreviation(words, place, m, ctx);
      return;
    }
    const suffix = lookUp(SUFFIXES, word);
    if (suffix !== undefined) sayAbbreviation(withCase(suffix, word), true, m, ctx);
    else out.say(withCase(lookUp(TITLES, word) ?? word, word), m.start, m.end);
  },
};

const wordAbbreviation: Rule = {
  name: 'latin',
  pattern: new RegExp(
    String.raw`(?<![A-Za-z.])(?<latinWord>${termPattern(Object.keys(WORDS))})(?:\.|(?<=[Vv]s|[Ee]\.g|[Ii]\.e)(?![A-Za-z.]))`,
  ),
  speak(m, ctx) {
    const word = m.groups.latinWord as string;
    sayAbbreviation(withCase(lookUp(WORDS, word) ?? word, word), true, m, ctx);
  },
};

/** "No. 5" "number five", "vol. 3", "pp. 10-20", "Vol. II": only before a number. */
const reference: Rule = {
  name: 'numero',
  pattern: new RegExp(String.raw`(?<![A-Za-z.])(?<numeroWord>${termPattern(Object.keys(REFERENCES))})\.(?= ?\d| [IVXLC]+\b)`),
  speak(m, { out }) {
    const word = m.groups.numeroWord as string;
    out.say(withCase(lookUp(REFERENCES, word) ?? word, word), m.start, m.end);
  },
};

/** "w/ cheese" "with cheese", "w/o sugar" "without sugar". */
const withWord: Rule = {
  name: 'withWord',
  pattern: /(?<![A-Za-z0-9/])(?<withLetter>[Ww])\/(?<withOut>[Oo])?(?= |$)/,
  speak(m, { out }) {
    out.say(withCase(m.groups.withOut === undefined ? 'with' : 'without', m.groups.withLetter as string), m.start, m.end);
  },
};

/** Said as words, not letters. */
const WORD_ACRONYMS = new Set(
  (
    'NASA NATO SCUBA LASER RADAR FIFA UEFA OPEC AIDS SARS COVID NAFTA IKEA GIF JPEG PIN RAM ROM SIM ' +
    'JSON AJAX WASM CRUD REST POSIX UNIX LINUX ASCII GUI YAML TOML SWAT YOLO ZIP OK ' +
    // English words written in capitals for emphasis.
    'AN THE AND OR BUT NOT NO YES IS ARE WAS WERE BE DO DOES DID IT ITS THIS THAT THESE THOSE YOU YOUR WE ' +
    'ME MY OUR HE SHE HIS HER THEY ALL ANY EVERY EACH ONLY VERY MUST NEVER ALWAYS NOW NEW FREE HOT BIG GO ' +
    'TO OF IN ON AT BY FOR FROM WITH UP SO IF AS OUT STOP WAIT NOTE READ HELP WHY HOW WHAT WHEN WHERE WHO ' +
    'MORE MOST LESS BEST GOOD BAD HUGE SALE LOVE HATE WORK TRUE FALSE NULL NONE DONE SURE REAL LAST NEXT OVER OFF ' +
    // English words that are also Roman numerals, so they are never read as numbers.
    'MIX MIXED MID DIM DID LID VIM CIVIC MIMIC LIVID DISC VIVID MILD'
  ).split(' '),
);
const ROMAN_NUMERAL = /^X{0,3}(?:IX|IV|VI{0,3}|I{0,3})$/;

const acronym: Rule = {
  name: 'acronym',
  pattern: /(?<![A-Za-z0-9\u00C0-\u024F'])(?<acronymLetters>[A-Z]{2,5})(?<acronymPlural>'?s)?(?![A-Za-z\u00C0-\u024F])/,
  speak(m, { out, source, shouting }) {
    const letters = m.groups.acronymLetters as string;
    // "AT&T": next to an ampersand even a word in capitals is letters.
    const nextToAmpersand = source[m.start - 1] === '&' || source[m.end] === '&';
    if (shouting || (!nextToAmpersand && (WORD_ACRONYMS.has(letters) || ROMAN_NUMERAL.test(letters)))) {
      out.copy(m.start, m.end);
      return;
    }
    const spelled = letters.split('').join('-');
    out.say(m.groups.acronymPlural === undefined ? spelled : `${spelled}'s`, m.start, m.end);
  },
};

/** "R&D" "R and D". */
const ampersand: Rule = {
  name: 'ampersand',
  pattern: /&/,
  speak(m, { out }) {
    out.say('and', m.start, m.end);
  },
};

/** In priority order. */
export const ABBREVIATION_RULES: readonly Rule[] = [title, wordAbbreviation, reference, withWord, acronym, ampersand];
