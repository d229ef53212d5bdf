/** English: ellipses, ! and ?, quotes and brackets, numbers and addresses, glued periods, plain text. */
import { type CorpusClass, c } from './corpus-case.js';

export const ELLIPSES: CorpusClass = {
  name: 'ellipses',
  language: 'en',
  cases: [
    c('Well... I think so.', 'Well...', 'I think so.'),
    c('I waited... and waited.', 'I waited... and waited.'),
    c('He paused … then smiled.', 'He paused … then smiled.'),
    c('It was over… Nobody spoke.', 'It was over…', 'Nobody spoke.'),
    c('I never said that.... She walked out.', 'I never said that....', 'She walked out.'),
    c('The answer is . . . complicated.', 'The answer is . . . complicated.'),
    c('She was tired . . . so very tired.', 'She was tired . . . so very tired.'),
    c('I hoped . . . I really hoped it would work.', 'I hoped . . . I really hoped it would work.'),
    // A word's period, then an ellipsis that opens the next sentence (the four-dot ellipsis of
    // the Chicago Manual; pragmatic_segmenter's golden rule 51 splits it the same way).
    c('The list went on and on. . . . Finally it ended.', 'The list went on and on.', '. . . Finally it ended.'),
    c('He wrote: "We [...] agree on the terms."', 'He wrote: "We [...] agree on the terms."'),
    c('Wait for it...', 'Wait for it...'),
    c('So... what now?', 'So... what now?'),
    c('Hmm… Maybe tomorrow.', 'Hmm…', 'Maybe tomorrow.'),
    c('The road was long . . . .', 'The road was long . . . .'),
    c('Loading... Done.', 'Loading...', 'Done.'),
    c('The quote reads "(...) and so on." It is short.', 'The quote reads "(...) and so on."', 'It is short.'),
    c('It went well...better than expected.', 'It went well...better than expected.'),
    c('Then... "Run!" she shouted.', 'Then...', '"Run!" she shouted.'),
    c('There were apples, pears, plums . . . and more.', 'There were apples, pears, plums . . . and more.'),
    c('I thought about it... I said yes.', 'I thought about it...', 'I said yes.'),
    c('The text [...] ends here. Next part.', 'The text [...] ends here.', 'Next part.'),
  ],
};

export const EXCLAMATIONS: CorpusClass = {
  name: '! and ? inside names, quotes and brackets',
  language: 'en',
  cases: [
    c('She works at Yahoo! in the sales team.', 'She works at Yahoo! in the sales team.'),
    c('We watched Jeopardy! with grandma.', 'We watched Jeopardy! with grandma.'),
    c('"Stop!" he yelled.', '"Stop!" he yelled.'),
    c('"Are you sure?" she asked.', '"Are you sure?" she asked.'),
    c('He shouted "Go!" and ran off.', 'He shouted "Go!" and ran off.'),
    c('The sign said (Danger!) in red letters.', 'The sign said (Danger!) in red letters.'),
    c('Is it true? Yes!', 'Is it true?', 'Yes!'),
    c('What a day! We won.', 'What a day!', 'We won.'),
    c('Really?! I had no idea.', 'Really?!', 'I had no idea.'),
    c('He asked "why?" and left.', 'He asked "why?" and left.'),
    c('Who sang "Where Are You?" last year?', 'Who sang "Where Are You?" last year?'),
    c('Wow!! That was close.', 'Wow!!', 'That was close.'),
    c('Hello?? Anyone here?', 'Hello??', 'Anyone here?'),
    c('The film "Help!" is a classic.', 'The film "Help!" is a classic.'),
    c('"Where now?" asked Tom.', '"Where now?" asked Tom.'),
    c('Did you read "Why?" yet? It is short.', 'Did you read "Why?" yet?', 'It is short.'),
  ],
};

export const QUOTES: CorpusClass = {
  name: 'closing quotes and brackets',
  language: 'en',
  cases: [
    c('She said, "I will come." Then she left.', 'She said, "I will come."', 'Then she left.'),
    c('"This is great." she said.', '"This is great." she said.'),
    c('"This is great." She smiled.', '"This is great."', 'She smiled.'),
    c('He teaches math (he used to be an engineer.) at the school.', 'He teaches math (he used to be an engineer.) at the school.'),
    c("'Go home.' Then it was quiet.", "'Go home.'", 'Then it was quiet.'),
    c('“Fine.” He closed the door.', '“Fine.”', 'He closed the door.'),
    c('The note read “back soon.” and nothing else.', 'The note read “back soon.” and nothing else.'),
    c('He left (it was late). We stayed.', 'He left (it was late).', 'We stayed.'),
    c('She wrote [see appendix]. It helps.', 'She wrote [see appendix].', 'It helps.'),
    c('**Warning.** Do not touch.', '**Warning.**', 'Do not touch.'),
    c('_Note:_ read this first.', '_Note:_ read this first.'),
    c('They called it “the end.” We did not agree.', 'They called it “the end.”', 'We did not agree.'),
    c('(This is an aside.) The main text goes on.', '(This is an aside.)', 'The main text goes on.'),
  ],
};

export const NUMBERS_AND_ADDRESSES: CorpusClass = {
  name: 'numbers, versions, URLs and e-mail addresses',
  language: 'en',
  cases: [
    c('The total is $1,249.99 including tax.', 'The total is $1,249.99 including tax.'),
    c('Pi is about 3.14159 in most uses.', 'Pi is about 3.14159 in most uses.'),
    c('Upgrade to v2.10.3 before Friday.', 'Upgrade to v2.10.3 before Friday.'),
    c('Node 20.11.1 fixed the bug. Update now.', 'Node 20.11.1 fixed the bug.', 'Update now.'),
    c('Visit https://docs.example.org/v1.2/guide.html for details.', 'Visit https://docs.example.org/v1.2/guide.html for details.'),
    c('Email jane.doe@mail.example.com with questions.', 'Email jane.doe@mail.example.com with questions.'),
    c('The file is named report.final.pdf on the drive.', 'The file is named report.final.pdf on the drive.'),
    c('It grew 4.5% last year. That is a record.', 'It grew 4.5% last year.', 'That is a record.'),
    c('The score was 3.5 out of 5.', 'The score was 3.5 out of 5.'),
    c('Check example.com. It has the answer.', 'Check example.com.', 'It has the answer.'),
    c('Use the .env file for secrets.', 'Use the .env file for secrets.'),
    c('The IP is 192.168.0.1 on the LAN.', 'The IP is 192.168.0.1 on the LAN.'),
    c('The ratio is 1.5:1 in this case.', 'The ratio is 1.5:1 in this case.'),
    c('He ran 10.5 km. She ran 12.', 'He ran 10.5 km.', 'She ran 12.'),
    c('Python 3.12 is out. Try it.', 'Python 3.12 is out.', 'Try it.'),
    c('See www.example.co.uk/news.', 'See www.example.co.uk/news.'),
    c('It costs €12.50. Cheap!', 'It costs €12.50.', 'Cheap!'),
    c('The meeting room is 4.12 on floor 4.', 'The meeting room is 4.12 on floor 4.'),
    c('Send it to ops@example.net. They will reply.', 'Send it to ops@example.net.', 'They will reply.'),
    c('She scored 98. Her sister scored 95.', 'She scored 98.', 'Her sister scored 95.'),
    c('Find it at N°. 1026.253.553. That is the code.', 'Find it at N°. 1026.253.553.', 'That is the code.'),
  ],
};

export const GLUED_PERIODS: CorpusClass = {
  name: 'missing space after a period',
  language: 'en',
  cases: [
    c('He called Barney.The bird flew away.', 'He called Barney.', 'The bird flew away.'),
    c('It was late.We went home.', 'It was late.', 'We went home.'),
    c('I love this city.Everyone is kind.', 'I love this city.', 'Everyone is kind.'),
    c('Open the file.Then save it.', 'Open the file.', 'Then save it.'),
    c('Go to example.com today.', 'Go to example.com today.'),
    c('The end.Now the credits.', 'The end.', 'Now the credits.'),
    c('Done.Next task please.', 'Done.', 'Next task please.'),
    c('Read the docs at docs.example.com first.', 'Read the docs at docs.example.com first.'),
  ],
};

export const PLAIN: CorpusClass = {
  name: 'plain sentences',
  language: 'en',
  cases: [
    c('Hello world. My name is Sam.', 'Hello world.', 'My name is Sam.'),
    c('What is your name? My name is Sam.', 'What is your name?', 'My name is Sam.'),
    c('There it is! I found it.', 'There it is!', 'I found it.'),
    c('It rained. We stayed in. The end.', 'It rained.', 'We stayed in.', 'The end.'),
    c('I like tea.', 'I like tea.'),
    c('The cat sat on the mat. The dog did not.', 'The cat sat on the mat.', 'The dog did not.'),
    c('Is it ready? Not yet. Soon!', 'Is it ready?', 'Not yet.', 'Soon!'),
    c('Thanks for asking. I am fine.', 'Thanks for asking.', 'I am fine.'),
    c('Everything went well today', 'Everything went well today'),
    c('We left early. Traffic was light. Home by six.', 'We left early.', 'Traffic was light.', 'Home by six.'),
  ],
};
