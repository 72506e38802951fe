import { beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { BASE, IDS, bearer, http, tinyApp, tokensFor, type Tokens } from '../../http/test/helpers.ts';
import { contains } from '../stubs.ts';

const ACME = `${BASE}/acme/ous`;
let app: MockApp;
let t: Tokens;

beforeEach(async () => {
  app = tinyApp();
  t = await tokensFor(app);
});

describe('stubs through the admin API', () => {
  it('a stub with times: 1 answers once, then the state answers again (a scenario)', async () => {
    const add = await http(app)
      .post('/__mock/stubs')
      .send({ match: { method: 'GET', operation: 'getOu' }, respond: { status: 500, body: { detail: 'Database unavailable' } }, times: 1 });
    expect(add.status).toBe(201);
    expect(add.body.data).toMatchObject({ id: expect.any(String), hits: 0, remaining: 1 });
    const first = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro));
    expect(first.status).toBe(500);
    expect(first.body).toEqual({ detail: 'Database unavailable' });
    expect(first.headers['x-mock-stub']).toBe(add.body.data.id);
    const second = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro));
    expect(second.status).toBe(200);
    expect(second.body.data.name).toBe('Engineering');
    expect((await http(app).get('/__mock/stubs')).body.data).toEqual([expect.objectContaining({ hits: 1, remaining: 0 })]);
  });

  it('several at once (PUT), tried in order, matching query, headers and a body subset; the rest reaches the state with its body intact', async () => {
    const put = await http(app)
      .put('/__mock/stubs')
      .send({
        rules: [
          { match: { path: `${BASE}/acme/ous`, method: 'POST', body: { name: 'Boom', custom_attributes: { tier: 'gold' } } }, respond: { status: 409, body: { detail: 'stubbed clash' } } },
          { match: { operation: 'listOus', query: { search: 'zzz' } }, respond: { status: 200, body: { data: [], pagination: { page: 1, per_page: 20, total_items: 0, total_pages: 0 } } } },
          { match: { operation: 'listOus', headers: { 'X-Scenario': 'slow-empty' } }, respond: { status: 503, headers: { 'Retry-After': '1' } } },
        ],
      });
    expect(put.status).toBe(200);
    expect(put.body.data).toHaveLength(3);
    const clash = await http(app).post(ACME).set(bearer(t.rw)).send({ name: 'Boom', description: 'x', custom_attributes: { tier: 'gold', extra: 1 } });
    expect([clash.status, clash.body]).toEqual([409, { detail: 'stubbed clash' }]);
    // Same route, body not contained: the handler gets the very bytes the stub read.
    const created = await http(app).post(ACME).set(bearer(t.rw)).send({ name: 'Boom', custom_attributes: { tier: 'silver' } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'Boom', custom_attributes: { tier: 'silver' } });
    expect((await http(app).get(`${ACME}?search=zzz`).set(bearer(t.ro))).body.pagination.total_items).toBe(0);
    expect((await http(app).get(`${ACME}?search=Eng`).set(bearer(t.ro))).body.pagination.total_items).toBe(1);
    const header = await http(app).get(ACME).set('X-Scenario', 'slow-empty');
    expect([header.status, header.headers['retry-after'], header.text]).toEqual([503, '1', '']);
  });

  it('applies before authentication, as faults do', async () => {
    await http(app).post('/__mock/stubs').send({ match: { operation: 'getOuTree' }, respond: { status: 200, body: { data: [] } } });
    const res = await http(app).get(`${ACME}/tree`);
    expect([res.status, res.body]).toEqual([200, { data: [] }]);
  });

  it('refuses an unknown operation, a glob matching no route, a method no route has and framing headers, naming the field; nothing changes', async () => {
    await http(app).post('/__mock/stubs').send({ match: { operation: 'getOu' }, respond: { status: 500 } });
    const cases: Array<[object, (string | number)[], string]> = [
      [{ match: { operation: 'getOus' }, respond: { status: 500 } }, ['body', 'match', 'operation'], 'unknown operationId "getOus"'],
      [{ match: { path: '/api/v9/**' }, respond: { status: 500 } }, ['body', 'match', 'path'], 'matches no route'],
      [{ match: { method: 'TRACE' }, respond: { status: 500 } }, ['body', 'match', 'method'], 'no route is served with method TRACE'],
      [{ match: { method: 'GET', operation: 'createOu' }, respond: { status: 500 } }, ['body', 'match', 'operation'], 'unknown operationId'],
      [{ match: { operation: 'getOu', path: `${BASE}/*/ous/*/users` }, respond: { status: 500 } }, ['body', 'match', 'path'], 'no path of operation getOu'],
      [{ match: {}, respond: { status: 200, headers: { 'Content-Length': '3' } } }, ['body', 'respond', 'headers', 'Content-Length'], 'frames the response'],
      [{ match: {}, respond: { status: 200, headers: { 'X-A': 'a\u0001b' } } }, ['body', 'respond', 'headers', 'X-A'], 'not a valid HTTP header'],
    ];
    for (const [rule, loc, msg] of cases) {
      const res = await http(app).post('/__mock/stubs').send(rule);
      expect(res.status, JSON.stringify(rule)).toBe(422);
      expect(res.body.detail[0], JSON.stringify(rule)).toMatchObject({ loc, msg: expect.stringContaining(msg) });
    }
    const inList = await http(app).put('/__mock/stubs').send({ rules: [{ match: {}, respond: { status: 500 } }, { match: { operation: 'nope' }, respond: { status: 500 } }] });
    expect(inList.body.detail[0].loc).toEqual(['body', 'rules', 1, 'match', 'operation']);
    const schema = await http(app).post('/__mock/stubs').send({ match: {}, respond: { status: 99 } });
    expect(schema.status).toBe(422);
    expect((await http(app).get('/__mock/stubs')).body.data).toHaveLength(1);
  });

  it('a fault stub cuts the connection: connection_reset and empty_response', async () => {
    for (const fault of ['connection_reset', 'empty_response']) {
      await http(app).put('/__mock/stubs').send({ rules: [{ match: { operation: 'listOus' }, respond: { fault } }] });
      await expect(http(app).get(ACME).set(bearer(t.ro)), fault).rejects.toThrow(/socket hang up|ECONNRESET/);
    }
  });

  it('delay_ms waits by a timer before answering', async () => {
    await http(app).post('/__mock/stubs').send({ match: { operation: 'listOus' }, respond: { status: 204 }, delay_ms: 60 });
    const started = performance.now();
    expect((await http(app).get(ACME)).status).toBe(204);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('DELETE one by id (404 for an unknown id), DELETE all', async () => {
    const a = await http(app).post('/__mock/stubs').send({ match: { operation: 'listOus' }, respond: { status: 500 } });
    await http(app).post('/__mock/stubs').send({ match: { operation: 'getOu' }, respond: { status: 500 } });
    expect((await http(app).delete(`/__mock/stubs/${a.body.data.id}`)).status).toBe(204);
    expect((await http(app).delete(`/__mock/stubs/${a.body.data.id}`)).status).toBe(404);
    expect((await http(app).get(ACME).set(bearer(t.ro))).status).toBe(200);
    expect((await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro))).status).toBe(500);
    expect((await http(app).delete('/__mock/stubs')).status).toBe(204);
    expect((await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro))).status).toBe(200);
    expect((await http(app).get('/__mock/stubs')).body.data).toEqual([]);
  });
});

describe('contains (body subset)', () => {
  it('objects by key recursively, arrays element by element, scalars strictly', () => {
    expect(contains({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { d: 2 }] } })).toBe(true);
    expect(contains({ a: 1 }, {})).toBe(true);
    expect(contains({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(contains({ a: '1' }, { a: 1 })).toBe(false);
    expect(contains({ a: null }, { a: null })).toBe(true);
    expect(contains({ a: {} }, { a: [] })).toBe(false);
    expect(contains(null, { a: 1 })).toBe(false);
    expect(contains({ toString: 'x' }, { constructor: undefined })).toBe(false);
  });
});
