import { beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { createMockApp } from '../../app.ts';
import { BASE, IDS, bearer, clock, http, tinyApp } from '../../http/test/helpers.ts';
import { loadAdminDocument } from '../admin-api.ts';

const ACME = `${BASE}/acme/ous`;

let app: MockApp;
let changes: number;

beforeEach(() => {
  app = tinyApp();
  changes = 0;
  app.onChange(() => changes++);
});

describe('tenants', () => {
  it('POST /__mock/tenants creates an empty tenant with working tokens (201)', async () => {
    const res = await http(app).post('/__mock/tenants').send({ tenant_id: 'initech' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({ tenant_id: 'initech', ous: 0, users: 0, tokens: { read_write: expect.any(String), read_only: expect.any(String) } });
    expect(changes).toBe(1);
    const { read_write: rw, read_only: ro } = res.body.data.tokens;
    expect((await http(app).post(`${BASE}/initech/ous`).set(bearer(rw)).send({ name: 'First' })).status).toBe(201);
    expect((await http(app).post(`${BASE}/initech/ous`).set(bearer(ro)).send({ name: 'Second' })).status).toBe(403);
    expect((await http(app).get(`${BASE}/initech/ous`).set(bearer(ro))).body.pagination.total_items).toBe(1);
  });

  it('generates an id when none is given, and seeds preset small from a seed', async () => {
    const a = await http(app).post('/__mock/tenants').send({ preset: 'small', seed: 7 });
    const b = await http(app).post('/__mock/tenants').send({ preset: 'small', seed: 7 });
    expect(a.body.data).toMatchObject({ tenant_id: expect.stringMatching(/^tenant-[0-9a-f]{8}$/), ous: 50, users: 500 });
    expect(b.body.data.tenant_id).not.toBe(a.body.data.tenant_id);
    const none = await http(app).post('/__mock/tenants').set('Content-Type', 'application/json');
    expect(none.status).toBe(201);
    expect(none.body.data.ous).toBe(0);
  });

  it('409 when the tenant exists; 422 naming the field for a bad id or preset', async () => {
    expect((await http(app).post('/__mock/tenants').send({ tenant_id: 'acme' })).status).toBe(409);
    const bad = await http(app).post('/__mock/tenants').send({ tenant_id: 'a/b', preset: 'huge' });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual([
      ['body', 'tenant_id'],
      ['body', 'preset'],
    ]);
    expect((await http(app).post('/__mock/tenants').send({ extra: 1 })).body.detail[0]).toMatchObject({ loc: ['body', 'extra'], type: 'extra_forbidden' });
  });

  it('GET /__mock/tenants lists every tenant with its counts', async () => {
    const res = await http(app).get('/__mock/tenants');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { tenant_id: 'acme', ous: 3, users: 2 },
      { tenant_id: 'globex', ous: 1, users: 0 },
    ]);
  });
});

describe('reset', () => {
  it('POST /__mock/reset puts seeded tenants back to their seed and created ones back to their creation state', async () => {
    const seeded = createMockApp({ preset: 'small', seed: 3, clock });
    const token = await seeded.issueToken({ tenant_id: 'acme' });
    const before = seeded.snapshot();
    await http(seeded).post('/__mock/tenants').send({ tenant_id: 'fresh', preset: 'small', seed: 1 });
    const freshState = seeded.snapshot().tenants.find((t) => t.tenant_id === 'fresh');
    expect((await http(seeded).post(`${BASE}/acme/ous`).set(bearer(token)).send({ name: 'Added' })).status).toBe(201);
    seeded.directory.tenant('fresh').createUnit({ name: 'Also added' });
    let fired = 0;
    seeded.onChange(() => fired++);
    const res = await http(seeded).post('/__mock/reset').set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: { tenant_id: string }) => t.tenant_id)).toEqual(['acme', 'globex', 'initech', 'fresh']);
    expect(fired).toBe(1);
    const after = seeded.snapshot();
    expect(after.tenants.slice(0, 3)).toEqual(before.tenants);
    expect(after.tenants[3]).toEqual(freshState);
  });

  it('POST /__mock/tenants/{id}/reset resets one tenant; a tenant with no seeded state becomes empty; unknown is 404', async () => {
    app.directory.tenant('globex').createUnit({ name: 'Extra' });
    const res = await http(app).post('/__mock/tenants/globex/reset').set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ tenant_id: 'globex', ous: 0, users: 0 });
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    expect(changes).toBe(1);
    expect((await http(app).post('/__mock/tenants/nope/reset').set('Content-Type', 'application/json')).status).toBe(404);
  });
});

describe('snapshot export and import', () => {
  it('GET /__mock/snapshot exports the state; PUT imports it back (round trip)', async () => {
    const exported = await http(app).get('/__mock/snapshot');
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(app.snapshot());
    app.directory.tenant('acme').createUnit({ name: 'Later' });
    const res = await http(app).put('/__mock/snapshot').send(exported.body);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { tenant_id: 'acme', ous: 3, users: 2 },
      { tenant_id: 'globex', ous: 1, users: 0 },
    ]);
    expect(app.snapshot()).toEqual(exported.body);
    expect(changes).toBe(1);
  });

  it('an imported state is what a reset returns to', async () => {
    const snap = app.snapshot();
    snap.tenants = snap.tenants.filter((t) => t.tenant_id === 'acme');
    await http(app).put('/__mock/snapshot').send(snap);
    app.directory.tenant('acme').createUnit({ name: 'Later' });
    await http(app).post('/__mock/reset').set('Content-Type', 'application/json');
    expect(app.snapshot()).toEqual(snap);
  });

  it('422 naming the bad item, and nothing changes', async () => {
    const snap = app.snapshot();
    const acme = snap.tenants[0];
    if (!acme?.ous[1]) throw new Error('tiny state changed');
    acme.ous[1].parent_id = 'missing-parent';
    const before = app.snapshot();
    const res = await http(app).put('/__mock/snapshot').send(snap);
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['body', 'tenants', 0, 'ous', 1, 'parent_id']);
    expect(app.snapshot()).toEqual(before);
    expect(changes).toBe(0);
    const outline = await http(app).put('/__mock/snapshot').send({ version: 2, tenants: [{ tenant_id: 'x', ous: {}, users: [] }] });
    expect(outline.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual([
      ['body', 'version'],
      ['body', 'tenants', 0, 'ous'],
    ]);
  });
});

describe('users (the conformance suites rely on these two routes as they are)', () => {
  it('POST /__mock/tenants/{id}/users -> 201 {"data": user}; the OU lists it', async () => {
    const res = await http(app).post('/__mock/tenants/acme/users').send({ email: 'cy@acme.example', display_name: 'Cy', ou_id: IDS.sales });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ data: { id: expect.any(String), email: 'cy@acme.example', display_name: 'Cy', ou_id: IDS.sales } });
    expect(changes).toBe(1);
    expect(app.directory.tenant('acme').usersOf(IDS.sales, false)).toEqual([
      { id: res.body.data.id, email: 'cy@acme.example', displayName: 'Cy', unitId: IDS.sales },
    ]);
  });

  it('an unassigned user (ou_id null or absent); 404 for an unknown OU or tenant; 422 naming the field', async () => {
    expect((await http(app).post('/__mock/tenants/acme/users').send({ email: 'u@x.y', display_name: 'U' })).body.data.ou_id).toBeNull();
    expect((await http(app).post('/__mock/tenants/acme/users').send({ email: 'v@x.y', display_name: 'V', ou_id: 'nope' })).status).toBe(404);
    expect((await http(app).post('/__mock/tenants/nope/users').send({ email: 'v@x.y', display_name: 'V' })).status).toBe(404);
    const bad = await http(app).post('/__mock/tenants/acme/users').send({ email: 'no-at', display_name: 3 });
    expect(bad.status).toBe(422);
    expect(bad.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual([
      ['body', 'email'],
      ['body', 'display_name'],
    ]);
  });

  it('DELETE /__mock/tenants/{id}/users/{user_id} -> 204, then 404', async () => {
    const res = await http(app).delete(`/__mock/tenants/acme/users/${IDS.ada}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(changes).toBe(1);
    expect(app.directory.tenant('acme').counts().users).toBe(1);
    expect((await http(app).delete(`/__mock/tenants/acme/users/${IDS.ada}`)).status).toBe(404);
  });
});

describe('tokens', () => {
  it('POST /__mock/tokens -> 200 {access_token, token_type, expires_in}, usable on the OU API', async () => {
    const res = await http(app).post('/__mock/tokens').send({ tenant_id: 'acme', scopes: ['ous:read'], expires_in: 120 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 120 });
    expect((await http(app).get(ACME).set(bearer(res.body.access_token))).status).toBe(200);
    expect((await http(app).post(ACME).set(bearer(res.body.access_token)).send({ name: 'No' })).status).toBe(403);
  });

  it('defaults to both scopes and an hour; a negative expires_in gives an expired token', async () => {
    const res = await http(app).post('/__mock/tokens').send({ tenant_id: 'acme' });
    expect(res.body.expires_in).toBe(3600);
    expect((await http(app).post(ACME).set(bearer(res.body.access_token)).send({ name: 'Yes' })).status).toBe(201);
    const expired = await http(app).post('/__mock/tokens').send({ tenant_id: 'acme', expires_in: -10 });
    expect((await http(app).get(ACME).set(bearer(expired.body.access_token))).status).toBe(401);
  });

  it('422 naming the field', async () => {
    const res = await http(app).post('/__mock/tokens').send({ scopes: ['has space'], expires_in: 'soon' });
    expect(res.status).toBe(422);
    expect(res.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual(
      expect.arrayContaining([['body', 'tenant_id'], ['body', 'scopes', 0], ['body', 'expires_in']]),
    );
  });
});

describe('journal', () => {
  it('GET /__mock/journal?limit=N gives the last N requests, oldest first, without reads of the admin API', async () => {
    await http(app).get(ACME);
    await http(app).post('/__mock/reset').set('Content-Type', 'application/json').set('X-Request-ID', 'r-2');
    await http(app).get('/__mock/tenants');
    await http(app).get('/__mock/journal');
    await http(app).delete('/nope');
    const res = await http(app).get('/__mock/journal?limit=2');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({ method: 'POST', path: '/__mock/reset', status: 200, duration_ms: expect.any(Number), request_id: 'r-2', at: expect.any(String) }),
      expect.objectContaining({ method: 'DELETE', path: '/nope', status: 404, duration_ms: expect.any(Number), request_id: expect.any(String), at: expect.any(String) }),
    ]);
    const all = (await http(app).get('/__mock/journal')).body.data as Array<{ seq: number }>;
    expect(all).toHaveLength(3);
    expect((await http(app).get(`/__mock/journal?since=${all[1]?.seq}`)).body.data).toEqual([all[2]]);
    expect((await http(app).get('/__mock/journal?limit=0')).status).toBe(422);
  });

  it('keeps at most journalSize entries', async () => {
    const small = tinyApp({ journalSize: 2 });
    for (const p of ['/a', '/b', '/c']) await http(small).get(p);
    expect((await http(small).get('/__mock/journal')).body.data.map((e: { path: string }) => e.path)).toEqual(['/b', '/c']);
  });
});

describe('faults', () => {
  it('PUT sets, GET reads, DELETE clears; error_rate 1 fails matching routes only', async () => {
    const token = await app.issueToken({ tenant_id: 'acme' });
    expect((await http(app).get('/__mock/faults')).body).toEqual({ data: null });
    const put = await http(app).put('/__mock/faults').send({ route: 'getOu', error_rate: 1, error_status: 503 });
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual({ rules: [{ route: 'getOu', error_rate: 1, error_status: 503 }] });
    expect((await http(app).get('/__mock/faults')).body.data).toEqual(put.body.data);
    const failed = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(token));
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ detail: 'Injected fault (status 503)' });
    expect((await http(app).get(ACME).set(bearer(token))).status).toBe(200);
    expect((await http(app).get('/__mock/tenants')).status).toBe(200);
    expect((await http(app).delete('/__mock/faults')).status).toBe(204);
    expect((await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(token))).status).toBe(200);
  });

  it('a path glob selects routes: matching ones get the fault, others do not', async () => {
    const token = await app.issueToken({ tenant_id: 'acme' });
    await http(app).put('/__mock/faults').send({ route: `${BASE}/*/ous/*/**`, error_rate: 1, error_status: 503 });
    expect((await http(app).get(`${ACME}/${IDS.eng}/users`).set(bearer(token))).status).toBe(503);
    expect((await http(app).get(ACME).set(bearer(token))).status).toBe(200);
  });

  it('latency is added by a timer', async () => {
    const token = await app.issueToken({ tenant_id: 'acme' });
    await http(app).put('/__mock/faults').send({ route: `${BASE}/*/ous/**`, latency_ms: 40 });
    const started = performance.now();
    expect((await http(app).get(`${ACME}/${IDS.eng}/users`).set(bearer(token))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('several rules at once; a rule for a route that does not exist is refused with a message naming it', async () => {
    const token = await app.issueToken({ tenant_id: 'acme' });
    const put = await http(app)
      .put('/__mock/faults')
      .send({ rules: [{ route: 'getOu', error_rate: 1, error_status: 500 }, { route: `${BASE}/*/ous/*/users`, error_rate: 1, error_status: 502 }] });
    expect(put.status).toBe(200);
    expect(put.body.data.rules).toHaveLength(2);
    expect((await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(token))).status).toBe(500);
    expect((await http(app).get(`${ACME}/${IDS.eng}/users`).set(bearer(token))).status).toBe(502);
    expect((await http(app).get(ACME).set(bearer(token))).status).toBe(200);
    const bad = await http(app).put('/__mock/faults').send({ rules: [{ route: 'getOu' }, { route: 'getOus' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['body', 'rules', 1, 'route'], msg: expect.stringContaining('unknown operationId "getOus"') });
    const both = await http(app).put('/__mock/faults').send({ route: 'getOu', rules: [{ route: 'getOu' }] });
    expect(both.status).toBe(422);
    expect(both.body.detail[0].loc).toEqual(['body', 'rules']);
    expect((await http(app).get('/__mock/faults')).body.data.rules).toHaveLength(2);
  });

  it('422 naming the field for a bad configuration', async () => {
    const res = await http(app).put('/__mock/faults').send({ error_rate: 2, error_status: 200, nope: true });
    expect(res.status).toBe(422);
    expect(res.body.detail.map((d: { loc: unknown }) => d.loc)).toEqual(
      expect.arrayContaining([['body', 'error_rate'], ['body', 'error_status'], ['body', 'nope']]),
    );
  });
});

describe('admin routing', () => {
  it('unknown admin route 404, wrong method 405 with Allow, body over the limit 413, non-JSON 415', async () => {
    expect((await http(app).get('/__mock/nope')).status).toBe(404);
    const wrong = await http(app).patch('/__mock/tenants');
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('GET, POST, HEAD');
    const small = tinyApp({ bodyLimitBytes: 32 });
    expect((await http(small).post('/__mock/tokens').send({ tenant_id: 'x'.repeat(64) })).status).toBe(413);
    expect((await http(app).post('/__mock/tokens').set('Content-Type', 'text/csv').send('a,b')).status).toBe(415);
  });

  it('serves every operation its OpenAPI document declares (no drift between document and handlers)', async () => {
    const doc = loadAdminDocument();
    const served: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of (['get', 'post', 'put', 'delete'] as const).filter((m) => m in item)) {
        const path = template.replace('{tenant_id}', 'acme').replace('{user_id}', IDS.bob).replace('{stub_id}', 'none');
        const req = http(tinyApp())[method](path);
        const res = await (method === 'post' || method === 'put' ? req.set('Content-Type', 'application/json') : req);
        expect(res.status, `${method} ${path}`).not.toBe(405);
        expect(String(res.body?.detail ?? ''), `${method} ${path}`).not.toContain('not served');
        served.push(`${method} ${template}`);
      }
    }
    expect(served).toHaveLength(22);
  });

  it('needs no token', async () => {
    expect((await http(app).get('/__mock/tenants')).status).toBe(200);
  });
});
