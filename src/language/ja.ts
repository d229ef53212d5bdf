/**
 * Japanese: sentences end at 。！？ without a space, and quotation brackets (「」『』) hold marks that
 * do not end the sentence around them ("「ここだ。」と言った。"). That bracket rule is
 * script-wide, in the scanner. Latin-script passages inside Japanese text ("Dr. Lee", "etc.")
 * follow the English rules, so the English lists are shared, not copied.
 */
import { EN } from './en.js';
import type { LanguageRules } from './language-rules.js';

export const JA: LanguageRules = {
  code: 'ja',
  name: 'Japanese',
  abbreviations: EN.abbreviations,
  sentenceStarters: EN.sentenceStarters,
};
