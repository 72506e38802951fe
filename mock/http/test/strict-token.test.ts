/** Issue 14, finding 6: one Authorization header only, and tokens in canonical base64url only. */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '../typed-errors.ts';
import { createTokenAuthority, isCanonicalJws } from '../auth.ts';
import { BASE, clock, tinyApp } from './helpers.ts';

const auth = createTokenAuthority({ secret: 'test-secret', clock, defects: new Set() });

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);
  return (err as Error).message;
}

/** Flips the unused low bits of the last base64url character: decodes to the same bytes, spelt differently. */
function nonCanonicalTail(part: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(part.at(-1) as string);
  const unusedBits = part.length % 4 === 2 ? 4 : 2;
  return part.slice(0, -1) + (alphabet[last | ((1 << unusedBits) - 1)] as string);
}

describe('strict token parsing', () => {
  it('refuses a token whose signature is padded or has non-canonical final bits; the canonical one passes', async () => {
    const token = await auth.issue({ tenant_id: 'acme' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // An HS256 signature is 32 bytes: 43 characters, 2 unused bits in the last one.
    expect(signature.length % 4).toBe(3);
    expect((await auth.authenticate(`Bearer ${token}`)).tenant_id).toBe('acme');
    for (const variant of [`${signature}=`, nonCanonicalTail(signature)]) {
      // The variants decode to the same bytes: a lenient decoder would accept them.
      expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      expect(await refusal(auth.authenticate(`Bearer ${header}.${payload}.${variant}`))).toBe('Token is malformed');
    }
    expect(await refusal(auth.authenticate(`Bearer ${header}.${payload}=.${signature}`))).toBe('Token is malformed');
  });

  it('isCanonicalJws accepts exactly what an encoder writes', () => {
    expect(isCanonicalJws('eyJhbGciOiJub25lIn0.e30.')).toBe(true);
    expect(isCanonicalJws('QQ')).toBe(true);
    expect(isCanonicalJws('QR')).toBe(false);
    expect(isCanonicalJws('QQ==')).toBe(false);
    expect(isCanonicalJws('a+b/')).toBe(false);
  });

  it('refuses two Authorization headers, even two identical valid ones', async () => {
    const token = await auth.issue({ tenant_id: 'acme' });
    expect(await refusal(auth.authenticate([`Bearer ${token}`, `Bearer ${token}`]))).toBe('Authorization header must be given once');
    expect((await auth.authenticate([`Bearer ${token}`])).tenant_id).toBe('acme');
  });

  it('answers 401 over HTTP when the request carries two Authorization headers', async () => {
    const app = tinyApp();
    const good = await app.issueToken({ tenant_id: 'acme' });
    const other = await app.issueToken({ tenant_id: 'globex' });
    const server = createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `${BASE}/acme/ous` }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        // An array value sends one header line per item.
        req.setHeader('Authorization', [`Bearer ${good}`, `Bearer ${other}`]);
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
