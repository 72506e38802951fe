/**
 * The browser build's stand-ins for Node built-ins (scripts/bundle-msw-browser.mjs) answer as
 * Node does, on the calls the mock makes: the same digests (a write's ids derive from them), the
 * same base64url (the token check), the same header checks and reason phrases.
 */
import * as nodeCrypto from 'node:crypto';
import * as nodeHttp from 'node:http';
import * as nodeUrl from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as crypto from '../crypto.ts';
import { Buffer as BrowserBuffer } from '../globals.ts';
import * as http from '../http.ts';
import * as url from '../url.ts';

const thrown = (fn: () => void): boolean => {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
};

describe('node:crypto in the browser', () => {
  it('sha256 and HMAC-SHA256 give Node digests, as bytes and in every encoding the mock uses', () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array(), (text, bytes) => {
        for (const data of [text, bytes]) {
          expect(crypto.createHash('sha256').update(data).digest('hex')).toBe(nodeCrypto.createHash('sha256').update(data).digest('hex'));
          expect(Buffer.from(crypto.createHash('sha256').update(data).digest())).toEqual(nodeCrypto.createHash('sha256').update(data).digest());
          expect(crypto.createHmac('sha256', 'k').update(data).digest('base64url')).toBe(nodeCrypto.createHmac('sha256', 'k').update(data).digest('base64url'));
        }
      }),
    );
  });

  it('refuses another algorithm by name; random bytes and UUIDs have their shapes', () => {
    expect(() => crypto.createHash('md5')).toThrow(/Only sha256 .* not md5/);
    expect(crypto.randomBytes(12).toString('hex')).toMatch(/^[0-9a-f]{24}$/);
    expect(crypto.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('timingSafeEqual: as Node, including its refusal of different lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.uint8Array({ minLength: 1, maxLength: 8 }), (a, b) => {
        if (a.length !== b.length) expect(() => crypto.timingSafeEqual(a, b)).toThrow(RangeError);
        else expect(crypto.timingSafeEqual(a, b)).toBe(nodeCrypto.timingSafeEqual(a, b));
        expect(crypto.timingSafeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });
});

describe('Buffer in the browser', () => {
  it("encodes and decodes 'base64url' as Node does, non-canonical spellings included", () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), (bytes, text) => {
        expect(BrowserBuffer.from(bytes).toString('base64url')).toBe(Buffer.from(bytes).toString('base64url'));
        expect(BrowserBuffer.from(text, 'base64url').toString('base64url')).toBe(Buffer.from(text, 'base64url').toString('base64url'));
      }),
    );
    expect(BrowserBuffer.from('héllo').toString('utf8')).toBe('héllo');
  });

  it('makes a view of part of an ArrayBuffer, as the journal does to keep the start of a body', () => {
    // Compared with a Uint8Array view: run in Node, globals.ts patches Node's own Buffer (the bare
    // 'buffer' is the built-in here), so Buffer itself is no independent reference.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const offset = a % bytes.length;
        const length = b % (bytes.length - offset + 1);
        const view = BrowserBuffer.from(bytes.buffer, bytes.byteOffset + offset, length);
        expect([...view]).toEqual([...new Uint8Array(bytes.buffer, bytes.byteOffset + offset, length)]);
      }),
    );
  });
});

describe('node:http and node:url in the browser', () => {
  it('checks header names and values as Node does', () => {
    const names = ['x-ok', 'X_Ok.1', '', 'bad name', 'bad:name', 'ü', 'a\r\n'];
    for (const name of names) expect(thrown(() => http.validateHeaderName(name)), name).toBe(thrown(() => nodeHttp.validateHeaderName(name)));
    const values = ['plain', 'tab\there', 'new\nline', 'nul\u0000', 'ütf', '\u0100'];
    for (const value of values) expect(thrown(() => http.validateHeaderValue('x', value)), JSON.stringify(value)).toBe(thrown(() => nodeHttp.validateHeaderValue('x', value)));
  });

  it('names every status the mock answers with as Node does', () => {
    for (const code of [200, 201, 204, 304, 400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 428, 429, 500, 502, 503, 504]) {
      expect(http.STATUS_CODES[code], String(code)).toBe(nodeHttp.STATUS_CODES[code]);
    }
  });

  it('turns file URLs into paths as Node does, and refuses others', () => {
    for (const u of ['file:///ou-contract/contracts/ou-api.yaml', 'file:///a%20b/c.yaml']) expect(url.fileURLToPath(u)).toBe(nodeUrl.fileURLToPath(u));
    expect(url.pathToFileURL('/a b/c.yaml').href).toBe(nodeUrl.pathToFileURL('/a b/c.yaml').href);
    expect(() => url.fileURLToPath('http://localhost/x')).toThrow(/scheme file/);
  });
});
