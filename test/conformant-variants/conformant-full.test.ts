/**
 * The full `verify` of every dialect through all the conformant wire variations at once
 * (PASSED), and through a few breaking ones (FAILED under the rule that forbids each), so
 * the proxy is shown not to mask a failure.
 */
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../dialects/types.ts';
import { serverErrorOn, truncatedJson, withoutHeader, wrongContentType } from './breaking.ts';
import { allAtOnce } from './variations.ts';
import type { WireVariation } from './wire-proxy.ts';
import { DIALECTS, problems, SUBSET, verifyThrough } from './verify-through.ts';

/** A whole run through the proxy: about 15 s for the OU API on a quiet machine, several times that on a loaded one. */
const FULL_RUN_TIMEOUT_MS = 120_000;

describe.each(DIALECTS)('verify --dialect %s, the full suite', (dialect) => {
  it('every conformant variation at once, the full suite: PASSED', async () => {
    // The OU API's differential phase spends 2,000 requests by default; a few sequences still send every kind of step through the proxy.
    const { report, answered } = await verifyThrough(dialect, allAtOnce(dialect), dialect === 'ou-api' ? { differential: { sequences: 8 } } : {});
    expect(answered, 'the variations shaped the answers').toBeGreaterThan(100);
    expect(problems(report)).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  }, FULL_RUN_TIMEOUT_MS);
});

describe('verify through a breaking wire variation: FAILED under the rule that forbids it', () => {
  const rows: Array<{ dialect: DialectId; variation: WireVariation; rule: string }> = [
    { dialect: 'ou-api', variation: wrongContentType, rule: 'OU-E1' },
    { dialect: 'ou-api', variation: truncatedJson, rule: 'OU-E1' },
    { dialect: 'ou-api', variation: withoutHeader('WWW-Authenticate'), rule: 'OU-A1' },
    { dialect: 'ou-api', variation: serverErrorOn('DELETE'), rule: 'OU-E4' },
    { dialect: 'orgunit-v2', variation: wrongContentType, rule: 'V2-E1' },
    { dialect: 'orgunit-v2', variation: truncatedJson, rule: 'V2-E1' },
    { dialect: 'orgunit-v2', variation: withoutHeader('X-Pagination-Total-Count'), rule: 'V2-L2' },
    { dialect: 'orgunit-v2', variation: serverErrorOn('DELETE'), rule: 'V2-E2' },
    { dialect: 'admanager', variation: wrongContentType, rule: 'AD-E1' },
    { dialect: 'admanager', variation: truncatedJson, rule: 'AD-E1' },
    { dialect: 'admanager', variation: serverErrorOn('PATCH'), rule: 'AD-E1' },
    { dialect: 'idaas', variation: wrongContentType, rule: 'ID-E1' },
    { dialect: 'idaas', variation: truncatedJson, rule: 'ID-E1' },
    { dialect: 'idaas', variation: serverErrorOn('DELETE'), rule: 'ID-E1' },
  ];
  it.each(rows.map((r) => ({ ...r, name: r.variation.name })))('$dialect $name: FAILED under $rule', async ({ dialect, variation, rule }) => {
    const { report } = await verifyThrough(dialect, variation, { checks: SUBSET[dialect] });
    expect(report.verdict.core).toBe('failed');
    const failing = new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule));
    expect([...failing], `${rule} fails`).toContain(rule);
  });
});
