import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_DOC_PATH } from '../suites/rules.ts';

/** The normative document beside the repository; the package ships a copy of it. */
const SHARED_DOC = fileURLToPath(new URL('../../shared/ou-api-behaviour.md', import.meta.url));

describe('the behaviour document shipped in the package', () => {
  it.skipIf(!existsSync(SHARED_DOC))(`is byte-identical to ../shared/ou-api-behaviour.md (skipped when ${SHARED_DOC} is absent)`, () => {
    const copy = readFileSync(BEHAVIOUR_DOC_PATH, 'utf8');
    expect(copy, `update the copy: cp ${SHARED_DOC} ${BEHAVIOUR_DOC_PATH}`).toBe(readFileSync(SHARED_DOC, 'utf8'));
  });
});

describe('the idaas rule catalogue shipped in the package', () => {
  const shared = fileURLToPath(new URL('../../shared/dialects/idaas.md', import.meta.url));
  const shipped = fileURLToPath(new URL('../contracts/behaviour/idaas.md', import.meta.url));
  it.skipIf(!existsSync(shared))(`is byte-identical to ../shared/dialects/idaas.md (skipped when ${shared} is absent)`, () => {
    expect(readFileSync(shipped, 'utf8'), `update the copy: cp ${shared} ${shipped}`).toBe(readFileSync(shared, 'utf8'));
  });
});
