import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../suites/index.ts';
import { startMockServer, type MockServer } from '../server.ts';
import { defaultReportPath, ProxyOptionError, startValidationProxy, type ValidationProxy } from '../proxy.ts';
import type { ViolationRecord } from '../proxy-violations.ts';

const OUS = '/api/v1/tenants/acme/ous';
const dir = mkdtempSync(join(tmpdir(), 'ou-proxy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Target {
  mock: MockServer;
  proxy: ValidationProxy;
  send(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<{ status: number; body: unknown }>;
}

async function proxied(file: string, defects?: ReadonlySet<'response-schema-break'>): Promise<Target> {
  const mock = await startMockServer({ port: 0, preset: 'small', seed: 42, ...(defects ? { defects } : {}) });
  const proxy = await startValidationProxy({ upstream: mock.url, port: 0, out: join(dir, file) });
  const token = await mock.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read', 'ous:write'] });
  const send: Target['send'] = async (method, path, init = {}) => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers };
    const res = await fetch(`${proxy.url}${path}`, { method, headers, body: init.body, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return { mock, proxy, send };
}

async function stop(t: Target): Promise<void> {
  await t.proxy.close();
  await t.mock.close();
}

function lines(file: string): ViolationRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ViolationRecord);
}

describe('validation proxy in front of the clean mock', () => {
  let t: Target;
  beforeAll(async () => {
    t = await proxied('clean.jsonl');
  });
  afterAll(() => stop(t));

  it('records no violation for conforming traffic over all 7 operations (OU-E1)', async () => {
    const list = await t.send('GET', `${OUS}?per_page=5`);
    expect(list.status).toBe(200);
    const id = (list.body as { data: Array<{ id: string }> }).data[0]?.id ?? '';
    expect((await t.send('GET', `${OUS}/${id}`)).status).toBe(200);
    expect((await t.send('GET', `${OUS}/tree`)).status).toBe(200);
    expect((await t.send('GET', `${OUS}/${id}/users?include_nested=true&per_page=3`)).status).toBe(200);
    const created = await t.send('POST', OUS, { body: JSON.stringify({ name: 'Proxy Probe', custom_attributes: { cost_center: 'CC-1' } }) });
    expect(created.status).toBe(201);
    const newId = (created.body as { data: { id: string } }).data.id;
    expect((await t.send('PATCH', `${OUS}/${newId}`, { body: JSON.stringify({ description: null, parent_id: id }) })).status).toBe(200);
    expect((await t.send('GET', `${OUS}?search=probe&parent_id=${id}`)).status).toBe(200);
    expect((await t.send('DELETE', `${OUS}/${newId}?strategy=CASCADE`)).status).toBe(204);
    expect((await t.send('GET', `${OUS}/${newId}`)).status).toBe(404);

    expect(t.proxy.records()).toEqual([]);
    expect(readFileSync(t.proxy.out, 'utf8')).toBe('');
  });

  it('blames the request, not the mock, for deliberate client errors; their answers conform (OU-A1, OU-L1, OU-E3)', async () => {
    const before = t.proxy.records().length;
    expect((await t.send('GET', OUS, { headers: { authorization: '' } })).status).toBe(401);
    expect((await t.send('GET', `${OUS}?per_page=0`)).status).toBe(422);
    // Prism cannot forward a body that is not JSON: the proxy sends it straight on and checks the answer itself.
    const malformed = await t.send('POST', OUS, { body: '{"name":' });
    expect(malformed.status).toBe(422);
    expect(malformed.body).toMatchObject({ detail: [expect.objectContaining({ loc: expect.arrayContaining(['body']) as unknown })] });

    const recorded = t.proxy.records().slice(before);
    expect(recorded.filter((r) => r.kind !== 'request')).toEqual([]);
    expect(recorded.map((r) => [r.status, r.location.join('.')])).toEqual([
      [401, 'request'],
      [422, 'request.query.per_page'],
    ]);
  });
});

describe('a full verify through the validation proxy', () => {
  it('passes every check and records no response violation: the mock conforms to the contract (OU-E1)', async () => {
    const t = await proxied('verify.jsonl');
    try {
      const issue = (tenant_id: string, extra: { scopes?: string[]; expires_in?: number } = {}): Promise<string> => t.mock.app.issueToken({ tenant_id, ...extra });
      const report = await runSuite({
        baseUrl: t.proxy.url,
        tenantId: 'acme',
        token: await issue('acme'),
        otherTenantId: 'globex',
        otherToken: await issue('globex'),
        readonlyToken: await issue('acme', { scopes: ['ous:read'] }),
        expiredToken: await issue('acme', { expires_in: -60 }),
        users: 'admin-http',
        seed: 42,
        timeoutMs: 10_000,
      });
      expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
      // The suite's negative checks send bad requests on purpose: Prism blames those on the request, never on the mock.
      expect(lines(t.proxy.out).filter((r) => r.kind !== 'request')).toEqual([]);
      expect(t.proxy.summary().exchanges).toBeGreaterThanOrEqual(report.requests);
    } finally {
      await stop(t);
    }
  }, 120_000);
});

describe("validation proxy in front of the mock with defect 'response-schema-break'", () => {
  it('records the broken response as one JSON line naming where and why (OU-E1)', async () => {
    const t = await proxied('broken.jsonl', new Set(['response-schema-break'] as const));
    try {
      const list = await t.send('GET', `${OUS}?per_page=1`);
      const id = (list.body as { data: Array<{ id: string }> }).data[0]?.id ?? '';
      expect((await t.send('GET', `${OUS}/${id}`)).status).toBe(200);
      const summary = await t.proxy.close();
      const response = lines(t.proxy.out).filter((r) => r.kind === 'response');
      expect(response.length).toBeGreaterThanOrEqual(1);
      expect(response).toContainEqual({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
        method: 'GET',
        path: `${OUS}/${id}`,
        status: 200,
        kind: 'response',
        location: ['response', 'body', 'data', 'user_count'],
        message: expect.stringContaining('integer') as unknown,
        severity: 'Error',
        code: 'type',
      });
      expect(summary.byKind.response.Error).toBe(response.length);
    } finally {
      await stop(t);
    }
  });
});

describe('proxy options', () => {
  it('rejects an upstream that is not an http(s) URL, naming --upstream', async () => {
    await expect(startValidationProxy({ upstream: '127.0.0.1:4010', port: 0 })).rejects.toThrow(ProxyOptionError);
    await expect(startValidationProxy({ upstream: 'ftp://127.0.0.1/', port: 0 })).rejects.toThrow(/--upstream/);
  });

  it('names the default report by time, safe for every file system', () => {
    expect(defaultReportPath(new Date('2026-01-15T09:30:00.123Z'))).toBe('reports/proxy-2026-01-15T09-30-00-123Z.jsonl');
  });
});
