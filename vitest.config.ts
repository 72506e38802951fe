import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{contracts,dialects,mock,fixtures,suites,reports,cli,bench,test}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default (cores - 1) is a single worker on a 2-core machine, and most of the slow
    // files spend their time waiting on a child process (the CLI, npm, java, chromium), leaving a
    // core idle. One worker per core; more starved the timing-bound CLI tests on a loaded machine.
    maxWorkers: availableParallelism(),
  },
});
