import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactText, secretForms } from '../redact.ts';
import { sampleReport } from './sample-report.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRfaWQiOiJ0MSJ9.c2lnbmF0dXJl-_x';

/** A sample report whose failing evidence carries `echoed` in a response body and a message. */
function reportEchoing(echoed: string): ReturnType<typeof sampleReport> {
  const report = sampleReport({ failing: ['OU-L2'] });
  const check = report.checks.find((c) => c.status === 'failed');
  if (!check?.evidence?.[0]) throw new Error('sample has a failure with evidence');
  check.evidence[0].received.body = { echo: echoed };
  check.message = `server said ${echoed}`;
  return report;
}

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

  // A token with characters that base64 and URL encoding treat specially.
  const token = `${JWT}+/= ~ä`;
  const cases: [string, string][] = [
    ['base64', Buffer.from(token).toString('base64')],
    ['base64 without padding', Buffer.from(token).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(token).toString('base64url')],
    ['base64 of "Bearer <token>" (1-byte alignment)', Buffer.from(`Bearer ${token}`).toString('base64')],
    ['base64 of "Basic x:<token>" (2-byte alignment)', Buffer.from(`x:${token}`).toString('base64')],
    ['base64url of "Bearer <token>"', Buffer.from(`Bearer ${token}`).toString('base64url')],
    ['URL-encoded', encodeURIComponent(token)],
    ['URL-encoded with lower-case hex', encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase())],
    ['form-encoded', new URLSearchParams({ t: token }).toString().slice(2)],
  ];
  for (const [name, echoed] of cases) {
    it(`redacts the token in its ${name} form`, () => {
      // The encodings of `token` at every alignment, to prove none survives anywhere.
      const b64 = [0, 1, 2].map((k) => Buffer.from(`${'x'.repeat(k)}${token}`).toString('base64').slice(4, 40));
      const redacted = JSON.stringify(redactSecrets(reportEchoing(echoed), [token]));
      expect(redacted).toContain(REDACTED);
      expect(redacted).not.toContain(echoed);
      for (const piece of [...b64, ...b64.map((b) => b.replaceAll('+', '-').replaceAll('/', '_'))]) expect(redacted).not.toContain(piece);
      expect(redacted).not.toContain(JWT);
    });
  }

  it('keeps text that merely resembles a short secret: encoded forms only for secrets of 8+ characters', () => {
    expect(secretForms(['abc'])).toEqual(['abc']);
    expect(redactText('YWJj abc', secretForms(['abc']))).toBe(`YWJj ${REDACTED}`);
    expect(secretForms(['abcdefgh']).length).toBeGreaterThan(1);
  });
});
