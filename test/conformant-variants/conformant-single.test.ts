/**
 * `verify` judges the wire, not our mock's habits: through a reverse proxy that puts the
 * mock's answers on the wire as another correct server would (key order, white space,
 * escapes, charset, header case and order, chunked or sized bodies, closed connections,
 * extra headers, reason phrases, error wording, request ids, pauses, gzip), every dialect
 * still PASSES (each variation alone, over a subset of checks: see SUBSET).
 */
import { describe, expect, it } from 'vitest';
import { conformantVariations } from './variations.ts';
import { DIALECTS, problems, SUBSET, verifyThrough } from './verify-through.ts';

describe.each(DIALECTS)('verify --dialect %s through a conformant wire variation', (dialect) => {
  it.each(conformantVariations(dialect).map((v) => ({ name: v.name, v })))('$name: PASSED', async ({ v }) => {
    const { report, answered } = await verifyThrough(dialect, v, { checks: SUBSET[dialect] });
    expect(answered, 'the variation shaped the answers').toBeGreaterThan(20);
    expect(problems(report)).toEqual([]);
    // A subset leaves some rules unchecked (INCOMPLETE); none of those it checks may fail.
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(report.verdict.core).not.toBe('failed');
  });
});
