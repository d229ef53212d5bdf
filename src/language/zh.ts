/**
 * Chinese: sentences end at 。！？ without a space, and title and quotation brackets (《》「」“”)
 * hold marks that do not end the sentence around them ("《摔跤吧！爸爸》"). That bracket rule is
 * script-wide, in the scanner. Latin-script passages inside Chinese text ("Dr. Lee", "etc.")
 * follow the English rules, so the English lists are shared, not copied.
 */
import { EN } from './en.js';
import type { LanguageRules } from './language-rules.js';

export const ZH: LanguageRules = {
  code: 'zh',
  name: 'Chinese',
  abbreviations: EN.abbreviations,
  sentenceStarters: EN.sentenceStarters,
};
