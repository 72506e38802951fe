import { execFileSync } from 'node:child_process';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { algNoneAuth, algNoneToken, claimsOf, isJwt, tamperedPayloadAuth, wrongKeyAuth } from '../tokens.ts';

const claims = { tenant_id: 'acme', scope: 'ous:read ous:write', exp: 4_102_444_800 };
const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('unit-test-key'));

const decode = (segment: string): unknown => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/** What bash makes of a shell form, with the token in $OU_TOKEN as a user would have it. */
function shellValue(shell: string): string {
  return execFileSync('bash', ['-c', `printf %s "${shell}"`], { env: { PATH: process.env['PATH'] ?? '', OU_TOKEN: token }, encoding: 'utf8' });
}

describe('alg:none token builder (OU-A1)', () => {
  it('re-encodes the same claims under {"alg":"none"} with an empty signature', () => {
    const none = algNoneToken(token);
    const [header, payload, signature] = none.split('.');
    expect(decode(header ?? '')).toEqual({ alg: 'none', typ: 'JWT' });
    expect(decode(payload ?? '')).toEqual(claims);
    expect(signature).toBe('');
    expect(none.endsWith('.')).toBe(true);
    expect(none).not.toContain(token.split('.')[2]);
  });

  it('refuses tokens that are not JWTs', () => {
    for (const bad of ['opaque-token', 'a.b.c', 'x.y', '', `${token}.extra`]) expect(() => algNoneToken(bad)).toThrow(/not a JWT/);
    expect(isJwt(token)).toBe(true);
    expect(claimsOf(token)).toEqual(claims);
  });

  it('the curl form rebuilds the same header from $OU_TOKEN and never holds the token', () => {
    const auth = algNoneAuth(token, 'OU_TOKEN');
    expect(auth.shell).not.toContain(token);
    expect(auth.shell).not.toContain(token.split('.')[2]);
    expect(shellValue(auth.shell ?? '')).toBe(auth.header);
  });
});

describe('badly signed tokens', () => {
  it('wrong-key signature: same header and claims, a different signature, rebuilt by the shell form', () => {
    const auth = wrongKeyAuth(token, 'OU_TOKEN');
    const sent = (auth.header ?? '').replace(/^Bearer /, '');
    expect(sent.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    expect(sent.split('.')[2]).not.toBe(token.split('.')[2]);
    expect(auth.shell).not.toContain(token);
    expect(shellValue(auth.shell ?? '')).toBe(auth.header);
  });

  it('tampered payload: original signature over changed claims, rebuilt by the shell form', () => {
    const auth = tamperedPayloadAuth(token, 'OU_TOKEN');
    const sent = (auth.header ?? '').replace(/^Bearer /, '').split('.');
    expect(decode(sent[1] ?? '')).toEqual({ ...claims, ouc_tampered: true });
    expect(sent[2]).toBe(token.split('.')[2]);
    expect(auth.shell).not.toContain(token.split('.')[2]);
    expect(shellValue(auth.shell ?? '')).toBe(auth.header);
  });
});
