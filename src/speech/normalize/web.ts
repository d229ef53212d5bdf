/**
 * URLs, bare domains and email addresses, read the way people say them: "https://example.com/docs"
 * "example dot com slash docs", "ana@example.org" "ana at example dot org", "www." as "w w w dot",
 * digits one by one ("user123" "user one two three"). The scheme, the query string, the fragment
 * and a trailing slash are left out: they are noise to a listener, and the text on screen keeps
 * them.
 */
import { digitWords } from './number-words.js';
import type { Rule } from './rule.js';

const ADDRESS_PIECES = /[A-Za-z]+|\d+|[^A-Za-z\d]/g;
const SYMBOL_WORDS: Readonly<Record<string, string>> = {
  '.': 'dot',
  '/': 'slash',
  '-': 'dash',
  _: 'underscore',
  '@': 'at',
  ':': 'colon',
  '~': 'tilde',
  '+': 'plus',
  '=': 'equals',
  '&': 'and',
};

const STARTS_WITH_DIGIT = /^\d/;
const STARTS_WITH_LETTER = /^[A-Za-z]/;

/** Spells an address piece by piece; symbols without a common spoken name are left out. */
function addressWords(address: string): string {
  const words: string[] = [];
  for (const [piece] of address.matchAll(ADDRESS_PIECES)) {
    const word = STARTS_WITH_DIGIT.test(piece) ? digitWords(piece) : STARTS_WITH_LETTER.test(piece) ? piece : SYMBOL_WORDS[piece];
    if (word !== undefined) words.push(word);
  }
  return words.join(' ');
}

const SCHEME = /^(?:https?:\/\/)?/i;
const WWW = /^www\./i;
const QUERY_AND_AFTER = /[?#].*$/s;
const TRAILING_SLASHES = /\/+$/;

/** The spoken form of a URL; the host is always kept. */
function urlWords(url: string): string {
  const address = url.replace(SCHEME, '').replace(QUERY_AND_AFTER, '').replace(TRAILING_SLASHES, '');
  return WWW.test(address) ? `w w w dot ${addressWords(address.slice(4))}` : addressWords(address);
}

const HOST = String.raw`[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*`;
/** What follows the first "/", "?" or "#"; it may not end in sentence punctuation. */
const PATH_TAIL = String.raw`(?:[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#]*[A-Za-z0-9\-_~%$&*+=@/#])?`;
const TOP_LEVEL_DOMAINS = 'com|org|net|edu|gov|io|dev|ai|app|co|uk|us|ca|de|fr|eu|au|info|me|tv|ly|sh';

const url: Rule = {
  name: 'url',
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9])(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|www\.)${HOST}(?::\d{1,5})?(?:[/?#]${PATH_TAIL})?`),
  speak(m, { out }) {
    out.say(urlWords(m.text), m.start, m.end);
  },
};

const email: Rule = {
  name: 'email',
  pattern: /(?<![A-Za-z0-9._%+-])(?:mailto:)?[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/,
  speak(m, { out }) {
    const address = m.text.startsWith('mailto:') ? m.text.slice('mailto:'.length) : m.text;
    out.say(addressWords(address), m.start, m.end);
  },
};

/** "example.com/docs" without a scheme: only with a well-known top-level domain. */
const domain: Rule = {
  name: 'domain',
  pattern: new RegExp(
    String.raw`(?<![A-Za-z0-9@._/-])(?:[A-Za-z0-9-]+\.)+(?:${TOP_LEVEL_DOMAINS})(?![A-Za-z0-9-]|\.[A-Za-z0-9])(?:\/${PATH_TAIL})?`,
  ),
  speak(m, { out }) {
    out.say(urlWords(m.text), m.start, m.end);
  },
};

/** In priority order. */
export const WEB_RULES: readonly Rule[] = [url, email, domain];
