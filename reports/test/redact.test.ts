import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../redact.ts';
import { sampleReport } from './sample-report.ts';

describe('redactSecrets', () => {
  it('replaces every occurrence of a token anywhere in the report', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRfaWQiOiJ0MSJ9.c2ln"\\';
    const report = sampleReport({ failing: ['OU-L2'] });
    const check = report.checks.find((c) => c.status === 'failed');
    if (!check?.evidence?.[0]) throw new Error('sample has a failure with evidence');
    check.evidence[0].request.headers = { authorization: `Bearer ${token}` };
    check.message = `token ${token} rejected`;
    const redacted = redactSecrets(report, [token, undefined, '']);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRfaWQiOiJ0MSJ9');
    const out = redacted.checks.find((c) => c.check === check.check);
    expect(out?.evidence?.[0]?.request.headers).toEqual({ authorization: `Bearer ${REDACTED}` });
    expect(out?.message).toBe(`token ${REDACTED} rejected`);
  });

  it('returns the report unchanged when no secret is given', () => {
    const report = sampleReport();
    expect(redactSecrets(report, [undefined])).toBe(report);
  });
});
