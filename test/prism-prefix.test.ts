import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { PRISM_PREFIX_ENV, PrismNotInstalledError, prismCliPath, prismInstall } from '../mock/prism-process.ts';

describe('where Prism is found', () => {
  it('uses $OU_PRISM_PREFIX when set, and names it when Prism is not there', () => {
    expect(() => prismCliPath({ [PRISM_PREFIX_ENV]: '/nonexistent/prefix' })).toThrow(PrismNotInstalledError);
    expect(() => prismCliPath({ [PRISM_PREFIX_ENV]: '/nonexistent/prefix' })).toThrow(/OU_PRISM_PREFIX=\/nonexistent\/prefix.*npm install --save-dev @stoplight\/prism-cli@/);
  });

  it("without it, the repository's own devDependency, with that install's version", () => {
    expect(prismCliPath({})).toMatch(/\/node_modules\/@stoplight\/prism-cli\//);
    const own = createRequire(import.meta.url)('@stoplight/prism-cli/package.json') as { version: string };
    expect(prismInstall({}).version).toBe(own.version);
  });

  // .ci/run's Node 24 pass sets it to Prism's Node 24 release: this proves the Prism tests then run that one.
  it.skipIf(process.env[PRISM_PREFIX_ENV] === undefined)(`follows $${PRISM_PREFIX_ENV} in this run (skipped: not set)`, () => {
    expect(prismCliPath()).toContain(`${process.env[PRISM_PREFIX_ENV]}/node_modules/@stoplight/prism-cli/`);
    const there = createRequire(`${process.env[PRISM_PREFIX_ENV]}/`)('@stoplight/prism-cli/package.json') as { version: string };
    expect(prismInstall().version).toBe(there.version);
  });
});
