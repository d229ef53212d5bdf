/**
 * Held-apart English structure cases, written for this evaluation: numbered, lettered and
 * bulleted lists at a line start or inline, and line structure (headings, label lines, lines
 * without final punctuation, blank lines).
 */
import { type CorpusClass, c } from '../corpus/corpus-case.js';

export const HELD_LISTS: CorpusClass = {
  name: 'Lists',
  language: 'en',
  cases: [
    c('To reset it:\n1. Unplug the router\n2. Wait ten seconds\n3. Plug it back in', 'To reset it:', '1. Unplug the router', '2. Wait ten seconds', '3. Plug it back in'),
    c('You need three things: 1. a map 2. a torch 3. water.', 'You need three things:', '1. a map', '2. a torch', '3. water.'),
    c('Options:\na) keep the old plan\nb) start over', 'Options:', 'a) keep the old plan', 'b) start over'),
    c('1) Preheat the oven. 2) Grease the tin. 3) Pour the batter.', '1) Preheat the oven.', '2) Grease the tin.', '3) Pour the batter.'),
    c('Shopping list:\n• eggs\n• flour\n• milk', 'Shopping list:', '• eggs', '• flour', '• milk'),
    c('Remember:\n- back up first\n- test the restore\n- then upgrade', 'Remember:', '- back up first', '- test the restore', '- then upgrade'),
    c('(1.) Read the brief. (2.) Draft a reply.', '(1.) Read the brief.', '(2.) Draft a reply.'),
    c('1.) Collect the samples\n2.) Label each tube', '1.) Collect the samples', '2.) Label each tube'),
    c('a. Apples\nb. Pears\nc. Plums', 'a. Apples', 'b. Pears', 'c. Plums'),
    c('The steps are: a) measure b) cut c) sand.', 'The steps are:', 'a) measure', 'b) cut', 'c) sand.'),
    c('Agenda\n1. Welcome\n2. Budget review\n3. Questions', 'Agenda', '1. Welcome', '2. Budget review', '3. Questions'),
    c('Do this first. 1. Open the lid. 2. Remove the filter.', 'Do this first.', '1. Open the lid.', '2. Remove the filter.'),
    c('* Fast startup\n* Small memory use\n* No external services', '* Fast startup', '* Small memory use', '* No external services'),
    c('Pick one of these:\n\n1. **Basic**: free\n2. **Team**: $8 per user', 'Pick one of these:', '1. **Basic**: free', '2. **Team**: $8 per user'),
    c('10. Final check\n11. Ship it', '10. Final check', '11. Ship it'),
    c('Key points:\n1. Costs fell by 12%.\n2. Sales rose in Q4.', 'Key points:', '1. Costs fell by 12%.', '2. Sales rose in Q4.'),
    c('• 1. Open the app • 2. Sign in', '• 1. Open the app', '• 2. Sign in'),
    c('⁃1. Wash the lettuce ⁃2. Dry it', '⁃1. Wash the lettuce', '⁃2. Dry it'),
    c('Features include:\n  - offline mode\n  - dark theme', 'Features include:', '- offline mode', '- dark theme'),
    c('Choose a size: a) small, b) medium, c) large.', 'Choose a size:', 'a) small,', 'b) medium,', 'c) large.'),
  ],
};

export const HELD_LINES: CorpusClass = {
  name: 'Lines and headings',
  language: 'en',
  cases: [
    c('# Getting started\nInstall the tool first.', '# Getting started', 'Install the tool first.'),
    c('## Why it matters\n\nLatency adds up quickly.', '## Why it matters', 'Latency adds up quickly.'),
    c('Name: Priya Shah\nRole: Engineer\nTeam: Payments', 'Name: Priya Shah', 'Role: Engineer', 'Team: Payments'),
    c('Overview\nThe service stores uploads for thirty days.', 'Overview', 'The service stores uploads for thirty days.'),
    c('This line wraps\nin the middle of a sentence and goes on.', 'This line wraps\nin the middle of a sentence and goes on.'),
    c('First paragraph without a stop\n\nSecond paragraph here.', 'First paragraph without a stop', 'Second paragraph here.'),
    c('**Note:** backups run nightly.\n**Tip:** keep two copies.', '**Note:** backups run nightly.', '**Tip:** keep two copies.'),
    c('Status: done\nOwner: Mark\n\nNext review in May.', 'Status: done', 'Owner: Mark', 'Next review in May.'),
    c('### Results\n| Run | Time |\n| --- | --- |\n| 1 | 3 s |', '### Results', '| Run | Time |', '| --- | --- |', '| 1 | 3 s |'),
    c('Thanks for asking\nHere is what I found.', 'Thanks for asking', 'Here is what I found.'),
    c('Q: Does it work offline?\nA: Yes, fully.', 'Q: Does it work offline?', 'A: Yes, fully.'),
    c('The build failed\n\n\nTry again later.', 'The build failed', 'Try again later.'),
    c('We tested it on\nthree phones and two tablets.', 'We tested it on\nthree phones and two tablets.'),
    c('Contents\n1. Setup\n2. Usage\n\nSetup takes a minute.', 'Contents', '1. Setup', '2. Usage', 'Setup takes a minute.'),
    c('I. Introduction\nII. Methods\nIII. Results', 'I. Introduction', 'II. Methods', 'III. Results'),
    c('Q. What does it cost?\nA. Nothing at all.', 'Q. What does it cost?', 'A. Nothing at all.'),
  ],
};
