/**
 * Abbreviations, titles and acronyms.
 *
 * "Dr." and "St." depend on their neighbours: after a capitalised word that does not start the
 * sentence, or after a number ("Baker St.", "5th St."), they are "Street" and "Drive"; before a
 * capitalised word they are "Saint" and "Doctor"; otherwise "Street" and "Drive".
 *
 * Acronyms of 2–5 capitals are spelled as letters joined by hyphens, "FBI" "F-B-I", "APIs"
 * "A-P-I's": eSpeak reads a lone "A" before another word as the article ("A P I" sounds "uh P
 * I"), while "A-P-I" is read letter by letter. Acronyms said as words ("NASA") and common English
 * words written in capitals for emphasis ("do NOT") stay as they are, as do Roman numerals, and
 * all of them when the whole sentence is in capitals (shouting).
 */
import type { Rule } from './rule.js';

const TITLES: Readonly<Record<string, string>> = {
  Mr: 'Mister',
  Mrs: 'Missus',
  Ms: 'Miz',
  Prof: 'Professor',
  Mt: 'Mount',
  Jr: 'Junior',
  Sr: 'Senior',
  Ave: 'Avenue',
  Blvd: 'Boulevard',
  Inc: 'Incorporated',
  Ltd: 'Limited',
  Corp: 'Corporation',
  Dept: 'Department',
  Fig: 'Figure',
};

/** Said before a name or number: never the last word of a sentence, so they never keep the dot. */
const BEFORE_NAMES = new Set(['Mr', 'Mrs', 'Ms', 'Prof', 'Mt', 'Fig']);

const LATIN: Readonly<Record<string, string>> = {
  etc: 'et cetera',
  'e.g': 'for example',
  'i.e': 'that is',
  vs: 'versus',
  approx: 'approximately',
  'a.k.a': 'also known as',
  cf: 'compare',
};

/** The abbreviation's dot is also the sentence's: only closing quotes or brackets follow. */
const SENTENCE_END_AFTER = /^["'\u201D\u2019)\]]*\s*$/;
const PREVIOUS_WORD = /([A-Za-z0-9']+)\s+$/;
const SENTENCE_END = /[.!?:]\s*$/;
const CAPITALISED = /^[A-Z][a-z]/;
const NUMBER_LIKE = /^\d/;
const NEXT_WORD_CAPITALISED = /^\s+[A-Z][a-z]/;

/** How far back to look for the word before "St."/"Dr.", in UTF-16 units. */
const LOOK_BEHIND = 48;

function endsSentence(source: string, end: number): boolean {
  return source.length - end <= 16 && SENTENCE_END_AFTER.test(source.slice(end));
}

/** "Street"/"Drive" (true) or "Saint"/"Doctor" (false) for an abbreviation at `start`–`end`. */
function isPlace(source: string, start: number, end: number): boolean {
  const windowStart = Math.max(0, start - LOOK_BEHIND);
  const before = source.slice(windowStart, start);
  const previous = PREVIOUS_WORD.exec(before);
  if (previous !== null) {
    const word = previous[1] as string;
    const beforeWord = before.slice(0, previous.index);
    const startsSentence = beforeWord.trim() === '' ? windowStart === 0 : SENTENCE_END.test(beforeWord);
    if (NUMBER_LIKE.test(word) || (CAPITALISED.test(word) && !startsSentence)) return true;
  }
  return !NEXT_WORD_CAPITALISED.test(source.slice(end, end + 3));
}

function withCase(words: string, written: string): string {
  const first = written[0] ?? '';
  return first >= 'A' && first <= 'Z' ? (words[0] ?? '').toUpperCase() + words.slice(1) : words;
}

const title: Rule = {
  name: 'title',
  pattern: /(?<![A-Za-z.])(?<titleWord>Mrs|Mr|Ms|Dr|St|Prof|Mt|Jr|Sr|Ave|Blvd|Inc|Ltd|Corp|Dept|Fig)(?:\.|(?<=Mrs|Mr|Ms|Dr|St)(?= [A-Z][a-z]))/,
  speak(m, { out, source }) {
    const word = m.groups.titleWord as string;
    let words: string;
    if (word === 'Dr' || word === 'St') {
      const place = isPlace(source, m.start, m.end);
      words = word === 'Dr' ? (place ? 'Drive' : 'Doctor') : place ? 'Street' : 'Saint';
    } else {
      words = TITLES[word] ?? word;
    }
    const keepsDot = m.text.endsWith('.') && !BEFORE_NAMES.has(word) && words !== 'Doctor' && words !== 'Saint';
    out.say(keepsDot && endsSentence(source, m.end) ? `${words}.` : words, m.start, m.end);
  },
};

const latin: Rule = {
  name: 'latin',
  pattern: /(?<![A-Za-z.])(?<latinWord>[Ee]tc|[Ee]\.g|[Ii]\.e|[Vv]s|[Aa]pprox|[Aa]\.k\.a|[Cc]f)(?:\.|(?<=[Vv]s|[Ee]\.g|[Ii]\.e)(?![A-Za-z.]))/,
  speak(m, { out, source }) {
    const word = m.groups.latinWord as string;
    const words = withCase(LATIN[word.toLowerCase()] ?? word, word);
    out.say(m.text.endsWith('.') && endsSentence(source, m.end) ? `${words}.` : words, m.start, m.end);
  },
};

/** "No. 5" "number five". */
const numero: Rule = {
  name: 'numero',
  pattern: /(?<![A-Za-z.])(?<numeroWord>[Nn]o)\.(?= ?\d)/,
  speak(m, { out }) {
    out.say(withCase('number', m.groups.numeroWord as string), m.start, m.end);
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
    'MORE MOST LESS BEST GOOD BAD HUGE SALE LOVE HATE WORK TRUE FALSE NULL NONE DONE SURE REAL LAST NEXT OVER OFF'
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
export const ABBREVIATION_RULES: readonly Rule[] = [title, latin, numero, acronym, ampersand];
