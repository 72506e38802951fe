import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockApp, type MockOptions } from '../../app.ts';
import { createMswMock } from '../index.ts';

const OPTIONS: MockOptions = { seed: 42, preset: 'small', clock: () => new Date('2026-01-01T00:00:00Z') };
const MSW_BASE = 'http://localhost:4010';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What a frontend sees, with what differs by nature between two runs (new ids, request ids) made comparable. */
async function read(res: Response, ids: Map<string, string>): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text === '' ? null : JSON.parse(text);
  const stable = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let out = value;
      for (const [id, name] of ids) out = out.split(id).join(name);
      return out;
    }
    if (Array.isArray(value)) return value.map(stable);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'request_id' ? '<request id>' : stable(v)]));
    }
    return value;
  };
  body = stable(body);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'location', 'access-control-allow-origin', 'access-control-allow-methods', 'allow']) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = stable(value) as string;
  }
  return { status: res.status, headers, body };
}

/** A frontend's calls against `base`; returns every answer in order. */
async function frontendSession(base: string, token: string): Promise<Answer[]> {
  const ids = new Map<string, string>();
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const ous = `${base}/api/v1/tenants/acme/ous`;
  const answers: Answer[] = [];
  const call = async (url: string, init: RequestInit = {}): Promise<Answer> => {
    const answer = await read(await fetch(url, init), ids);
    answers.push(answer);
    return answer;
  };
  await call(`${ous}?per_page=5&page=2`, { headers: auth });
  await call(`${ous}/tree`, { headers: auth });
  const created = await call(ous, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Design', description: 'made by a story' }) });
  const newId = (created.body as { data: { id: string } }).data.id;
  ids.set(newId, '<new ou>');
  answers[answers.length - 1] = await read(new Response(JSON.stringify(created.body)), ids);
  answers[answers.length - 1]!.status = created.status;
  answers[answers.length - 1]!.headers = { ...created.headers, location: created.headers['location']!.split(newId).join('<new ou>') };
  await call(`${ous}/${newId}`, { headers: auth });
  await call(`${ous}/${newId}`, { method: 'PATCH', headers: json, body: JSON.stringify({ name: 'Design Systems' }) });
  await call(ous, { method: 'POST', headers: json, body: JSON.stringify({ name: 'design systems' }) });
  await call(ous, { method: 'POST', headers: json, body: '{"name": ' });
  await call(ous, { method: 'POST', headers: json, body: JSON.stringify({ name: '   ' }) });
  await call(ous);
  await call(`${base}/api/v1/tenants/globex/ous`, { headers: auth });
  await call(`${ous}?search=design`, { headers: auth });
  await call(`${ous}/${newId}`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PATCH' } });
  await call(`${ous}/${newId}`, { method: 'DELETE', headers: auth });
  await call(`${ous}/${newId}`, { headers: auth });
  await call(`${ous}/${newId}`, { method: 'PUT', headers: json, body: '{}' });
  return answers;
}

describe('ou-contract/msw: the mock as MSW handlers', () => {
  const msw = createMswMock({ ...OPTIONS, baseUrl: MSW_BASE });
  const http = createMockApp(OPTIONS);
  const mswServer = setupServer(...msw.handlers);
  let server: Server;
  let httpBase: string;

  beforeAll(async () => {
    server = createServer(http.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Requests to the HTTP mock are not MSW's: they go out to the real server.
    mswServer.listen({ onUnhandledRequest: 'bypass' });
  });

  afterAll(async () => {
    mswServer.close();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  it('gives a frontend the same answers as the HTTP mock, call for call', async () => {
    const token = await http.issueToken({ tenant_id: 'acme', scopes: ['ous:read', 'ous:write'] });
    const overHttp = await frontendSession(httpBase, token);
    const overMsw = await frontendSession(MSW_BASE, token);
    expect(overMsw.map((a) => a.status)).toEqual([200, 200, 201, 200, 200, 409, 422, 422, 401, 403, 200, 204, 204, 404, 405]);
    expect(overMsw).toEqual(overHttp);
  });

  it('keeps state across requests: an OU created through MSW is in the tree and the app state', async () => {
    const token = await msw.app.issueToken({ tenant_id: 'globex', scopes: ['ous:read', 'ous:write'] });
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${MSW_BASE}/api/v1/tenants/globex/ous`, { method: 'POST', headers, body: JSON.stringify({ name: 'Storybook' }) });
    expect(created.status).toBe(201);
    const tree = (await (await fetch(`${MSW_BASE}/api/v1/tenants/globex/ous/tree`, { headers })).json()) as { data: Array<{ name: string }> };
    expect(tree.data.map((n) => n.name)).toContain('Storybook');
    expect(msw.app.directory.tenant('globex').queryUnits({ where: { nameContains: 'storybook' } }).total).toBe(1);
  });

  it('serves under a base path and leaves other origins alone', async () => {
    const prefixed = createMswMock({ ...OPTIONS, auth: false, baseUrl: 'http://api.test/mock' });
    const local = setupServer(...prefixed.handlers);
    mswServer.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      const res = await fetch('http://api.test/mock/api/v1/tenants/acme/ous?per_page=1');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { pagination: { per_page: number } }).pagination.per_page).toBe(1);
      await expect(fetch('http://elsewhere.test/api/v1/tenants/acme/ous')).rejects.toThrow();
    } finally {
      local.close();
      mswServer.listen({ onUnhandledRequest: 'bypass' });
    }
  });

  it('refuses a base URL it cannot use, naming it', () => {
    expect(() => createMswMock({ baseUrl: 'localhost:4010' })).toThrow(/baseUrl must be an http\(s\) URL/);
    expect(() => createMswMock({ baseUrl: '/api' })).toThrow(/baseUrl must be an absolute URL/);
    expect(() => createMswMock({ baseUrl: 'http://localhost:4010/?x=1' })).toThrow(/baseUrl must not carry a query/);
  });
});
