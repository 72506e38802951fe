/**
 * OU-E4: no request, however malformed, answers 5xx or hangs. Random methods, paths,
 * queries, headers and bodies against one in-process server, through a raw node:http
 * client (supertest would normalise the bad inputs away).
 */
import { createServer, request as rawRequest, type Server, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, IDS, tinyApp } from './helpers.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let port: number;
let token: string;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  const app = tinyApp();
  token = await app.issueToken({ tenant_id: 'acme' });
  server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawResponse> {
  // node sends a GET body unframed unless told its length; the server would read it as the next request.
  const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = rawRequest({ host: '127.0.0.1', port, method, path, headers: framed, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(5_000, () => req.destroy(new Error(`no answer within 5 s: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const segment = fc.oneof(
  fc.constantFrom('api', 'v1', 'tenants', 'acme', 'globex', 'ous', 'tree', 'users', IDS.eng, IDS.platform, '__mock', 'snapshot', 'faults', 'journal', 'reset', 'tokens', '..', '.', ''),
  fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{0,12}$/),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2F', '%C0%AF', '%FF%FE'),
);

const path = fc.oneof(
  fc.array(segment, { maxLength: 8 }).map((s) => `/${s.join('/')}`),
  fc.array(segment, { maxLength: 3 }).map((s) => `${BASE}/${s.join('/')}`),
  fc.array(segment, { maxLength: 3 }).map((s) => `${BASE}/acme/ous/${s.join('/')}`),
);

const queryValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '1', '2', '100', '101', '1e3', '1.5', 'true', 'false', 'null', 'BLOCK', 'MOVE_UP', 'x', '%zz', '999999999999999999999'),
  fc.stringMatching(/^[A-Za-z0-9%+._-]{0,10}$/),
);
const query = fc
  .array(fc.tuple(fc.constantFrom('page', 'per_page', 'search', 'parent_id', 'include_nested', 'strategy', 'limit', '__code', '__example', 'x', 'page[a]'), queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ name: 'n', custom_attributes: v, description: v })),
  fc.record({ name: fc.string({ maxLength: 20 }), parent_id: fc.option(fc.constantFrom(IDS.eng, 'nope')) }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('[]', 'null', '"x"', '{', '{"name":', '\u0000', '\ufeff{}', '{"__proto__":{"x":1},"name":"p"}'),
);

const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    authorization: fc.oneof(fc.constant('VALID'), fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic x', 'Bearer eyJhbGciOiJub25lIn0.e30.'), printable),
    'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', '', 'application/vnd.x+json'), printable),
    prefer: fc.oneof(fc.constantFrom('code=404', 'code=418', 'code=abc', 'example=nope', 'example=empty', 'dynamic=true', 'code=200, example=page'), printable),
    'x-request-id': printable,
  },
  { requiredKeys: [] },
);

describe('fuzz (OU-E4): never a 5xx, never a hang', () => {
  it('random method, path, query, headers and body all answer < 500 with a JSON error body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE'),
        path,
        query,
        headers,
        body,
        async (method, p, q, h, b) => {
          const sent: Record<string, string> = { ...h };
          if (sent.authorization === 'VALID') sent.authorization = `Bearer ${token}`;
          // Faults would answer 5xx on purpose; they are not input.
          if (p.startsWith('/__mock/faults') && method === 'PUT') return;
          // So is a 5xx asked for with `Prefer: code=5xx` or `?__code=5xx`.
          if (/code=\s*"?5/i.test(`${h.prefer ?? ''} ${q}`)) return;
          const res = await send(method, p + q, sent, b);
          expect(res.status, `${method} ${p}${q} -> ${res.body}`).toBeLessThan(500);
          if (res.status >= 400 && method !== 'HEAD') {
            const parsed = JSON.parse(res.body) as { detail?: unknown };
            expect(parsed.detail, res.body).toBeDefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('huge headers, an absolute-form target and a request body on a GET are answered < 500', async () => {
    expect((await send('GET', `${BASE}/acme/ous`, { 'x-big': 'a'.repeat(8_000), authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await send('GET', `http://127.0.0.1:${port}${BASE}/acme/ous`, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await send('GET', `${BASE}/acme/ous`, { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, 'x'.repeat(3_000_000))).status).toBe(200);
  });

  it('deep nesting in every body field answers 422, not a crash', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await send('POST', `${BASE}/acme/ous`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, deep);
    expect(res.status).toBe(422);
    const snapshot = await send('PUT', '/__mock/snapshot', { 'content-type': 'application/json' }, `{"version":1,"tenants":${deep}}`);
    expect(snapshot.status).toBe(422);
  });
});
