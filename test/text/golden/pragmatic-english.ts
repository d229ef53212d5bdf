/**
 * The English "Golden Rules" of pragmatic_segmenter (Kevin Dias, MIT licence,
 * https://github.com/diasks2/pragmatic_segmenter, README "Golden Rules (English)"), which pySBD
 * also tests (tests/lang/test_english.py, https://github.com/nipunsadvilkar/pySBD). The
 * expected splits are theirs, written as slices of the text: where their segmenter cleans the
 * text first (rules 40 and 41 join a broken line), the same split keeps the line break, as a
 * lossless chunker must.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const PRAGMATIC_ENGLISH: CorpusClass = {
  name: 'pragmatic_segmenter golden rules (English)',
  language: 'en',
  cases: [
    c('Hello World. My name is Jonas.', 'Hello World.', 'My name is Jonas.'),
    c('What is your name? My name is Jonas.', 'What is your name?', 'My name is Jonas.'),
    c('There it is! I found it.', 'There it is!', 'I found it.'),
    c('My name is Jonas E. Smith.', 'My name is Jonas E. Smith.'),
    c('Please turn to p. 55.', 'Please turn to p. 55.'),
    c('Were Jane and co. at the party?', 'Were Jane and co. at the party?'),
    c('They closed the deal with Pitt, Briggs & Co. at noon.', 'They closed the deal with Pitt, Briggs & Co. at noon.'),
    c("Let's ask Jane and co. They should know.", "Let's ask Jane and co.", 'They should know.'),
    c('They closed the deal with Pitt, Briggs & Co. It closed yesterday.', 'They closed the deal with Pitt, Briggs & Co.', 'It closed yesterday.'),
    c('I can see Mt. Fuji from here.', 'I can see Mt. Fuji from here.'),
    c("St. Michael's Church is on 5th st. near the light.", "St. Michael's Church is on 5th st. near the light."),
    c("That is JFK Jr.'s book.", "That is JFK Jr.'s book."),
    c('I visited the U.S.A. last year.', 'I visited the U.S.A. last year.'),
    c('I live in the E.U. How about you?', 'I live in the E.U.', 'How about you?'),
    c('I live in the U.S. How about you?', 'I live in the U.S.', 'How about you?'),
    c('I work for the U.S. Government in Virginia.', 'I work for the U.S. Government in Virginia.'),
    c('I have lived in the U.S. for 20 years.', 'I have lived in the U.S. for 20 years.'),
    c(
      'At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.',
      'At 5 a.m. Mr. Smith went to the bank.',
      'He left the bank at 6 P.M.',
      'Mr. Smith then went to the store.',
    ),
    c('She has $100.00 in her bag.', 'She has $100.00 in her bag.'),
    c('She has $100.00. It is in her bag.', 'She has $100.00.', 'It is in her bag.'),
    c(
      'He teaches science (He previously worked for 5 years as an engineer.) at the local University.',
      'He teaches science (He previously worked for 5 years as an engineer.) at the local University.',
    ),
    c('Her email is Jane.Doe@example.com. I sent her an email.', 'Her email is Jane.Doe@example.com.', 'I sent her an email.'),
    c(
      'The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.',
      'The site is: https://www.example.50.com/new-site/awesome_content.html.',
      'Please check it out.',
    ),
    c("She turned to him, 'This is great.' she said.", "She turned to him, 'This is great.' she said."),
    c('She turned to him, "This is great." she said.', 'She turned to him, "This is great." she said.'),
    c('She turned to him, "This is great." She held the book out to show him.', 'She turned to him, "This is great."', 'She held the book out to show him.'),
    c('Hello!! Long time no see.', 'Hello!!', 'Long time no see.'),
    c('Hello?? Who is there?', 'Hello??', 'Who is there?'),
    c('Hello!? Is that you?', 'Hello!?', 'Is that you?'),
    c('Hello?! Is that you?', 'Hello?!', 'Is that you?'),
    c('1.) The first item 2.) The second item', '1.) The first item', '2.) The second item'),
    c('1.) The first item. 2.) The second item.', '1.) The first item.', '2.) The second item.'),
    c('1) The first item 2) The second item', '1) The first item', '2) The second item'),
    c('1) The first item. 2) The second item.', '1) The first item.', '2) The second item.'),
    c('1. The first item 2. The second item', '1. The first item', '2. The second item'),
    c('1. The first item. 2. The second item.', '1. The first item.', '2. The second item.'),
    c('• 9. The first item • 10. The second item', '• 9. The first item', '• 10. The second item'),
    c('⁃9. The first item ⁃10. The second item', '⁃9. The first item', '⁃10. The second item'),
    c('a. The first item b. The second item c. The third list item', 'a. The first item', 'b. The second item', 'c. The third list item'),
    c('This is a sentence\ncut off in the middle because pdf.', 'This is a sentence\ncut off in the middle because pdf.'),
    c('It was a cold \nnight in the city.', 'It was a cold \nnight in the city.'),
    c('features\ncontact manager\nevents, activities\n', 'features', 'contact manager', 'events, activities'),
    c('You can find it at N°. 1026.253.553. That is where the treasure is.', 'You can find it at N°. 1026.253.553.', 'That is where the treasure is.'),
    c('She works at Yahoo! in the accounting department.', 'She works at Yahoo! in the accounting department.'),
    c(
      'We make a good team, you and I. Did you see Albert I. Jones yesterday?',
      'We make a good team, you and I.',
      'Did you see Albert I. Jones yesterday?',
    ),
    c(
      'Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”',
      'Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”',
    ),
    c('"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).', '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'),
    c(
      'If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.',
      'If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .',
      'Next sentence.',
    ),
    c('I never meant that.... She left the store.', 'I never meant that....', 'She left the store.'),
    c(
      "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
      "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
    ),
    c(
      'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .',
      'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.',
      '. . . The practice was not abandoned. . . .',
    ),
    c(
      'Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.',
      'Hello world.',
      'Today is Tuesday.',
      'Mr. Smith went to the store and bought 1,000.',
      'That is a lot.',
    ),
  ],
};
