/**
 * Dates and clock times.
 *
 * Dates are read month first, day as an ordinal, then the year: "2026-11-28", "2026/11/28",
 * "11/28/2026", "11-28-2026" and "Nov. 28, 2026" all read "November twenty-eighth, twenty twenty-six". Slash dates are taken as
 * US month/day/year; only when the first number cannot be a month (13–31) are they read as
 * day/month/year ("25.07.2012"). "28 November 2026" reads "the twenty-eighth of November, twenty twenty-six".
 *
 * Abbreviated weekdays before a date are said in full ("Tue, Mar 5" "Tuesday March fifth").
 *
 * Times: "10:30" "ten thirty", "1.59 p.m." "one fifty-nine p.m.", "0800 hours" "oh eight hundred
 * hours", "14:05" "fourteen oh five", "10:00" "ten o'clock", "14:00"
 * "fourteen hundred", "00:00" "midnight", and "10:30 am", "9pm", "9 P.M." keep "a.m."/"p.m.",
 * which eSpeak reads as letters.
 */
import { cardinalWords, ordinalWords, yearWords } from './number-words.js';
import type { Rule } from './rule.js';

/** Month names, January first. */
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_BY_PREFIX: Readonly<Record<string, string>> = Object.fromEntries(MONTHS.map((name) => [name.slice(0, 3), name]));

const DAY = String.raw`[12]\d|3[01]|0?[1-9]`;
const MONTH_NAME = String.raw`Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?`;

const AFTER_THE = /\b[Tt]he $/;

/** "Sept" → "September". */
function monthName(written: string): string {
  return MONTH_BY_PREFIX[written.slice(0, 3)] ?? written;
}

function monthDayYear(month: number, day: string, year: string | undefined): string {
  const head = `${MONTHS[month - 1]} ${ordinalWords(day)}`;
  return year === undefined ? head : `${head}, ${yearWords(Number(year))}`;
}

const isoDate: Rule = {
  name: 'isoDate',
  needsDigit: true,
  pattern: /(?<![\d.-])(?<isoYear>\d{4})(?<isoSeparator>[-/.])(?<isoMonth>0[1-9]|1[0-2])\k<isoSeparator>(?<isoDay>0[1-9]|[12]\d|3[01])(?![\d-])/,
  speak(m, { out }) {
    const g = m.groups;
    out.say(monthDayYear(Number(g.isoMonth), g.isoDay as string, g.isoYear), m.start, m.end);
  },
};

const slashDate: Rule = {
  name: 'slashDate',
  needsDigit: true,
  pattern: /(?<![\d/.-])(?<slashFirst>\d{1,2})(?<slashSeparator>[/.-])(?<slashSecond>\d{1,2})\k<slashSeparator>(?<slashYear>\d{4})(?![\d/]|[.-]\d)/,
  speak(m, { out }) {
    const g = m.groups;
    const first = Number(g.slashFirst);
    const second = Number(g.slashSecond);
    if (first >= 1 && first <= 12 && second >= 1 && second <= 31) {
      out.say(monthDayYear(first, g.slashSecond as string, g.slashYear), m.start, m.end);
    } else if (first >= 13 && first <= 31 && second >= 1 && second <= 12) {
      out.say(monthDayYear(second, g.slashFirst as string, g.slashYear), m.start, m.end);
    } else {
      const parts = [cardinalWords(g.slashFirst as string), cardinalWords(g.slashSecond as string), yearWords(Number(g.slashYear))];
      out.say(parts.join(' slash '), m.start, m.end);
    }
  },
};

const monthNameDate: Rule = {
  name: 'monthNameDate',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![A-Za-z])(?<mdMonth>${MONTH_NAME})\.? (?<mdDay>${DAY})(?:st|nd|rd|th)?(?![\d:A-Za-z])(?:,? (?<mdYear>\d{4})(?!\d))?`,
  ),
  speak(m, { out }) {
    const g = m.groups;
    const month = MONTHS.indexOf(monthName(g.mdMonth as string)) + 1;
    out.say(monthDayYear(month, g.mdDay as string, g.mdYear), m.start, m.end);
  },
};

const dayMonthDate: Rule = {
  name: 'dayMonthDate',
  needsDigit: true,
  pattern: new RegExp(
    String.raw`(?<![\d.,])(?<dmDay>${DAY})(?:st|nd|rd|th)? (?<dmMonth>${MONTH_NAME})(?:\.|(?![A-Za-z]))(?:,? (?<dmYear>\d{4})(?!\d))?`,
  ),
  speak(m, { out, source }) {
    const g = m.groups;
    const month = monthName(g.dmMonth as string);
    // "on the 26th May": the written "the" is already said.
    const article = AFTER_THE.test(source.slice(Math.max(0, m.start - 4), m.start)) ? '' : 'the ';
    const head = `${article}${ordinalWords(g.dmDay as string)} of ${month}`;
    out.say(g.dmYear === undefined ? head : `${head}, ${yearWords(Number(g.dmYear))}`, m.start, m.end);
  },
};

function minuteWords(minute: number): string {
  return minute < 10 ? `oh ${cardinalWords(String(minute))}` : cardinalWords(String(minute));
}

/**
 * "a.m." or "p.m."; the final dot is left off when the source has a sentence dot right after the
 * match, which is then copied, so "9 pm." does not become "p.m..".
 */
function halfWords(half: string, source: string, end: number): string {
  const letters = half.toLowerCase() === 'a' ? 'a.m' : 'p.m';
  return source[end] === '.' ? letters : `${letters}.`;
}

const clockTime: Rule = {
  name: 'clockTime',
  needsDigit: true,
  pattern:
    /(?<![\d:.])(?<clockHour>[01]?\d|2[0-3]):(?<clockMinute>[0-5]\d)(?::(?<clockSecond>[0-5]\d))?(?![\d:])(?: ?(?<clockHalf>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?/,
  speak(m, { out, source }) {
    const g = m.groups;
    const hour = Number(g.clockHour);
    const minute = Number(g.clockMinute);
    const second = Number(g.clockSecond ?? '0');
    let words: string;
    if (minute !== 0) words = `${cardinalWords(String(hour))} ${minuteWords(minute)}`;
    else if (g.clockHalf !== undefined) words = cardinalWords(String(hour));
    else if (hour === 0) words = 'midnight';
    else words = `${cardinalWords(String(hour))} ${hour <= 12 ? "o'clock" : 'hundred'}`;
    if (second !== 0) words += ` and ${cardinalWords(String(second))} ${second === 1 ? 'second' : 'seconds'}`;
    if (g.clockHalf !== undefined) words += ` ${halfWords(g.clockHalf, source, m.end)}`;
    out.say(words, m.start, m.end);
  },
};

/** "9pm", "11 a.m.". */
const hourTime: Rule = {
  name: 'hourTime',
  needsDigit: true,
  pattern: /(?<![\d:.])(?<hourValue>1[0-2]|0?[1-9]) ?(?<hourHalf>[AaPp])\.?[Mm]\.?(?![A-Za-z])/,
  speak(m, { out, source }) {
    const g = m.groups;
    out.say(`${cardinalWords(g.hourValue as string)} ${halfWords(g.hourHalf as string, source, m.end)}`, m.start, m.end);
  },
};

const WEEKDAYS: Readonly<Record<string, string>> = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Tues: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Thur: 'Thursday',
  Thurs: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
};

/** "Tue, Mar 5", "Wed., Oct. 4": an abbreviated weekday only right before a date. */
const weekday: Rule = {
  name: 'weekday',
  pattern: new RegExp(String.raw`(?<![A-Za-z])(?<weekdayName>${Object.keys(WEEKDAYS).join('|')})\.?(?=,? (?:${MONTH_NAME}|${DAY})(?![A-Za-z]))`),
  speak(m, { out }) {
    out.say(WEEKDAYS[m.groups.weekdayName as string] as string, m.start, m.end);
  },
};

/** "79 AD", "500 BC", "AD 79", "the year 1066": numbers that are years by their context. */
const eraYear: Rule = {
  name: 'eraYear',
  needsDigit: true,
  pattern:
    /(?<![\d.,])(?<eraYearDigits>\d{1,4}) ?(?<eraName>BCE|BC|AD|CE)(?![A-Za-z])|(?<=\b(?:AD|A\.D\.|[Yy]ear) )(?<eraYearAfter>\d{1,4})(?![\d.,:])/,
  speak(m, { out }) {
    const g = m.groups;
    const year = yearWords(Number(g.eraYearDigits ?? g.eraYearAfter));
    out.say(g.eraName === undefined ? year : `${year} ${g.eraName.split('').join('-')}`, m.start, m.end);
  },
};

/** "Jan. 2020", "in Sept.": an abbreviated month with its dot or before a year, said in full. */
const monthAbbreviation: Rule = {
  name: 'monthAbbreviation',
  pattern: /(?<![A-Za-z])(?<monthShort>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?= \d{4}(?!\d)))/,
  speak(m, { out, source }) {
    const name = monthName(m.groups.monthShort as string);
    // "in Jan." at the end: the dot is the sentence's too.
    out.say(m.text.endsWith('.') && source.slice(m.end).trim() === '' ? `${name}.` : name, m.start, m.end);
  },
};

/** "1.59 p.m.", "8.30 am": a dot between hour and minutes, only with a.m./p.m. */
const dotTime: Rule = {
  name: 'dotTime',
  needsDigit: true,
  pattern: /(?<![\d.])(?<dotHour>1[0-2]|0?[1-9])\.(?<dotMinute>[0-5]\d) ?(?<dotHalf>[AaPp])\.?[Mm]\.?(?![A-Za-z])/,
  speak(m, { out, source }) {
    const g = m.groups;
    const minute = Number(g.dotMinute);
    const hour = cardinalWords(String(Number(g.dotHour)));
    const words = minute === 0 ? hour : `${hour} ${minuteWords(minute)}`;
    out.say(`${words} ${halfWords(g.dotHalf as string, source, m.end)}`, m.start, m.end);
  },
};

/** "0800 hours" "oh eight hundred hours", "1430 hrs" "fourteen thirty hours". */
const militaryTime: Rule = {
  name: 'militaryTime',
  needsDigit: true,
  pattern: /(?<![\d.,])(?<militaryHour>[01]\d|2[0-3])(?<militaryMinute>[0-5]\d)(?= ?(?:hours|hrs)\b)/,
  speak(m, { out }) {
    const hour = Number(m.groups.militaryHour);
    const minute = Number(m.groups.militaryMinute);
    const hourWords = hour < 10 ? `oh ${cardinalWords(String(hour))}` : cardinalWords(String(hour));
    out.say(`${hourWords} ${minute === 0 ? 'hundred' : minuteWords(minute)}`, m.start, m.end);
  },
};

/** In priority order. */
export const DATE_TIME_RULES: readonly Rule[] = [
  isoDate,
  slashDate,
  weekday,
  monthNameDate,
  dayMonthDate,
  monthAbbreviation,
  eraYear,
  clockTime,
  dotTime,
  militaryTime,
  hourTime,
];
