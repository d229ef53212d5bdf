/**
 * normalizeForSpeech against the hand-written conformance set: at least 95% overall and 80% in
 * every class. The misses are printed, so a failure says which readings went wrong.
 */
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech } from '../../../src/speech/normalize.js';
import { CLASSES } from './case.js';
import { CONFORMANCE_CASES } from './cases.js';
import { scoreReader } from './score.js';

describe('normalizeForSpeech conformance', () => {
  it('has at least 400 cases, 25 or more per class, each group with its source', () => {
    const score = scoreReader(CONFORMANCE_CASES, (written) => written);
    expect(score.overall.cases).toBeGreaterThanOrEqual(400);
    for (const c of score.classes) expect(c.cases, c.class).toBeGreaterThanOrEqual(25);
    expect(new Set(CONFORMANCE_CASES.map((g) => g.class))).toEqual(new Set(CLASSES));
    for (const group of CONFORMANCE_CASES) expect(group.source.length).toBeGreaterThan(10);
  });

  it('reads at least 95% right overall and 80% in every class', () => {
    const score = scoreReader(CONFORMANCE_CASES, (written) => normalizeForSpeech(written).text);
    const report = score.misses.map((m) => `${m.class}: ${m.written}\n  want ${m.expected}\n  got  ${m.got}`).join('\n');
    const table = score.classes.map((c) => `${c.class} ${c.correct}/${c.cases}`).join(', ');
    expect(score.overall.accuracy, `${table}\n${report}`).toBeGreaterThanOrEqual(0.95);
    for (const c of score.classes) expect(c.accuracy, `${c.class}: ${table}\n${report}`).toBeGreaterThanOrEqual(0.8);
  });
});
