/**
 * LLM-style answers, written for this evaluation (not taken from anywhere): markdown the way
 * chat models format it, with headings, bold labels, nested lists, code, links, tables,
 * emoji and abbreviations. Each is split the way a person reading it aloud would pause.
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const LLM_ANSWERS: CorpusClass = {
  name: 'LLM-style answers',
  language: 'en',
  cases: [
    c(
      "Sure! Here's a quick overview:\n\n1. **Install** the package with `npm i foo`.\n2. **Configure** it in `foo.config.js`.\n3. **Run** `npx foo build`.\n\nThat's it!",
      'Sure!',
      "Here's a quick overview:",
      '1. **Install** the package with `npm i foo`.',
      '2. **Configure** it in `foo.config.js`.',
      '3. **Run** `npx foo build`.',
      "That's it!",
    ),
    c(
      '## Summary\n\n- **Pros:** fast, cheap, easy to use\n- **Cons:** limited support for Windows\n\nOverall, I would recommend it.',
      '## Summary',
      '- **Pros:** fast, cheap, easy to use',
      '- **Cons:** limited support for Windows',
      'Overall, I would recommend it.',
    ),
    c(
      'Great question! The short answer is yes. The longer answer depends on your budget, e.g. whether you can spend more than $500.',
      'Great question!',
      'The short answer is yes.',
      'The longer answer depends on your budget, e.g. whether you can spend more than $500.',
    ),
    c(
      'The meeting with Dr. Okafor is at 3 p.m. on Thursday. Bring the Q3 report (v2.1) and the slides.',
      'The meeting with Dr. Okafor is at 3 p.m. on Thursday.',
      'Bring the Q3 report (v2.1) and the slides.',
    ),
    c(
      'Here is an example:\n```python\nprint("Hello. World!")\nx = 3.14\n```\nThe output is `Hello. World!`.',
      'Here is an example:',
      '```python\nprint("Hello. World!")\nx = 3.14\n```',
      'The output is `Hello. World!`.',
    ),
    c(
      'You can read more in the [official docs](https://docs.example.com/v3.2/intro.html). They are updated weekly.',
      'You can read more in the [official docs](https://docs.example.com/v3.2/intro.html).',
      'They are updated weekly.',
    ),
    c(
      '### Step 1: Prepare the dough\nMix the flour and water. Let it rest for 30 min.\n### Step 2: Bake\nBake at 220 °C for 25 minutes.',
      '### Step 1: Prepare the dough',
      'Mix the flour and water.',
      'Let it rest for 30 min.',
      '### Step 2: Bake',
      'Bake at 220 °C for 25 minutes.',
    ),
    c(
      'I hope this helps! 😊 Let me know if you have any other questions.',
      'I hope this helps!',
      '😊 Let me know if you have any other questions.',
    ),
    c(
      'Key differences:\n* Python is interpreted\n* Rust is compiled\n* Go sits somewhere in between',
      'Key differences:',
      '* Python is interpreted',
      '* Rust is compiled',
      '* Go sits somewhere in between',
    ),
    c(
      '| Plan | Price |\n| --- | --- |\n| Basic | $5 |\n| Pro | $15 |\n\nThe Pro plan includes priority support.',
      '| Plan | Price |',
      '| --- | --- |',
      '| Basic | $5 |',
      '| Pro | $15 |',
      'The Pro plan includes priority support.',
    ),
    c(
      'According to Smith et al. (2020), the effect size was small. However, later studies disagree.',
      'According to Smith et al. (2020), the effect size was small.',
      'However, later studies disagree.',
    ),
    c(
      'The U.S. Food and Drug Administration approved it in 2019. Since then, over 2.5 million people have used it.',
      'The U.S. Food and Drug Administration approved it in 2019.',
      'Since then, over 2.5 million people have used it.',
    ),
    c(
      'Note: this only works on macOS 14.2 and later.\nWarning: back up your files first!',
      'Note: this only works on macOS 14.2 and later.',
      'Warning: back up your files first!',
    ),
    c(
      'There are three options: 1. refund the order 2. replace the item 3. offer store credit.',
      'There are three options:',
      '1. refund the order',
      '2. replace the item',
      '3. offer store credit.',
    ),
    c(
      'Absolutely. Just send an email to support@example.com with your order no. 4521 and we will take care of it.',
      'Absolutely.',
      'Just send an email to support@example.com with your order no. 4521 and we will take care of it.',
    ),
    c(
      '> "Simplicity is prerequisite for reliability." — Edsger W. Dijkstra\n\nThat quote still holds today.',
      '> "Simplicity is prerequisite for reliability." — Edsger W. Dijkstra',
      'That quote still holds today.',
    ),
    c(
      'In short:\n\n- Use `const` by default.\n- Use `let` when you must reassign.\n- Avoid `var`.',
      'In short:',
      '- Use `const` by default.',
      '- Use `let` when you must reassign.',
      '- Avoid `var`.',
    ),
    c(
      'Mr. and Mrs. Alvarez arrived at 10 a.m. sharp. Their flight, AA 1023, had landed early.',
      'Mr. and Mrs. Alvarez arrived at 10 a.m. sharp.',
      'Their flight, AA 1023, had landed early.',
    ),
    c(
      "Hmm... that's a tricky one. Let me think. Okay, I believe the answer is 42.",
      "Hmm... that's a tricky one.",
      'Let me think.',
      'Okay, I believe the answer is 42.',
    ),
    c(
      '**Ingredients**\n- 2 cups flour\n- 1 tsp. salt\n- 3/4 cup water\n\n**Instructions**\nCombine everything and knead for 10 min. Enjoy!',
      '**Ingredients**',
      '- 2 cups flour',
      '- 1 tsp. salt',
      '- 3/4 cup water',
      '**Instructions**',
      'Combine everything and knead for 10 min.',
      'Enjoy!',
    ),
    c(
      'The function returns `None` if the key is missing. Otherwise, it returns the value (see Fig. 3).',
      'The function returns `None` if the key is missing.',
      'Otherwise, it returns the value (see Fig. 3).',
    ),
    c(
      "Why does this happen? It's because the cache expires after 5 min. To fix it, raise `ttl` to 3600.",
      'Why does this happen?',
      "It's because the cache expires after 5 min.",
      'To fix it, raise `ttl` to 3600.',
    ),
    c(
      'Version 2.0 is out! Highlights:\n- faster startup (about 40%)\n- a new plugin API\n- dark mode',
      'Version 2.0 is out!',
      'Highlights:',
      '- faster startup (about 40%)',
      '- a new plugin API',
      '- dark mode',
    ),
    c(
      'She works at Acme Corp. in Austin, TX. Her manager is J. R. Hughes.',
      'She works at Acme Corp. in Austin, TX.',
      'Her manager is J. R. Hughes.',
    ),
    c(
      "Step 3 is optional. If you skip it, the build still works; it's just slower.",
      'Step 3 is optional.',
      "If you skip it, the build still works; it's just slower.",
    ),
  ],
};
