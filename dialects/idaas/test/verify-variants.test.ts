/**
 * `verify --dialect idaas` against implementations it has never seen, built as wrappers
 * around the mock's handler: broken ones whose fault lies where no idaas defect switch can
 * reach (the host checks the token for every dialect), which must FAIL; and a conformant one
 * that differs wherever the page leaves freedom, which must PASS.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/runner.ts';
import { TENANT } from '../../../suites/test/target.ts';
import { holdAnswer } from './replace-answers.ts';
import { idaasTarget } from './target.ts';

const UNIT_PATH = /^\/v2\/[^/?]+\/[^/?]+\/organizationalUnits\/(?!_\/)[^/?]+$/;
const LOOKUP_PATH = /\/organizationalUnits\/_\/actions\/getOrganizationalUnitIdByExternalId$/;

/** A server that lets `req` through with the main token when `lets` says so: one route whose token check is broken. */
function tokenHole(handle: RequestListener, token: string, lets: (req: IncomingMessage) => boolean): RequestListener {
  return (req, res) => {
    if (lets(req)) req.headers.authorization = `Bearer ${token}`;
    return handle(req, res);
  };
}

describe('verify --dialect idaas fails a server whose token check misses one route', () => {
  const holes: Array<[string, (req: IncomingMessage, expired: string) => boolean]> = [
    ['GET of a unit needs no token', (req) => req.method === 'GET' && UNIT_PATH.test((req.url ?? '').split('?')[0] ?? '') && req.headers.authorization === undefined],
    ['the lookup action needs no token', (req) => LOOKUP_PATH.test((req.url ?? '').split('?')[0] ?? '') && req.headers.authorization === undefined],
    ['DELETE takes an expired token', (req, expired) => req.method === 'DELETE' && req.headers.authorization === `Bearer ${expired}`],
    ['PATCH takes a malformed token', (req) => req.method === 'PATCH' && req.headers.authorization === 'Bearer not-a-token'],
  ];

  it.each(holes)('%s: ID-A1 fails, by idaas.auth.token, and no other rule', async (_what, lets) => {
    const { app, config, token, expiredToken } = await idaasTarget();
    const report = await runSuite({ ...config, app: tokenHole(app.handle, token, (req) => lets(req, expiredToken)), rules: ['ID-A1'] });
    const failed = report.checks.filter((c) => c.status === 'failed').map((c) => c.check);
    expect(failed).toContain('idaas.auth.token');
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual(['ID-A1']);
    expect(report.verdict.core).toBe('failed');
  });
});

describe("verify --dialect idaas and a server's storage outage (503 ServiceUnavailable, Retry-After)", () => {
  /** A server whose storage fails once, as the mock's does when its write-ahead log cannot be written: the first DELETE answers 503. */
  function outageOnce(handle: RequestListener): RequestListener {
    let failed = false;
    return (req, res) => {
      if (!failed && req.method === 'DELETE') {
        failed = true;
        res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5' });
        res.end(JSON.stringify({ requestId: 'outage', code: 'ServiceUnavailable', message: 'The change could not be stored and was not made; retry after 5 s.' }));
        return;
      }
      handle(req, res);
    };
  }

  it('is no ID-E1 failure: the all-answers check notes it and passes', async () => {
    const { app, config } = await idaasTarget();
    const report = await runSuite({ ...config, app: outageOnce(app.handle), rules: ['ID-L1', 'ID-E1'] });
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message}`)).toEqual([]);
    expect(report.checks.find((c) => c.check === 'idaas.errors.all')?.message).toMatch(/503 ServiceUnavailable with Retry-After/);
  });
});

/** Objects with their keys in reverse order, all the way down. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

/**
 * What another correct server may answer differently: its own error messages and request
 * ids, extra fields on units, times kept in whole seconds (still milliseconds), and every
 * object's keys in another order.
 */
function otherVendorBody(body: unknown, requestNumber: number): unknown {
  const shaped = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shaped);
    if (typeof value !== 'object' || value === null) return value;
    const o = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shaped(v)]));
    if (typeof o['code'] === 'string' && typeof o['message'] === 'string') {
      return { ...o, requestId: `vendor-${requestNumber}`, message: `Vendor says no (${String(o['code'])}).` };
    }
    if (typeof o['organizationalUnitId'] === 'string' && typeof o['createTime'] === 'number' && typeof o['updateTime'] === 'number') {
      return { ...o, createTime: Math.floor(o['createTime'] / 1000) * 1000, updateTime: Math.floor(o['updateTime'] / 1000) * 1000, leafNode: false, vendorTag: 'extra' };
    }
    return o;
  };
  return reversedKeys(shaped(body));
}

/**
 * The mock's answers rewritten by `rewrite`, sent with upper-cased header names in reverse
 * order and the body in two chunks (no Content-Length: chunked).
 */
function rewrittenServer(handle: RequestListener, rewrite: (body: unknown, n: number) => unknown): RequestListener {
  let requests = 0;
  return (req, res) => {
    const n = ++requests;
    holdAnswer(res, ({ status, body, send }) => {
      const text = body.toString('utf8');
      const json = String(res.getHeader('content-type') ?? '').includes('json') && text !== '';
      const out = json ? JSON.stringify(rewrite(JSON.parse(text), n)) : text;
      const headers = res.getHeaderNames().filter((h) => h !== 'content-length').map((h) => [h, res.getHeader(h)] as const).reverse();
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      for (const [name, value] of headers) if (value !== undefined) res.setHeader(name.toUpperCase(), value);
      send.writeHead(status);
      const half = Math.floor(out.length / 2);
      send.write(out.slice(0, half));
      return send.end(out.slice(half));
    });
    return handle(req, res);
  };
}

describe('verify --dialect idaas passes a correct server it has never seen', () => {
  it('with other messages, request ids, key order, header case and order, chunked bodies, extra unit fields and times in whole seconds', async () => {
    const { app, config, token } = await idaasTarget();
    const server = rewrittenServer(app.handle, otherVendorBody);
    // The wrapper does change the answers: a unit with the extra fields and keys reversed, chunked, an error in the vendor's words.
    const root = await request(server).get(`/v2/${TENANT}/app/organizationalUnits/ou_root`).set('Authorization', `Bearer ${token}`);
    expect(Object.keys(root.body).at(0)).toBe('vendorTag');
    expect(root.headers['content-length']).toBeUndefined();
    const missing = await request(server).get(`/v2/${TENANT}/app/organizationalUnits/none`).set('Authorization', `Bearer ${token}`);
    expect(missing.body).toMatchObject({ code: 'EntityNotExists.OrganizationalUnit', message: 'Vendor says no (EntityNotExists.OrganizationalUnit).' });

    const report = await runSuite({ ...config, app: server });
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message}`)).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  });

  it.each([1, 2, 3])('on the clean mock with run seed %i', async (seed) => {
    const { config } = await idaasTarget();
    const report = await runSuite({ ...config, seed });
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message}`)).toEqual([]);
  });
});
