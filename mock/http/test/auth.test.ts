import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../typed-errors.ts';
import { NO_DEFECTS, type Defect } from '../../defects.ts';
import { createTokenAuthority } from '../auth.ts';
import { toResponse } from '../errors.ts';
import { NOW, clock } from './helpers.ts';

const SECRET = 'test-secret';
const nowS = Math.floor(NOW.getTime() / 1000);

function authority(defects: Defect[] = []) {
  return createTokenAuthority({ secret: SECRET, clock, defects: new Set(defects) });
}

function sign(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

const unsigned = (claims: Record<string, unknown>): string => new UnsecuredJWT(claims).encode();

async function rejection(p: Promise<unknown>): Promise<UnauthorizedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);
  return err as UnauthorizedError;
}

describe('OU-A1 token checks', () => {
  it('accepts its own tokens and reads tenant, scopes and expiry', async () => {
    const auth = authority();
    const token = await auth.issue({ tenant_id: 'acme', scopes: ['ous:read'], expires_in: 60 });
    const claims = await auth.authenticate(`Bearer ${token}`);
    expect(claims.tenant_id).toBe('acme');
    expect([...claims.scopes]).toEqual(['ous:read']);
    expect(claims.exp).toBe(nowS + 60);
    // the scheme is case-insensitive
    expect((await auth.authenticate(`bearer ${token}`)).tenant_id).toBe('acme');
  });

  it.each([
    ['no header', undefined, 'Missing bearer token'],
    ['empty header', '', 'Missing bearer token'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'Authorization header must be "Bearer <token>"'],
    ['Bearer without a token', 'Bearer ', 'Authorization header must be "Bearer <token>"'],
    ['not a JWT', 'Bearer not-a-jwt', 'Token is malformed'],
    ['three garbage parts', 'Bearer a.b.c', 'Token is malformed'],
  ])('401 for %s', async (_what, header, message) => {
    const err = await rejection(authority().authenticate(header));
    expect(err.message).toBe(message);
  });

  it('401 for a bad signature, an expired token, alg none and bad claims', async () => {
    const auth = authority();
    const bad = await sign({ tenant_id: 'acme', scope: 'ous:read', exp: nowS + 60 }, 'other-secret');
    expect((await rejection(auth.authenticate(`Bearer ${bad}`))).message).toBe('Token signature is invalid');
    const expired = await auth.issue({ tenant_id: 'acme', expires_in: -1 });
    expect((await rejection(auth.authenticate(`Bearer ${expired}`))).message).toBe('Token has expired');
    const none = unsigned({ tenant_id: 'acme', scope: 'ous:read', exp: nowS + 60 });
    expect((await rejection(auth.authenticate(`Bearer ${none}`))).message).toBe('Token algorithm is not allowed');
    const noExp = await sign({ tenant_id: 'acme', scope: 'ous:read' });
    expect((await rejection(auth.authenticate(`Bearer ${noExp}`))).message).toBe('Token claims are invalid');
    const noTenant = await sign({ scope: 'ous:read', exp: nowS + 60 });
    expect((await rejection(auth.authenticate(`Bearer ${noTenant}`))).message).toBe('Token claims are invalid');
  });

  it('checks expiry on every use, also for a token verified before', async () => {
    let now = NOW;
    const auth = createTokenAuthority({ secret: SECRET, clock: () => now, defects: NO_DEFECTS });
    const token = await auth.issue({ tenant_id: 'acme', expires_in: 10 });
    expect(auth.cachedClaims(token)).toBeUndefined();
    await auth.authenticate(`Bearer ${token}`);
    // Known and valid: answered at once, without a second verification.
    expect(auth.cachedClaims(token)?.tenant_id).toBe('acme');
    now = new Date(NOW.getTime() + 11_000);
    expect(auth.cachedClaims(token)).toBeUndefined();
    expect((await rejection(auth.authenticate(`Bearer ${token}`))).message).toBe('Token has expired');
  });

  it('answers 401 with WWW-Authenticate: Bearer, with error="invalid_token" for a bad token', async () => {
    const missing = toResponse(await rejection(authority().authenticate(undefined)));
    expect(missing.status).toBe(401);
    expect(missing.headers['WWW-Authenticate']).toBe('Bearer realm="ou-mock", error_description="Missing bearer token"');
    const bad = toResponse(await rejection(authority().authenticate('Bearer x.y.z')));
    expect(bad.headers['WWW-Authenticate']).toMatch(/^Bearer realm="ou-mock", error="invalid_token"/);
  });

  it('defect accept-expired lets an expired token through', async () => {
    const auth = authority(['accept-expired']);
    const expired = await auth.issue({ tenant_id: 'acme', expires_in: -5 });
    expect((await auth.authenticate(`Bearer ${expired}`)).tenant_id).toBe('acme');
  });

  it('defect accept-alg-none lets an unsigned token through', async () => {
    const none = unsigned({ tenant_id: 'acme', scope: 'ous:read', exp: nowS + 60 });
    expect((await authority(['accept-alg-none']).authenticate(`Bearer ${none}`)).tenant_id).toBe('acme');
  });
});

