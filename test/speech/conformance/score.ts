/** Scores a reader (written text → spoken words) on the conformance set, per class. */
import { CLASSES, type CaseClass, type CaseGroup, comparable } from './case.js';

/** One class's result. */
export interface ClassScore {
  class: CaseClass;
  cases: number;
  correct: number;
  /** correct / cases, 0–1. */
  accuracy: number;
}

/** A case read wrong. */
export interface Miss {
  class: CaseClass;
  written: string;
  expected: string;
  got: string;
}

/** A reader's accuracy on a set. */
export interface Score {
  overall: Omit<ClassScore, 'class'>;
  classes: ClassScore[];
  misses: Miss[];
}

/** Reads every case with `read` and counts readings equal to the expected one, see {@link comparable}. */
export function scoreReader(groups: readonly CaseGroup[], read: (written: string) => string): Score {
  const counts = new Map<CaseClass, { cases: number; correct: number }>(CLASSES.map((name) => [name, { cases: 0, correct: 0 }]));
  const misses: Miss[] = [];
  for (const group of groups) {
    const count = counts.get(group.class) as { cases: number; correct: number };
    for (const [written, expected] of group.cases) {
      const got = read(written);
      count.cases++;
      if (comparable(got) === comparable(expected)) count.correct++;
      else misses.push({ class: group.class, written, expected, got });
    }
  }
  const classes = [...counts].map(([name, { cases, correct }]) => ({ class: name, cases, correct, accuracy: cases === 0 ? 0 : correct / cases }));
  const cases = classes.reduce((sum, c) => sum + c.cases, 0);
  const correct = classes.reduce((sum, c) => sum + c.correct, 0);
  return { overall: { cases, correct, accuracy: cases === 0 ? 0 : correct / cases }, classes, misses };
}
