import { defineConfig } from 'vitest/config';

const ALL = ['{contracts,dialects,mock,fixtures,suites,reports,cli,bench,test}/**/*.test.ts'];

/**
 * Files that change process-wide state a later file would see: a module mock (vi.mock binds
 * at import, so in a shared module graph it would miss modules imported before it), fake
 * timers, the working directory, process.exitCode. Each runs in its own fresh process.
 */
const OWN_PROCESS = ['mock/test/atomic-file.test.ts', 'mock/test/debounced-saver.test.ts', 'reports/test/index.test.ts', 'cli/lint.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ALL,
          exclude: OWN_PROCESS,
          // A fresh process per file re-imports and recompiles the same module graph (the
          // contracts' YAML, Ajv validators, openapi-backend) each time: about two thirds of
          // the CPU of the unit files went there. These files leave no process-wide state
          // behind (that is checked by running them in shuffled order), so one process runs
          // them all and the module-level caches (parsed contracts, compiled validators) are
          // built once. Each file still gets its own module instance of the test file itself.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'own-process', include: OWN_PROCESS, isolate: true },
      },
    ],
  },
});
