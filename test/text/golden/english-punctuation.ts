/**
 * Held-apart English punctuation cases, written for this evaluation: ellipses, exclamation and
 * question marks inside names, quotes and brackets, numbers, versions, URLs and e-mail
 * addresses, and a missing space after a period.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const HELD_ELLIPSES: CorpusClass = {
  name: 'Ellipses',
  language: 'en',
  cases: [
    c('Wait for it... There it is!', 'Wait for it...', 'There it is!'),
    c('I waited and waited… Nobody came.', 'I waited and waited…', 'Nobody came.'),
    c('The list goes on . . . and on.', 'The list goes on . . . and on.'),
    c('The road went on . . . and on . . . and on.', 'The road went on . . . and on . . . and on.'),
    c('He never called back.... We stopped waiting.', 'He never called back....', 'We stopped waiting.'),
    c('And then... silence.', 'And then... silence.'),
    c('"To be or not to be [...] that is the question."', '"To be or not to be [...] that is the question."'),
    c('So... what now? We wait.', 'So... what now?', 'We wait.'),
    c('It was late… very late. We went home.', 'It was late… very late.', 'We went home.'),
    c('Loading... Done.', 'Loading...', 'Done.'),
    c('...and that was the end of it.', '...and that was the end of it.'),
  ],
};

export const HELD_MARKS_INSIDE: CorpusClass = {
  name: 'Marks inside names, quotes and brackets',
  language: 'en',
  cases: [
    c('She works at Yahoo! in the ads team.', 'She works at Yahoo! in the ads team.'),
    c('We watched Jeopardy! on Friday night.', 'We watched Jeopardy! on Friday night.'),
    c('"Are you coming?" she asked.', '"Are you coming?" she asked.'),
    c('"Stop!" he shouted. Everyone froze.', '"Stop!" he shouted.', 'Everyone froze.'),
    c('He asked (quietly, for once) whether it was over. It was.', 'He asked (quietly, for once) whether it was over.', 'It was.'),
    c('The sign said "Keep out!" and we did.', 'The sign said "Keep out!" and we did.'),
    c('“It is done.” She closed the laptop.', '“It is done.”', 'She closed the laptop.'),
    c('Why not? Because it rained.', 'Why not?', 'Because it rained.'),
    c('Wow! That was fast.', 'Wow!', 'That was fast.'),
    c('They said “maybe?” and left.', 'They said “maybe?” and left.'),
    c('I loved the film (what an ending!) and the music.', 'I loved the film (what an ending!) and the music.'),
    c('He looked up, "That was quick." he said.', 'He looked up, "That was quick." he said.'),
    c('She studied law (She had always wanted to.) at a small college.', 'She studied law (She had always wanted to.) at a small college.'),
    c('Hello?! Is anyone there?', 'Hello?!', 'Is anyone there?'),
    c("He said, 'I am done.' Then he left.", "He said, 'I am done.'", 'Then he left.'),
    c('“Why?” asked Tom.', '“Why?” asked Tom.'),
    c('He said: "Go." And we went.', 'He said: "Go."', 'And we went.'),
    c('Really?! I had no idea.', 'Really?!', 'I had no idea.'),
    c('"Is it safe?" "Yes."', '"Is it safe?"', '"Yes."'),
  ],
};

export const HELD_NUMBERS: CorpusClass = {
  name: 'Numbers, versions, URLs and glued periods',
  language: 'en',
  cases: [
    c('The fix landed in v2.14.1 yesterday.', 'The fix landed in v2.14.1 yesterday.'),
    c('Pi is roughly 3.14159. Engineers often use 3.14.', 'Pi is roughly 3.14159.', 'Engineers often use 3.14.'),
    c('Visit https://example.org/docs/v1.2/start.html for details.', 'Visit https://example.org/docs/v1.2/start.html for details.'),
    c('Write to help.desk@example.co.uk. We answer daily.', 'Write to help.desk@example.co.uk.', 'We answer daily.'),
    c('The total was $1,299.99. Tax was extra.', 'The total was $1,299.99.', 'Tax was extra.'),
    c('It ran in 0.5 s on average.', 'It ran in 0.5 s on average.'),
    c('The printer is at 10.0.0.1 on the office network.', 'The printer is at 10.0.0.1 on the office network.'),
    c('The bird flew off.Then it came back.', 'The bird flew off.', 'Then it came back.'),
    c('We sold 2,500.The rest went back.', 'We sold 2,500.', 'The rest went back.'),
    c('The file is at: https://files.example.net/v2/report_final.pdf. Download it today.', 'The file is at: https://files.example.net/v2/report_final.pdf.', 'Download it today.'),
    c('Open config.yaml and set debug to true.', 'Open config.yaml and set debug to true.'),
    c('Python 3.12 is out. Upgrade when you can.', 'Python 3.12 is out.', 'Upgrade when you can.'),
    c('The score was 3-1. Fans cheered.', 'The score was 3-1.', 'Fans cheered.'),
    c('Call 555.0199 after 5.', 'Call 555.0199 after 5.'),
    c('Temperatures hit 41.5 degrees. Stay inside.', 'Temperatures hit 41.5 degrees.', 'Stay inside.'),
    c('Run `make test`. Then open the report.', 'Run `make test`.', 'Then open the report.'),
    c('Hello World.My name is Ana.', 'Hello World.', 'My name is Ana.'),
    c('Check www.example.com. It has the details.', 'Check www.example.com.', 'It has the details.'),
    c('The price went from $2.50 to $3. Shoppers complained.', 'The price went from $2.50 to $3.', 'Shoppers complained.'),
    c('Dial 911. Help is on the way.', 'Dial 911.', 'Help is on the way.'),
    c('I bought apples, pears, etc., and some bread.', 'I bought apples, pears, etc., and some bread.'),
    c('He scored 9.5/10. Not bad at all.', 'He scored 9.5/10.', 'Not bad at all.'),
  ],
};
