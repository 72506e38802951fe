import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_DOC_PATH } from '../suites/rules.ts';

/** The normative documents beside the repository, and the copies the package ships. */
const COPIES: ReadonlyArray<{ shared: string; copy: string }> = [
  { shared: fileURLToPath(new URL('../../shared/ou-api-behaviour.md', import.meta.url)), copy: BEHAVIOUR_DOC_PATH },
  { shared: fileURLToPath(new URL('../../shared/dialects/orgunit-v2.md', import.meta.url)), copy: fileURLToPath(new URL('../contracts/behaviour/orgunit-v2.md', import.meta.url)) },
  { shared: fileURLToPath(new URL('../../shared/dialects/idaas.md', import.meta.url)), copy: fileURLToPath(new URL('../contracts/behaviour/idaas.md', import.meta.url)) },
  { shared: fileURLToPath(new URL('../../shared/dialects/admanager.md', import.meta.url)), copy: fileURLToPath(new URL('../contracts/behaviour/admanager.md', import.meta.url)) },
];

describe('the behaviour documents shipped in the package', () => {
  for (const { shared, copy } of COPIES) {
    it.skipIf(!existsSync(shared))(`${copy.split('/').pop() ?? copy} is byte-identical to ${shared} (skipped when absent)`, () => {
      expect(readFileSync(copy, 'utf8'), `update the copy: cp ${shared} ${copy}`).toBe(readFileSync(shared, 'utf8'));
    });
  }
});
