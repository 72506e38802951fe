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
    // core idle. One worker per core: a trial with three on a loaded 2-core machine ran the CLI
    // tests past their 15 s start bound. `--maxWorkers=N` overrides it for one run.
    maxWorkers: availableParallelism(),
  },
});
