import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers and worker pools; two cores are the budget.
    pool: 'forks',
    maxWorkers: 2,
    // Heap checks (soak, connect/disconnect cycles) force a GC before they measure.
    execArgv: ['--expose-gc'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
