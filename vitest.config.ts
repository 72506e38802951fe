import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{contracts,dialects,mock,fixtures,suites,reports,cli,bench,test}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
