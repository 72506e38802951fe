/**
 * The client-side fixes the wire variations forced, each alone: content codings are decoded
 * (bounded), an auth-scheme matches the contract in any case; and the proxy itself really
 * puts each variation on the wire (a variation that changed nothing would prove nothing).
 */
import { createServer, get, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { contractModel } from '../../suites/contract-model.ts';
import { HttpTransport, ResponseTooLargeError, UnsupportedEncodingError } from '../../suites/http-transport.ts';
import { responseIssues } from '../../suites/response-conformance.ts';
import { conformantVariations } from './variations.ts';
import { startWireProxy, type RunningProxy } from './wire-proxy.ts';

const servers: Server[] = [];
const proxies: RunningProxy[] = [];
afterEach(async () => {
  await Promise.all([...servers.splice(0).map((s) => new Promise((r) => s.close(r))), ...proxies.splice(0).map((p) => p.close())]);
});

/** A server answering every request with `body` in `encoding`. */
async function encodedServer(body: Buffer, encoding: string): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding }).end(body));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function fetchText(base: string, maxResponseBytes?: number): Promise<string> {
  const transport = new HttpTransport(base, maxResponseBytes === undefined ? {} : { maxResponseBytes });
  try {
    return (await transport.send({ method: 'GET', path: '/', headers: {} })).text;
  } finally {
    await transport.close();
  }
}

describe('the transport decodes the content codings a server may use unasked (RFC 9110 §12.5.3)', () => {
  const json = Buffer.from(JSON.stringify({ name: 'Zürich', items: Array.from({ length: 50 }, (_, i) => i) }));
  it.each([
    ['gzip', gzipSync(json)],
    ['x-gzip', gzipSync(json)],
    ['deflate', deflateSync(json)],
    ['deflate', deflateRawSync(json)],
    ['br', brotliCompressSync(json)],
    ['identity', json],
    ['gzip, br', brotliCompressSync(gzipSync(json))],
  ])('%s', async (encoding, body) => {
    expect(await fetchText(await encodedServer(body, encoding))).toBe(json.toString('utf8'));
  });

  it('caps the decoded size as the raw one: a small bomb is cut off', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(fetchText(await encodedServer(bomb, 'gzip'), 1024 * 1024)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('names a coding it cannot decode instead of handing on its bytes as text', async () => {
    await expect(fetchText(await encodedServer(json, 'compress'))).rejects.toBeInstanceOf(UnsupportedEncodingError);
  });
});

describe('responseIssues: the auth-scheme of a challenge in any case (RFC 9110 §11.1)', () => {
  const listOus = contractModel().operation('listOus');
  const issues = (challenge: string): string[] =>
    responseIssues(listOus, { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': challenge }, text: '{"detail":"no"}' }).map((i) => i.kind);
  it('takes bearer and BEARER for the contract\'s ^Bearer, and still refuses another scheme', () => {
    expect(issues('bearer realm="ou", error="invalid_token"')).toEqual([]);
    expect(issues('BEARER')).toEqual([]);
    expect(issues('Basic realm="ou"')).toEqual(['headers']);
    expect(issues('negotiate')).toEqual(['headers']);
  });
});

describe('the wire proxy puts each variation on the wire', () => {
  /** One raw answer of the mock's health route through `name`. */
  async function through(name: string): Promise<{ res: IncomingMessage; body: Buffer }> {
    const variation = conformantVariations('ou-api').find((v) => v.name === name);
    if (variation === undefined) throw new TypeError(`no variation ${name}`);
    const upstream: RequestListener = (_req, res) => res.writeHead(404, { 'Content-Type': 'application/json', 'X-Request-ID': 'r-1' }).end('{"detail":"Not found: /x","b":"é/"}');
    const proxy = await startWireProxy(upstream, variation);
    proxies.push(proxy);
    return new Promise((resolve, reject) => {
      get(`${proxy.baseUrl}/x`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  }

  it('header-case-order: names in other case, order reversed', async () => {
    const { res } = await through('header-case-order');
    const names = res.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names).toContain('X-REQUEST-ID');
    expect(names).toContain('content-type');
  });

  it('chunked: no Content-Length, Transfer-Encoding chunked', async () => {
    const { res } = await through('chunked');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
  });

  it('connection-close, charset-param, reason-phrase, no-request-id-header', async () => {
    expect((await through('connection-close')).res.headers['connection']).toBe('close');
    expect((await through('charset-param')).res.headers['content-type']).toBe('Application/JSON;Charset="UTF-8"');
    expect((await through('reason-phrase')).res.statusMessage).toBe('Status 404 from the vendor');
    expect((await through('no-request-id-header')).res.headers['x-request-id']).toBeUndefined();
  });

  it('escaped-json, pretty-json, reversed-keys, other-error-messages: other bytes, the same keys', async () => {
    const text = async (name: string): Promise<string> => (await through(name)).body.toString('utf8');
    expect(await text('escaped-json')).toBe('{"detail":"Not found: \\/x","b":"\\u00e9\\/"}');
    expect(await text('pretty-json')).toBe('{\r\n\t"detail" : "Not found: /x",\r\n\t"b" : "é/"\r\n}\r\n');
    expect(await text('reversed-keys')).toBe('{"b":"é/","detail":"Not found: /x"}');
    expect(JSON.parse(await text('other-error-messages'))).toEqual({ detail: 'Request could not be completed (HTTP 404); see the documentation.', b: 'é/' });
  });

  it('gzip-unasked: a gzip body with Content-Encoding', async () => {
    const { res, body } = await through('gzip-unasked');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual({ detail: 'Not found: /x', b: 'é/' });
  });
});
