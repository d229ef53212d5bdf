/**
 * Cases from the test suites of the peer splitters the bench compares with. Their tests mostly
 * assert a count of sentences; the splits here are written out by hand to match that count.
 *
 * - sbd (Fabiën Tesselaar, MIT licence, https://github.com/Tessmore/sbd, test/*.js). Left out:
 *   its HTML-stripping test and its abbreviation-list option (Polish with "np", "pkt" passed
 *   in), which exercise options, not rules.
 * - sentence-splitter (azu, MIT licence, https://github.com/textlint-rule/sentence-splitter,
 *   test/sentence-splitter-test.ts). Where it keeps "text\n\ntext" as one sentence, the split
 *   here follows this project's rule that a blank line always ends a sentence.
 * - Intl.Segmenter: the sentence-boundary cases of test262 and SpiderMonkey (Mozilla, BSD
 *   licence, "intl402/Segmenter" sentence granularity after UAX #29), the ones that are text.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const SBD_SUITE: CorpusClass = {
  name: 'sbd test suite',
  language: 'en',
  cases: [
    c(
      'Lorem ipsum, dolor sed amat frequentor minimus In I.C.T we have multiple challenges! There should only be two sentences.',
      'Lorem ipsum, dolor sed amat frequentor minimus In I.C.T we have multiple challenges!',
      'There should only be two sentences.',
    ),
    c(
      'From amat frequentor minimus hello there at 8 a.m. there p.m. should only be two sentences.',
      'From amat frequentor minimus hello there at 8 a.m. there p.m. should only be two sentences.',
    ),
    c(
      "The school, called Booker T and Stevie Ray's Wrestling and Mixed Mart Arts Academy, will have an open house 2-6 p.m. Saturday.",
      "The school, called Booker T and Stevie Ray's Wrestling and Mixed Mart Arts Academy, will have an open house 2-6 p.m. Saturday.",
    ),
    c(
      'Fig. 2. displays currency rates i.e. something libsum. Currencies widely available (i.e. euro, dollar, pound), or alternatively (e.g. €, $, etc.)',
      'Fig. 2. displays currency rates i.e. something libsum.',
      'Currencies widely available (i.e. euro, dollar, pound), or alternatively (e.g. €, $, etc.)',
    ),
    c(
      'Claims 1–6 and 15–26 are rejected under pre-AIA 35 USC § 103(a) as being unpatentable over Chalana et al. (US 2012/0179503) in view of Oh (US 2013/0013993).',
      'Claims 1–6 and 15–26 are rejected under pre-AIA 35 USC § 103(a) as being unpatentable over Chalana et al. (US 2012/0179503) in view of Oh (US 2013/0013993).',
    ),
    c(
      'Et al. is an abbreviation of the Latin loanphrase et alii, meaning and others. It is similar to etc. (short for et cetera, meaning and the rest), but whereas etc. applies to things, et al. applies to people.',
      'Et al. is an abbreviation of the Latin loanphrase et alii, meaning and others.',
      'It is similar to etc. (short for et cetera, meaning and the rest), but whereas etc. applies to things, et al. applies to people.',
    ),
    c('First sentence... Another sentence', 'First sentence...', 'Another sentence'),
    c('Lorem ipsum, dolor sed amat frequentor minimus. Second sentence.', 'Lorem ipsum, dolor sed amat frequentor minimus.', 'Second sentence.'),
    c(
      'Sen. Barack Obama became the 44th President of the US. Millions attended.',
      'Sen. Barack Obama became the 44th President of the US.',
      'Millions attended.',
    ),
    c(
      'Barack Obama, previously Sen. of lorem ipsum, became the 44th President of the U.S. Millions attended.',
      'Barack Obama, previously Sen. of lorem ipsum, became the 44th President of the U.S.',
      'Millions attended.',
    ),
    c(
      'Baril, a Richmond lawyer once nominated for a federal prosecutors job, endorsed a faith-based drug initiative in local jails patterned after the Henrico County jails therapeutic program called Project R.I.S.E. Just as important, he had a great foil across the net.',
      'Baril, a Richmond lawyer once nominated for a federal prosecutors job, endorsed a faith-based drug initiative in local jails patterned after the Henrico County jails therapeutic program called Project R.I.S.E.',
      'Just as important, he had a great foil across the net.',
    ),
    c(
      'Newsletter AIDs CARE, EDUCATION AND TRAINING Issue No. 7. Acet Home Care, which moves into the building in July, will share the offices with two other AIDS charities, P.A.L.S. (Portsmouth AIDS Link Support) and the Link Project.',
      'Newsletter AIDs CARE, EDUCATION AND TRAINING Issue No. 7.',
      'Acet Home Care, which moves into the building in July, will share the offices with two other AIDS charities, P.A.L.S. (Portsmouth AIDS Link Support) and the Link Project.',
    ),
    c(
      'Another is expanded hours of operation -- from fewer than five hours a day to 9:30 a.m. to 4 p.m. Monday through Saturday. Sunday remains closed.',
      'Another is expanded hours of operation -- from fewer than five hours a day to 9:30 a.m. to 4 p.m. Monday through Saturday.',
      'Sunday remains closed.',
    ),
    c(
      "Gold Wing Road Rider's Association - Coffee break, Guzzardo's Italian Villa, eat, 6 p.m.; ride, 7 p.m. Then at 9 p.m. go home.",
      "Gold Wing Road Rider's Association - Coffee break, Guzzardo's Italian Villa, eat, 6 p.m.; ride, 7 p.m.",
      'Then at 9 p.m. go home.',
    ),
    c('Hello Barney.The bird in the word.', 'Hello Barney.', 'The bird in the word.'),
    c('Hello this is my first sentence? There is also a second! A third', 'Hello this is my first sentence?', 'There is also a second!', 'A third'),
    c('HELLO A.TOP IS NICE', 'HELLO A.TOP IS NICE'),
    c('Search on http://google.com\n\nThen send me an email: gg@gggg.kk', 'Search on http://google.com', 'Then send me an email: gg@gggg.kk'),
    c('First sentence.', 'First sentence.'),
    c('First sentence... another sentence', 'First sentence... another sentence'),
    c('On Jan. 20, former Sen. Barack Obama became the 44th President of the U.S.', 'On Jan. 20, former Sen. Barack Obama became the 44th President of the U.S.'),
    c(
      'It happened around 5:30 p.m. in the 500 block of W. 82nd St. Investigators say Terrence Taylor, 22, and Deontrell Sloan, 17, got into an argument over money during the game.',
      'It happened around 5:30 p.m. in the 500 block of W. 82nd St. Investigators say Terrence Taylor, 22, and Deontrell Sloan, 17, got into an argument over money during the game.',
    ),
    c(
      "GARY Mayor Scott L. King has declared a 'cash crisis' and has asked city department heads to put off all non-essential spending until June.",
      "GARY Mayor Scott L. King has declared a 'cash crisis' and has asked city department heads to put off all non-essential spending until June.",
    ),
    c('HOWELL, Mich. - Blissfield was only nine outs away from ending the longest winning streak', 'HOWELL, Mich. - Blissfield was only nine outs away from ending the longest winning streak'),
    c(
      '33 FORT LAUDERDALE U.S. President George W Bush touted free trade as a means of strengthening democracy',
      '33 FORT LAUDERDALE U.S. President George W Bush touted free trade as a means of strengthening democracy',
    ),
    c('Mike Tyler rides his bike on Del. 1 near Lewes early last month', 'Mike Tyler rides his bike on Del. 1 near Lewes early last month'),
    c('Hello.this is my first sentence.', 'Hello.this is my first sentence.'),
    c(
      'Lorem ipsum, dolor sed amat frequentor minimus with a sentence [example?] that should not (Though sometimes...) be two or more (but one!) sentences.',
      'Lorem ipsum, dolor sed amat frequentor minimus with a sentence [example?] that should not (Though sometimes...) be two or more (but one!) sentences.',
    ),
    c('Hello this is my first sentence . There is also a second.', 'Hello this is my first sentence .', 'There is also a second.'),
    c('I paid 12.50 for that CD', 'I paid 12.50 for that CD'),
    c('1. The item\n2. Another item', '1. The item', '2. Another item'),
    c('a. The item\nzz. Another item', 'a. The item', 'zz. Another item'),
    c('a. The item\nzz.\nab.\ncd. Hello', 'a. The item', 'zz.', 'ab.', 'cd. Hello'),
    c('a. The item\nab. Another item\n(1.) Third item', 'a. The item', 'ab. Another item', '(1.) Third item'),
    c('I paid €12.50 for that CD', 'I paid €12.50 for that CD'),
    c('Call +44.3847838 for that CD', 'Call +44.3847838 for that CD'),
    c('Search on http://google.com. Then send me an email: gg@gggg.kk', 'Search on http://google.com.', 'Then send me an email: gg@gggg.kk'),
    c('10 times 10 = 10.00^2. 13.000 14.50 and 14,000,000.50', '10 times 10 = 10.00^2.', '13.000 14.50 and 14,000,000.50'),
    c(
      'Search on http://google.com. Then send me an email: fabien@somedomain.com or fabien@anotherdomain.cc',
      'Search on http://google.com.',
      'Then send me an email: fabien@somedomain.com or fabien@anotherdomain.cc',
    ),
    c(
      'I paid €12.50 for that CD. Twelve dollars and fifty cent ($12.50). Ten pounds - £10.00 it is fine.',
      'I paid €12.50 for that CD.',
      'Twelve dollars and fifty cent ($12.50).',
      'Ten pounds - £10.00 it is fine.',
    ),
    c(
      'First sentence... Another list: \n - green \n - blue \n - red',
      'First sentence...',
      'Another list:',
      '- green',
      '- blue',
      '- red',
    ),
    c('First sentence... Another sentence.\nThis is a new paragraph.', 'First sentence...', 'Another sentence.', 'This is a new paragraph.'),
    c(
      'How now brown cow.        Peter Piper Picked a peck of pickled peppers. A peck of pickled peppers peter piper picked.',
      'How now brown cow.',
      'Peter Piper Picked a peck of pickled peppers.',
      'A peck of pickled peppers peter piper picked.',
    ),
    c(
      'How now brown cow.\n\n        Peter Piper Picked a peck of pickled peppers. A peck of pickled peppers peter piper picked.',
      'How now brown cow.',
      'Peter Piper Picked a peck of pickled peppers.',
      'A peck of pickled peppers peter piper picked.',
    ),
  ],
};

export const SENTENCE_SPLITTER_SUITE: CorpusClass = {
  name: 'sentence-splitter test suite',
  language: 'en',
  cases: [
    c('text', 'text'),
    c('Temperature is 40.2 degrees.', 'Temperature is 40.2 degrees.'),
    c('I hear "I\'m back to home." from radio.', 'I hear "I\'m back to home." from radio.'),
    c('\ntext', 'text'),
    c('text\n', 'text'),
    c('text\n\ntext', 'text', 'text'),
    c('1st text. 2nd text', '1st text.', '2nd text'),
    c('1st text.   2nd text', '1st text.', '2nd text'),
    c(' text. ', 'text.'),
    c('1st text. \n 2nd text', '1st text.', '2nd text'),
  ],
};

export const SENTENCE_SPLITTER_JA: CorpusClass = {
  name: 'sentence-splitter test suite (Japanese)',
  language: 'ja',
  cases: [
    c('彼は「ココにある。」と言った。', '彼は「ココにある。」と言った。'),
    c('彼は「ココにある。」と言った。だけではそれは違った。', '彼は「ココにある。」と言った。', 'だけではそれは違った。'),
    c('text。。text', 'text。。', 'text'),
    c('text。\ntext', 'text。', 'text'),
    c('text。', 'text。'),
  ],
};

export const INTL_SEGMENTER_SUITE: CorpusClass = {
  name: 'Intl.Segmenter sentence tests (UAX #29)',
  language: 'en',
  cases: [
    c('First paragraph.\nSecond paragraph.', 'First paragraph.', 'Second paragraph.'),
    c('First paragraph.\rSecond paragraph.', 'First paragraph.', 'Second paragraph.'),
    c('First paragraph.\r\nSecond paragraph.', 'First paragraph.', 'Second paragraph.'),
    c('.2', '.2'),
    c('1.2', '1.2'),
    c('A.B', 'A.B'),
    c('a.B', 'a.B'),
    c('#.a', '#.a'),
    c('#. a', '#. a'),
    c('#. # a', '#. # a'),
    c('#. 1 a', '#. 1 a'),
    c('#. , a', '#. , a'),
    c('#. Aa', '#.', 'Aa'),
    c('Word..', 'Word..'),
    c('Word . , ', 'Word . ,'),
    c("Word.''", "Word.''"),
    c('A sentence; semicolon separated.', 'A sentence; semicolon separated.'),
  ],
};
