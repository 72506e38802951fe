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

  const AD_SHARED = fileURLToPath(new URL('../../shared/dialects/admanager.md', import.meta.url));
  const AD_COPY = fileURLToPath(new URL('../contracts/behaviour/admanager.md', import.meta.url));
  it.skipIf(!existsSync(AD_SHARED))(`admanager: is byte-identical to ../shared/dialects/admanager.md (skipped when ${AD_SHARED} is absent)`, () => {
    expect(readFileSync(AD_COPY, 'utf8'), `update the copy: cp ${AD_SHARED} ${AD_COPY}`).toBe(readFileSync(AD_SHARED, 'utf8'));
  });
});
