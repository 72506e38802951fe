import { defineConfig } from 'vitest/config';

const ALL = ['{contracts,dialects,mock,fixtures,suites,reports,cli,bench,test}/**/*.test.ts'];

/**
 * Files that run alone in a fresh process, as every file did before. Two kinds:
 * - they change process-wide state a later file would see: a module mock (vi.mock binds at
 *   import, so in a shared module graph it would miss modules imported before it), fake timers,
 *   the working directory, process.exitCode, Node's own Buffer (the browser build's stand-ins,
 *   which patch the bare 'buffer', that is the built-in when run in Node);
 * - they start child processes (the CLI, npm, Prism, java, chromium): a test that times out
 *   leaves its child and the servers talking to it behind, and a process of its own ends them
 *   (Prism's children are killed on the parent's exit) instead of letting them run on into the
 *   next files. Their time is their children's, so sharing a process would save them little.
 */
const OWN_PROCESS = [
  'mock/test/atomic-file.test.ts',
  'mock/test/debounced-saver.test.ts',
  'mock/msw/browser/test/node-for-the-browser.test.ts',
  'reports/test/index.test.ts',
  'cli/lint.test.ts',
  'cli/test/verify-e2e.test.ts',
  'contracts/test/ruleset.test.ts',
  'mock/msw/test/browser.test.ts',
  'mock/test/cli-mock-security.test.ts',
  'mock/test/cli-mock.test.ts',
  'mock/test/crash.test.ts',
  'mock/test/npm-start.test.ts',
  'mock/test/persistence.test.ts',
  'mock/test/prism-engine.test.ts',
  'mock/test/prism-proxy-cli.test.ts',
  'mock/test/prism-proxy-fallback.test.ts',
  'mock/test/prism-proxy.test.ts',
  'mock/test/server.test.ts',
  'mock/test/shutdown.test.ts',
  'reports/test/bodies.test.ts',
  'reports/test/html-browser.test.ts',
  'suites/differential/test/differential.test.ts',
  'suites/test/curl.test.ts',
  'suites/test/runner.test.ts',
  'suites/test/sibling-folding.test.ts',
  'suites/test/tokens.test.ts',
  'test/frontend-browser.test.ts',
  'dialects/admanager/test/guid-letters.test.ts',
  'dialects/admanager/test/tie-order.test.ts',
  'dialects/orgunit-v2/test/created-by-id.test.ts',
  'dialects/orgunit-v2/test/name-ties.test.ts',
  'test/id-order.test.ts',
  'test/npm-start-stop.test.ts',
  'test/package.test.ts',
  'test/prism-prefix.test.ts',
  'test/specmatic.test.ts',
];

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
          // A fresh process per file imported and compiled the same module graph again each
          // time (the contracts' YAML, Ajv validators, openapi-backend): about two thirds of the
          // CPU of the unit files went there. These files leave no process-wide state behind
          // (they also pass in shuffled order), so one process runs them all and the module-level
          // caches (parsed contracts, compiled validators) are built once. A new test file that
          // starts a child process or changes process-wide state belongs in OWN_PROCESS.
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
