/**
 * Markdown, which LLMs write and nobody should hear: emphasis, headings, bullets, quotes and rules
 * are dropped; links and images keep their text (their address is read only when there is no
 * text); inline code keeps its text. A fenced code block is not read out: by default it is
 * replaced by the words "code block omitted", so the listener knows something was skipped; with
 * `codeBlocks: 'drop'` it is dropped silently. An unclosed fence runs to the end of the sentence.
 */
import emojiRegex from 'emoji-regex';
import type { Rule, RuleContext, RuleMatch } from './rule.js';

/** Spoken in place of a fenced code block. */
const CODE_BLOCK_PLACEHOLDER = 'code block omitted';

const EMOJI = emojiRegex();
const SPEAKABLE = /[\p{L}\p{Nd}]/u;

/** Whether text still has a letter or digit once emoji are gone, so reading it says something. */
function isSpeakable(text: string): boolean {
  return SPEAKABLE.test(text.replaceAll(EMOJI, ''));
}

/** Reads `[start + open, start + open + inner)` of a match and drops the markup around it. */
function keepInner(m: RuleMatch, ctx: RuleContext, open: number, inner: number): void {
  const innerStart = m.start + open;
  const innerEnd = innerStart + inner;
  ctx.out.skip(m.start, innerStart);
  ctx.inner(innerStart, innerEnd);
  ctx.out.skip(innerEnd, m.end);
}

/**
 * Longest link text, image description, link address or inline code taken as one, in UTF-16
 * units; the caps keep an unclosed "[" or "`" from rescanning the rest of a long line.
 */
const MAX_INLINE = 500;

/** At the start of a line, after any indentation (which the whitespace rule has taken). */
const LINE_START = String.raw`(?<=(?:^|\n)[ \t]*)`;

const codeFence: Rule = {
  name: 'codeFence',
  pattern: /(?<fenceMark>```|~~~)(?:[\s\S]*?\k<fenceMark>|[\s\S]*)/,
  speak(m, { out, options }) {
    if (options.codeBlocks === 'drop') out.space(m.start, m.end, true);
    else out.say(CODE_BLOCK_PLACEHOLDER, m.start, m.end);
  },
};

/** Line-start markup: a thematic break, heading marks, a bullet or quote marks. */
const lineMarkup: Rule = {
  name: 'lineMarkup',
  pattern: new RegExp(
    `${LINE_START}(?:` +
      [
        String.raw`(?:-{3,}|\*{3,}|_{3,})[ \t]*(?=\n|$)`,
        String.raw`#{1,6}(?:[ \t]+|(?=\n|$))`,
        String.raw`[-*+\u2022][ \t]+`,
        String.raw`>[ \t>]*`,
      ].join('|') +
      ')',
  ),
  speak(m, { out }) {
    out.space(m.start, m.end, true);
  },
};

const image: Rule = {
  name: 'image',
  pattern: new RegExp(String.raw`!\[(?<imageAlt>[^\]\n]{0,${MAX_INLINE}})\]\([^()\s]{0,${MAX_INLINE}}(?: +"[^"\n]{0,${MAX_INLINE}}")?\)`),
  speak(m, ctx) {
    const alt = m.groups.imageAlt as string;
    if (isSpeakable(alt)) keepInner(m, ctx, 2, alt.length);
    else ctx.out.say('image', m.start, m.end);
  },
};

const link: Rule = {
  name: 'link',
  pattern: new RegExp(
    String.raw`\[(?<linkText>[^\]\n]{0,${MAX_INLINE}})\]\((?<linkHref>[^()\s]{0,${MAX_INLINE}})(?: +"[^"\n]{0,${MAX_INLINE}}")?\)` +
      String.raw`|\[(?<refText>[^\]\n]{1,${MAX_INLINE}})\]\[(?<refLabel>[^\]\n]{0,${MAX_INLINE}})\]`,
  ),
  speak(m, ctx) {
    const text = m.groups.linkText ?? (m.groups.refText as string);
    // With nothing to say for the text, the address (or reference label) is read instead.
    if (isSpeakable(text)) keepInner(m, ctx, 1, text.length);
    else keepInner(m, ctx, text.length + 3, (m.groups.linkHref ?? m.groups.refLabel ?? '').length);
  },
};

/** "<https://example.com>", "<ana@example.org>". */
const autolink: Rule = {
  name: 'autolink',
  pattern: /<(?<autolinkTarget>(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|mailto:)[^\s<>]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)>/,
  speak(m, ctx) {
    keepInner(m, ctx, 1, (m.groups.autolinkTarget as string).length);
  },
};

const inlineCode: Rule = {
  name: 'inlineCode',
  pattern: new RegExp(String.raw`\`(?<codeText>[^\`\n]{1,${MAX_INLINE}})\``),
  speak(m, ctx) {
    keepInner(m, ctx, 1, (m.groups.codeText as string).length);
  },
};

/**
 * Emphasis and strikethrough delimiters, which open before a non-space and close after one, and
 * never inside a word: "snake_case" and "2 * 3" keep theirs. A backtick left unpaired goes too.
 */
const emphasis: Rule = {
  name: 'emphasis',
  pattern: /(?<![A-Za-z0-9*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s*_~])(?:\*{1,3}|_{1,3}|~~)(?![A-Za-z0-9*_~])|`+/,
  speak(m, { out }) {
    out.skip(m.start, m.end);
  },
};

/** In priority order. */
export const MARKDOWN_RULES: readonly Rule[] = [codeFence, lineMarkup, image, link, autolink, inlineCode, emphasis];
