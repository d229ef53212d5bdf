/**
 * What normalizeForSpeech says, exactly, for each kind of written text it must expand. Each row is
 * [written, spoken]; a change in any reading shows up here as a diff of words.
 */
import emojiRegex from 'emoji-regex';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech } from '../../src/speech/normalize.js';
import { MAY_HOLD_EMOJI } from '../../src/speech/normalize/characters.js';

const CASES: Record<string, [string, string][]> = {
  numbers: [
    ['3.14', 'three point one four'],
    ['It has 7 parts.', 'It has seven parts.'],
    ['0', 'zero'],
    ['42', 'forty-two'],
    ['1,200,000', 'one million two hundred thousand'],
    ['1,000.5', 'one thousand point five'],
    ['-5', 'minus five'],
    ['It fell to -12.5 today.', 'It fell to minus twelve point five today.'],
    ['−3', 'minus three'],
    ['Room 007', 'Room zero zero seven'],
    ['order 12345678', 'order one two three four five six seven eight'],
    ['123456', 'one hundred twenty-three thousand four hundred fifty-six'],
    ['1234567', 'one two three four five six seven'],
    ['abc123', 'abc one hundred twenty-three'],
    ['2-3 servings', 'two to three servings'],
    ['10–15 minutes', 'ten to fifteen minutes'],
    ['1990-2000', 'nineteen ninety to two thousand'],
    ['5-10 km', 'five to ten kilometers'],
    ['COVID-19', 'COVID-nineteen'],
    ['~8 billion', 'about eight billion'],
    ['99999999999999999999999', 'nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine nine'],
  ],
  years: [
    ['in 1999', 'in nineteen ninety-nine'],
    ['2005', 'two thousand five'],
    ['since 2010', 'since twenty ten'],
    ['in 1905', 'in nineteen oh five'],
    ['in 1900', 'in nineteen hundred'],
    ['2000', 'two thousand'],
    ['the 1990s', 'the nineteen nineties'],
    ['the 80s', 'the eighties'],
    ['2048 tokens', 'twenty forty-eight tokens'],
    ['in 1066', 'in one thousand sixty-six'],
  ],
  money: [
    ['$3.50', 'three dollars and fifty cents'],
    ['$1', 'one dollar'],
    ['$1.00', 'one dollar'],
    ['$0.99', 'ninety-nine cents'],
    ['$0.01', 'one cent'],
    ['€1,200', 'one thousand two hundred euros'],
    ['£5m', 'five million pounds'],
    ['£1.50', 'one pound and fifty pence'],
    ['$2.5 billion', 'two point five billion dollars'],
    ['$3bn', 'three billion dollars'],
    ['$4k', 'four thousand dollars'],
    ['¥100', 'one hundred yen'],
    ['₹250', 'two hundred fifty rupees'],
    ['100€', 'one hundred euros'],
    ['-$5', 'minus five dollars'],
    ['$3.505', 'three point five zero five dollars'],
    ['$12,345.67', 'twelve thousand three hundred forty-five dollars and sixty-seven cents'],
  ],
  percentages: [
    ['45%', 'forty-five percent'],
    ['3.5%', 'three point five percent'],
    ['100 %', 'one hundred percent'],
    ['-2%', 'minus two percent'],
  ],
  ordinals: [
    ['21st', 'twenty-first'],
    ['2nd', 'second'],
    ['103rd', 'one hundred third'],
    ['11th', 'eleventh'],
    ['1,000th', 'one thousandth'],
    ['3rd place', 'third place'],
  ],
  dates: [
    ['2026-11-28', 'November twenty-eighth, twenty twenty-six'],
    ['11/28/2026', 'November twenty-eighth, twenty twenty-six'],
    ['28/11/2026', 'November twenty-eighth, twenty twenty-six'],
    ['13/13/2026', 'thirteen slash thirteen slash twenty twenty-six'],
    ['Nov. 28, 2026', 'November twenty-eighth, twenty twenty-six'],
    ['November 28', 'November twenty-eighth'],
    ['May 5th', 'May fifth'],
    ['28 November 2026', 'the twenty-eighth of November, twenty twenty-six'],
    ['on 1 May', 'on the first of May'],
  ],
  'clock times': [
    ['10:30 a.m.', 'ten thirty a.m.'],
    ['10:30 am', 'ten thirty a.m.'],
    ['14:05', 'fourteen oh five'],
    ['9pm', 'nine p.m.'],
    ['11 A.M.', 'eleven a.m.'],
    ['10:00', "ten o'clock"],
    ['14:00', 'fourteen hundred'],
    ['00:00', 'midnight'],
    ['12:07', 'twelve oh seven'],
    ['at 9 pm.', 'at nine p.m.'],
    ['10:30:15', 'ten thirty and fifteen seconds'],
    ['7:45 PM', 'seven forty-five p.m.'],
    ['at 3:00 PM on Friday.', 'at three p.m. on Friday.'],
  ],
  units: [
    ['5 km', 'five kilometers'],
    ['1 km', 'one kilometer'],
    ['20°C', 'twenty degrees Celsius'],
    ['-4°F', 'minus four degrees Fahrenheit'],
    ['90°', 'ninety degrees'],
    ['3 kg', 'three kilograms'],
    ['100 mph', 'one hundred miles per hour'],
    ['5 GB', 'five gigabytes'],
    ['10 ms', 'ten milliseconds'],
    ['2.5 kg', 'two point five kilograms'],
    ['1 ft', 'one foot'],
    ['6 ft', 'six feet'],
    ['60 km/h', 'sixty kilometers per hour'],
    ['3 GHz', 'three gigahertz'],
    ['5m', 'five meters'],
  ],
  'abbreviations and titles': [
    ['Dr. Smith', 'Doctor Smith'],
    ['Mulholland Dr.', 'Mulholland Drive.'],
    ['St. Louis', 'Saint Louis'],
    ['Baker St.', 'Baker Street.'],
    ['on 5th St. now', 'on fifth Street now'],
    ['apples, pears, etc.', 'apples, pears, et cetera.'],
    ['e.g. this', 'for example this'],
    ['E.g. this', 'For example this'],
    ['i.e. that', 'that is that'],
    ['cats vs. dogs', 'cats versus dogs'],
    ['cats vs dogs', 'cats versus dogs'],
    ['Mr. and Mrs. Lee', 'Mister and Missus Lee'],
    ['Ms. Jones', 'Miz Jones'],
    ['Prof. Ada', 'Professor Ada'],
    ['No. 5', 'Number five'],
    ['#1 fan', 'number one fan'],
    ['Acme Inc.', 'Acme Incorporated.'],
    ['R&D', 'R and D'],
    ['See Fig. 3.', 'See Figure three.'],
  ],
  acronyms: [
    ['the FBI', 'the F-B-I'],
    ['an API', 'an A-P-I'],
    ['a URL', 'a U-R-L'],
    ['GPUs', 'G-P-U\'s'],
    ['NASA and NATO', 'NASA and NATO'],
    ['SCUBA gear', 'SCUBA gear'],
    ['Hello World', 'Hello World'],
    ['do NOT', 'do NOT'],
    ['World War II', 'World War two'],
    ['the U.S.', 'the U.S.'],
    ['MP3', 'M-P three'],
    ['AT&T', 'A-T and T'],
    ['OK then', 'OK then'],
    ['HELLO THERE FRIEND', 'HELLO THERE FRIEND'],
  ],
  'URLs and email addresses': [
    ['https://example.com/docs', 'example dot com slash docs'],
    ['http://www.example.com/', 'w w w dot example dot com'],
    ['see https://example.com/a-b_c?q=1#top.', 'see example dot com slash a dash b underscore c.'],
    ['example.com', 'example dot com'],
    ['ana@example.org', 'ana at example dot org'],
    ['ana.lee+news@mail.example.co.uk', 'ana dot lee plus news at mail dot example dot co dot uk'],
    ['localhost:3000', 'localhost:three thousand'],
    ['https://api.example.io:8080/v2/users', 'api dot example dot io colon eight zero eight zero slash v two slash users'],
  ],
  'phone numbers': [
    ['+1 555-0100', 'plus one, five five five, zero one zero zero'],
    ['(555) 123-4567', 'five five five, one two three, four five six seven'],
    ['555-123-4567', 'five five five, one two three, four five six seven'],
    ['555-0100', 'five five five, zero one zero zero'],
    ['+44 20 7946 0958', 'plus four four, two zero, seven nine four six, zero nine five eight'],
    ['1-800-555-0199', 'one, eight zero zero, five five five, zero one nine nine'],
    ['555.123.4567', 'five five five, one two three, four five six seven'],
  ],
  versions: [
    ['v1.2.3', 'version one point two point three'],
    ['v2', 'version two'],
    ['Node 20.11.1', 'Node twenty point eleven point one'],
  ],
  markdown: [
    ['**bold**', 'bold'],
    ['*it*', 'it'],
    ['_x_', 'x'],
    ['~~gone~~', 'gone'],
    ['snake_case_name', 'snake_case_name'],
    ['2 * 3', 'two * three'],
    ['# Heading', 'Heading'],
    ['### Deep heading', 'Deep heading'],
    ['[the docs](https://example.com)', 'the docs'],
    ['![a cat](cat.png)', 'a cat'],
    ['![](cat.png)', 'image'],
    ['[](https://example.com)', 'example dot com'],
    ['<https://example.com>', 'example dot com'],
    ['use `npm test` now', 'use npm test now'],
    ['```js\nconst x = 1;\n```', 'code block omitted'],
    ['Run this:\n```\nls\n```', 'Run this: code block omitted'],
    ['- item one', 'item one'],
    ['* item two', 'item two'],
    ['+ item three', 'item three'],
    ['1. Preheat', 'one. Preheat'],
    ['> quoted', 'quoted'],
    ['---', ''],
    ['text\n# Heading\n- one\n- two', 'text, Heading, one, two'],
  ],
  'emoji and whitespace': [
    ['great 👍 thanks', 'great thanks'],
    ['hello😀world', 'hello world'],
    ['👨‍👩‍👧 family', 'family'],
    ['🇺🇸 flag', 'flag'],
    ['© 2024', 'twenty twenty-four'],
    ['hello   world', 'hello world'],
    ['  padded  ', 'padded'],
    ['tab\there', 'tab here'],
    ['a\u200bb', 'ab'],
  ],
};

describe('normalizeForSpeech', () => {
  for (const [category, rows] of Object.entries(CASES)) {
    describe(category, () => {
      it.each(rows)('%j → %j', (written, spoken) => {
        expect(normalizeForSpeech(written).text).toBe(spoken);
      });
    });
  }

  it('covers at least 80 cases', () => {
    expect(Object.values(CASES).flat().length).toBeGreaterThanOrEqual(80);
  });

  it('reads a mixed sentence', () => {
    const written = 'Dr. Smith said the **new** API costs $3.50 per 1,000 calls (about 45% less) since 2026-11-28; call +1 555-0100 👍';
    expect(normalizeForSpeech(written).text).toBe(
      'Doctor Smith said the new A-P-I costs three dollars and fifty cents per one thousand calls (about forty-five percent less) ' +
        'since November twenty-eighth, twenty twenty-six; call plus one, five five five, zero one zero zero',
    );
  });

  it('reads link text and inline code with the same rules', () => {
    expect(normalizeForSpeech('[$5 off](https://shop.example.com) with `v1.2`').text).toBe('five dollars off with version one point two');
  });

  it('keeps a gap where an emoji or markup stood between a rewrite and a word', () => {
    expect(normalizeForSpeech('costs $5👍now').text).toBe('costs five dollars now');
    expect(normalizeForSpeech('5G and abc123').text).toBe('five G and abc one hundred twenty-three');
  });

  it('leaves capitals alone when the whole sentence is shouted', () => {
    expect(normalizeForSpeech('THE FBI IS HERE').text).toBe('THE FBI IS HERE');
    expect(normalizeForSpeech('The FBI is here').text).toBe('The F-B-I is here');
  });
});

describe('normalizeForSpeech options', () => {
  it("drops code blocks silently with codeBlocks: 'drop'", () => {
    expect(normalizeForSpeech('Run this:\n```\nls -la\n```\nthen wait.', { codeBlocks: 'drop' }).text).toBe('Run this: then wait.');
    expect(normalizeForSpeech('```\nls\n```', { codeBlocks: 'drop' }).text).toBe('');
  });

  it('says the placeholder by default and for an unclosed fence', () => {
    expect(normalizeForSpeech('See:\n```js\nconst a = 1;').text).toBe('See: code block omitted');
    expect(normalizeForSpeech('```a``` and ```b```', { language: 'en' }).text).toBe('code block omitted and code block omitted');
  });

  it('picks the rules by language, with English as the fallback', () => {
    expect(normalizeForSpeech('Es kostet 3,50 € und 21 % mehr, also 1.234 Stück.', { language: 'de' }).text).toBe(
      'Es kostet drei Euro fünfzig und einundzwanzig Prozent mehr, also tausend zwei hundert vierunddreißig Stück.',
    );
    expect(normalizeForSpeech('Pi ist -3,14.', { language: 'de-DE' }).text).toBe('Pi ist minus drei Komma eins vier.');
    expect(normalizeForSpeech('It costs $5.', { language: 'en-gb-x-rp' }).text).toBe('It costs five dollars.');
    expect(normalizeForSpeech('It costs $5.', { language: 'fr' }).text).toBe('It costs five dollars.');
  });

  it('rejects unknown options and values, naming them', () => {
    expect(() => normalizeForSpeech('x', { language: '' } as never)).toThrow(/options\.language/);
    expect(() => normalizeForSpeech('x', { codeBlocks: 'read' } as never)).toThrow(/options\.codeBlocks/);
    expect(() => normalizeForSpeech('x', { speed: 2 } as never)).toThrow(/unknown option "speed"/);
  });
});

describe('emoji pre-check', () => {
  it('flags every non-ASCII character an emoji can start with, so the emoji rule is never skipped', () => {
    const startsEmoji = new RegExp(`^(?:${emojiRegex().source})`);
    const suffixes = ['', '\ufe0f', '\u20e3', '\ud83c\udffb', '\u200d\u2642\ufe0f'];
    const missed: string[] = [];
    for (let code = 0x80; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (suffixes.some((suffix) => startsEmoji.test(char + suffix)) && !MAY_HOLD_EMOJI.test(char)) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
    // Astral emoji all start with one of these lead surrogates.
    for (const lead of [0xd83c, 0xd83d, 0xd83e]) expect(MAY_HOLD_EMOJI.test(String.fromCharCode(lead))).toBe(true);
  });

  it('does not flag curly quotes and dashes, which are common in plain text', () => {
    expect(MAY_HOLD_EMOJI.test('\u2018\u2019\u201c\u201d\u2013\u2014\u2026')).toBe(false);
  });
});
