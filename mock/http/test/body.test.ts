import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../typed-errors.ts';
import { MAX_JSON_DEPTH, parseJsonBody, readBody } from '../body.ts';

function fakeRequest(headers: Record<string, string> = {}): PassThrough & { headers: Record<string, string> } {
  return Object.assign(new PassThrough(), { headers });
}

describe('readBody', () => {
  it('collects the body', async () => {
    const req = fakeRequest();
    const body = readBody(req as unknown as IncomingMessage, 100);
    req.end('{"a":1}');
    expect((await body).toString()).toBe('{"a":1}');
  });

  it('rejects a declared Content-Length over the limit without reading', async () => {
    const req = fakeRequest({ 'content-length': '101' });
    await expect(readBody(req as unknown as IncomingMessage, 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(req.listenerCount('data')).toBe(0);
  });

  it('stops reading as soon as a streamed body passes the limit', async () => {
    const req = fakeRequest();
    const body = readBody(req as unknown as IncomingMessage, 10);
    req.write('x'.repeat(8));
    req.write('x'.repeat(8));
    await expect(body).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(req.listenerCount('data')).toBe(0);
    expect(req.isPaused()).toBe(true);
  });

  it('an aborted request is a 422, not a hang', async () => {
    const req = fakeRequest();
    const body = readBody(req as unknown as IncomingMessage, 10);
    req.emit('aborted');
    await expect(body).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON with no, a JSON or a +json content type', () => {
    for (const ct of [undefined, 'application/json', 'application/json; charset=utf-8', 'application/problem+json']) {
      expect(parseJsonBody(Buffer.from('{"a":[1]}'), ct)).toEqual({ a: [1] });
    }
  });

  it('415 for another media type', () => {
    expect(() => parseJsonBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded')).toThrow(UnsupportedMediaTypeError);
  });

  it('keeps __proto__ as an own key', () => {
    const value = parseJsonBody(Buffer.from('{"__proto__":{"polluted":true}}'), undefined) as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it(`refuses nesting over ${MAX_JSON_DEPTH} levels and accepts exactly ${MAX_JSON_DEPTH}`, () => {
    const nest = (n: number): Buffer => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(() => parseJsonBody(nest(MAX_JSON_DEPTH), undefined)).not.toThrow();
    expect(() => parseJsonBody(nest(MAX_JSON_DEPTH + 1), undefined)).toThrow(ValidationError);
  });
});
