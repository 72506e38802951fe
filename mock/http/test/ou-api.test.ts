import { Readable } from 'node:stream';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { BASE, IDS, NOW, bearer, http, schemaErrors, tinyApp, tokensFor, type Tokens } from './helpers.ts';

const ACME = `${BASE}/acme/ous`;
const META = { request_id: expect.any(String), timestamp: NOW.toISOString() };

let app: MockApp;
let t: Tokens;
let changes: number;

beforeEach(async () => {
  app = tinyApp();
  t = await tokensFor(app);
  changes = 0;
  app.onChange(() => changes++);
});

describe('the seven operations (OU-E1 envelopes, contract-valid bodies)', () => {
  it('listOus: {data, pagination, meta}, ordered by path, with paging', async () => {
    const res = await http(app).get(`${ACME}?per_page=2`).set(bearer(t.ro));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(schemaErrors('PaginatedResponse_OUListItem_', res.body)).toEqual([]);
    expect(res.body.data.map((o: { path: string }) => o.path)).toEqual(['/Engineering', '/Engineering/Platform']);
    expect(res.body.pagination).toEqual({ page: 1, per_page: 2, total_items: 3, total_pages: 2 });
    expect(res.body.meta).toEqual(META);
  });

  it('listOus passes search and parent_id through', async () => {
    const search = await http(app).get(`${ACME}?search=PLAT`).set(bearer(t.ro));
    expect(search.body.data.map((o: { id: string }) => o.id)).toEqual([IDS.platform]);
    const children = await http(app).get(`${ACME}?parent_id=${IDS.eng}`).set(bearer(t.ro));
    expect(children.body.data.map((o: { id: string }) => o.id)).toEqual([IDS.platform]);
  });

  it('createOu: 201 {data, meta} with Location, and onChange fires', async () => {
    const res = await http(app)
      .post(ACME)
      .set(bearer(t.wo))
      .send({ name: '  Research ', parent_id: IDS.eng, custom_attributes: { __proto__: 1, a: { b: [1] } } });
    expect(res.status).toBe(201);
    expect(schemaErrors('ApiResponse_OUResponse_', res.body)).toEqual([]);
    expect(res.body.data).toMatchObject({ name: 'Research', path: '/Engineering/Research', created_at: NOW.toISOString(), updated_at: null });
    expect(res.headers['location']).toBe(`${ACME}/${res.body.data.id}`);
    expect(changes).toBe(1);
  });

  it('getOuTree: {data: [...], meta}', async () => {
    const res = await http(app).get(`${ACME}/tree`).set(bearer(t.ro));
    expect(res.status).toBe(200);
    expect(schemaErrors('ApiResponse_list_OUTreeNode__', res.body)).toEqual([]);
    expect(res.body.data.map((n: { name: string }) => n.name)).toEqual(['Engineering', 'Sales']);
    expect(res.body.data[0].children[0].name).toBe('Platform');
  });

  it('getOu: 200 with children', async () => {
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro));
    expect(res.status).toBe(200);
    expect(schemaErrors('ApiResponse_OUResponse_', res.body)).toEqual([]);
    expect(res.body.data).toMatchObject({ id: IDS.eng, child_ou_count: 1, user_count: 1, children: [{ ou_id: IDS.platform, children: [] }] });
    expect(res.body.meta).toEqual(META);
  });

  it('updateOu: 200, only present fields change, onChange fires', async () => {
    const res = await http(app).patch(`${ACME}/${IDS.platform}`).set(bearer(t.rw)).send({ name: 'Core', description: null });
    expect(res.status).toBe(200);
    expect(schemaErrors('ApiResponse_OUResponse_', res.body)).toEqual([]);
    expect(res.body.data).toMatchObject({ name: 'Core', path: '/Engineering/Core', custom_attributes: { cost_center: 'CC-1' }, updated_at: NOW.toISOString() });
    expect(changes).toBe(1);
  });

  it('deleteOu: 204 without body; the strategy query reaches the core', async () => {
    const blocked = await http(app).delete(`${ACME}/${IDS.eng}`).set(bearer(t.rw));
    expect(blocked.status).toBe(409);
    expect(changes).toBe(0);
    const res = await http(app).delete(`${ACME}/${IDS.eng}?strategy=CASCADE`).set(bearer(t.rw));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(changes).toBe(1);
    expect((await http(app).get(`${ACME}/${IDS.platform}`).set(bearer(t.ro))).status).toBe(404);
  });

  it('deleteOu: a protected unit (a dialect field) is refused with 409 {detail} in every strategy, nothing changed', async () => {
    app.directory.tenant('acme').updateUnit(IDS.platform, { fields: { protected: true } });
    for (const [id, strategy] of [[IDS.platform, 'BLOCK'], [IDS.platform, 'MOVE_UP'], [IDS.eng, 'CASCADE']] as const) {
      const res = await http(app).delete(`${ACME}/${id}?strategy=${strategy}`).set(bearer(t.rw));
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ detail: 'OU "/Engineering/Platform" is protected against deletion' });
    }
    expect(changes).toBe(0);
    expect((await http(app).get(`${ACME}/${IDS.platform}`).set(bearer(t.ro))).status).toBe(200);
  });

  it('listOuUsers: paginated users; include_nested is coerced', async () => {
    const direct = await http(app).get(`${ACME}/${IDS.eng}/users`).set(bearer(t.ro));
    expect(direct.status).toBe(200);
    expect(schemaErrors('PaginatedResponse', direct.body)).toEqual([]);
    expect(direct.body.data).toEqual([{ id: IDS.ada, email: 'ada@acme.example', display_name: 'Ada', ou_id: IDS.eng }]);
    const nested = await http(app).get(`${ACME}/${IDS.eng}/users?include_nested=true&per_page=1&page=2`).set(bearer(t.ro));
    expect(nested.body.data.map((u: { id: string }) => u.id)).toEqual([IDS.bob]);
    expect(nested.body.pagination).toEqual({ page: 2, per_page: 1, total_items: 2, total_pages: 2 });
  });

  it('HEAD answers like GET without a body', async () => {
    const res = await http(app).head(ACME).set(bearer(t.ro));
    expect(res.status).toBe(200);
    expect(res.text ?? '').toBe('');
  });
});

describe('errors (OU-E3, OU-E4): status and body shape', () => {
  it('401 without a token, with WWW-Authenticate: Bearer (OU-A1)', async () => {
    const res = await http(app).get(ACME);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Missing bearer token' });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('401 with an expired token (OU-A1)', async () => {
    const expired = await app.issueToken({ tenant_id: 'acme', expires_in: -1 });
    const res = await http(app).get(ACME).set(bearer(expired));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('403 for a token of another tenant, before anything else is looked at (OU-A2)', async () => {
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.globex));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'Token is not valid for tenant acme' });
  });

  it('403 for a missing scope: reads need ous:read, writes ous:write (OU-A3)', async () => {
    expect((await http(app).get(ACME).set(bearer(t.wo))).status).toBe(403);
    const write = await http(app).post(ACME).set(bearer(t.ro)).send({ name: 'X' });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({ detail: 'Token lacks scope ous:write' });
    expect((await http(app).delete(`${ACME}/${IDS.sales}`).set(bearer(t.ro))).status).toBe(403);
    expect((await http(app).get(`${ACME}/${IDS.sales}`).set(bearer(t.ro))).status).toBe(200);
  });

  it('404 for an unknown tenant with a token for it, an unknown OU, an OU of another tenant (OU-T1)', async () => {
    expect(await http(app).get(`${BASE}/ghost/ous`).set(bearer(t.ghost)).then((r) => [r.status, r.body])).toEqual([
      404,
      { detail: 'Tenant ghost not found' },
    ]);
    expect((await http(app).get(`${ACME}/nope`).set(bearer(t.ro))).status).toBe(404);
    const leak = await http(app).get(`${ACME}/${IDS.globexOu}`).set(bearer(t.ro));
    expect(leak.status).toBe(404);
    expect(leak.body).toEqual({ detail: expect.any(String) });
  });

  it('404 {detail} for an unknown route', async () => {
    const res = await http(app).get('/api/v1/whatever');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not Found' });
  });

  it('405 {detail} with Allow for a wrong method on a known path', async () => {
    const res = await http(app).put(`${ACME}/${IDS.eng}`).set(bearer(t.rw)).send({});
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method PUT not allowed' });
    expect(res.headers['allow']).toBe('GET, DELETE, PATCH, HEAD');
  });

  it('409 {detail} for a sibling clash, nothing changed (OU-H4, OU-E5)', async () => {
    const res = await http(app).post(ACME).set(bearer(t.rw)).send({ name: 'engineering' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: expect.any(String) });
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    expect(changes).toBe(0);
  });

  it('413 {detail} for a body over the limit', async () => {
    const small = tinyApp({ bodyLimitBytes: 64 });
    const token = await small.issueToken({ tenant_id: 'acme' });
    const res = await http(small).post(ACME).set(bearer(token)).send({ name: 'x'.repeat(100) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ detail: 'Request body is over 64 bytes' });
  });

  it('a declared oversized body is drained after the 413 instead of the connection being closed on a client still sending it', async () => {
    const server = createServer(app.handle).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const text = JSON.stringify({ name: 'big', description: 'x'.repeat(3 * 1024 * 1024) });
    // The 413 is sent on the declared length; the rest of the body only follows after it.
    async function* slowBody(): AsyncGenerator<Buffer> {
      yield Buffer.from(text.slice(0, 1024));
      await new Promise((resolve) => setTimeout(resolve, 100));
      yield Buffer.from(text.slice(1024));
    }
    try {
      for (let i = 0; i < 3; i++) {
        const headers = { ...bearer(t.rw), 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
        const res = await request(`http://127.0.0.1:${port}${ACME}`, { method: 'POST', headers, body: Readable.from(slowBody()) });
        expect(res.statusCode).toBe(413);
        // Closing here is what cut proxies (Prism) off mid-body with EPIPE, answering 500.
        expect(res.headers['connection']).not.toBe('close');
        expect(await res.body.json()).toEqual({ detail: 'Request body is over 1048576 bytes' });
      }
    } finally {
      server.close();
    }
  });

  it('413 for a chunked body over 1 MiB without Content-Length', async () => {
    const req = http(app).post(ACME).set(bearer(t.rw)).set('Content-Type', 'application/json');
    const chunk = 'x'.repeat(256 * 1024);
    req.write('{"name":"');
    for (let i = 0; i < 5; i++) req.write(chunk);
    const res = await req;
    expect(res.status).toBe(413);
  });

  it('415 {detail} for a body that is not JSON', async () => {
    const res = await http(app).post(ACME).set(bearer(t.rw)).set('Content-Type', 'text/plain').send('name=x');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ detail: 'Content-Type must be application/json, got text/plain' });
  });

  it('accepts +json media types and a charset', async () => {
    const res = await http(app)
      .patch(`${ACME}/${IDS.sales}`)
      .set(bearer(t.rw))
      .set('Content-Type', 'application/merge-patch+json; charset=utf-8')
      .send(JSON.stringify({ description: 'x' }));
    expect(res.status).toBe(200);
  });

  it('422 HTTPValidationError naming the field for query, path-level and body faults', async () => {
    const query = await http(app).get(`${ACME}?page=0`).set(bearer(t.ro));
    expect(query.status).toBe(422);
    expect(schemaErrors('HTTPValidationError', query.body)).toEqual([]);
    expect(query.body.detail[0].loc).toEqual(['query', 'page']);
    const bodyFault = await http(app).post(ACME).set(bearer(t.rw)).send({ name: 'a/b' });
    expect(bodyFault.body.detail).toEqual([{ loc: ['body', 'name'], msg: expect.any(String), type: 'string_pattern_mismatch' }]);
    const strategy = await http(app).delete(`${ACME}/${IDS.sales}?strategy=NUKE`).set(bearer(t.rw));
    expect(strategy.body.detail[0]).toMatchObject({ loc: ['query', 'strategy'], type: 'enum' });
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
  });

  it('422 for name: null in a PATCH (OU-U1) and for a blank name (OU-H5), from the core', async () => {
    const nul = await http(app).patch(`${ACME}/${IDS.sales}`).set(bearer(t.rw)).send({ name: null });
    expect(nul.status).toBe(422);
    expect(nul.body.detail[0].loc).toEqual(['body', 'name']);
    const blank = await http(app).post(ACME).set(bearer(t.rw)).send({ name: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.detail[0].loc).toEqual(['body', 'name']);
  });

  it('422 json_invalid for malformed JSON, naming the position when the parser gives one', async () => {
    const send = (text: string) => http(app).post(ACME).set(bearer(t.rw)).set('Content-Type', 'application/json').send(text);
    const res = await send('{,}');
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([{ loc: ['body', 1], msg: 'JSON decode error', type: 'json_invalid' }]);
    expect((await send('{"name": ')).body.detail[0].loc).toEqual(['body', 9]);
    expect((await send('{"name": x}')).body.detail[0]).toMatchObject({ loc: ['body', 'json'], type: 'json_invalid' });
  });

  it('422 for non-object JSON bodies and a missing body', async () => {
    for (const text of ['[]', 'null', '"x"', '42', 'true']) {
      const res = await http(app).post(ACME).set(bearer(t.rw)).set('Content-Type', 'application/json').send(text);
      expect(res.status, text).toBe(422);
      expect(res.body.detail[0].loc, text).toEqual(['body']);
    }
    const none = await http(app).post(ACME).set(bearer(t.rw));
    expect(none.body.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
  });

  it('422 for JSON nested deeper than the limit, instead of overflowing the stack', async () => {
    const deep = `{"name":"deep","custom_attributes":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await http(app).post(ACME).set(bearer(t.rw)).set('Content-Type', 'application/json').send(deep);
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body'], msg: expect.stringContaining('nested deeper') });
  });

  it('the order of checks: 401 before 403 before 422 before 404 for the tenant', async () => {
    expect((await http(app).get(`${BASE}/ghost/ous?page=0`)).status).toBe(401);
    expect((await http(app).get(`${BASE}/ghost/ous?page=0`).set(bearer(t.rw))).status).toBe(403);
    expect((await http(app).get(`${BASE}/ghost/ous?page=0`).set(bearer(t.ghost))).status).toBe(422);
    expect((await http(app).get(`${BASE}/ghost/ous?page=1`).set(bearer(t.ghost))).status).toBe(404);
  });
});

describe('auth: false', () => {
  it('turns every token check off; unknown tenants still answer 404', async () => {
    const open = tinyApp({ auth: false });
    expect((await http(open).get(ACME)).status).toBe(200);
    expect((await http(open).post(ACME).send({ name: 'Open' })).status).toBe(201);
    expect((await http(open).get(`${BASE}/ghost/ous`)).status).toBe(404);
  });

  it('a custom secret signs and checks tokens', async () => {
    const custom = tinyApp({ auth: { secret: 'another' } });
    const own = await custom.issueToken({ tenant_id: 'acme' });
    expect((await http(custom).get(ACME).set(bearer(own))).status).toBe(200);
    expect((await http(custom).get(ACME).set(bearer(t.rw))).status).toBe(401);
  });
});

describe('X-Request-ID (OU-E2)', () => {
  it('echoes the given id in meta.request_id and the response header', async () => {
    const res = await http(app).get(ACME).set(bearer(t.ro)).set('X-Request-ID', 'req-123');
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body.meta.request_id).toBe('req-123');
  });

  it('generates one when absent, also on errors', async () => {
    const res = await http(app).get(ACME).set(bearer(t.ro));
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.meta.request_id).toBe(res.headers['x-request-id']);
    expect((await http(app).get(ACME)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an X-Request-ID over 200 characters is a 422 on the header (and is not echoed)', async () => {
    const res = await http(app).get(ACME).set(bearer(t.ro)).set('X-Request-ID', 'x'.repeat(201));
    expect(res.status).toBe(422);
    expect(res.body.detail[0].loc).toEqual(['header', 'x-request-id']);
    expect(res.headers['x-request-id']).not.toBe('x'.repeat(201));
  });
});

describe('latency', () => {
  it('latencyMs delays OU responses without blocking other work', async () => {
    const slow = tinyApp({ latencyMs: 60, auth: false });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const res = await http(slow).get(ACME);
    clearInterval(timer);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(ticks).toBeGreaterThan(3);
  });
});
