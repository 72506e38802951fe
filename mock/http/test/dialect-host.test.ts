/**
 * The generic dialect host, proven with a dialect that exists only here (tiny-dialect/):
 * routing across contracts, auth, validation, tenant resolution, error rendering, writes
 * through the write-ahead log and their replay, CORS, dialect defects, one shared state.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ouApiDialect } from '../../../dialects/ou-api/index.ts';
import type { LoggedOperation } from '../../operation-log.ts';
import { BASE, IDS, tinyApp, tokensFor } from './helpers.ts';
import { countDialect, tinyDialect } from './tiny-dialect/index.ts';

const TINY = '/tiny/acme/units';

function app(opts: Parameters<typeof tinyApp>[0] = {}) {
  return tinyApp({ dialects: [ouApiDialect, tinyDialect, countDialect], ...opts });
}

describe('dialect host: routing', () => {
  it("serves a dialect's operations and the OU API on one state: a unit made through one is read through the other", async () => {
    const a = app();
    const t = await tokensFor(a);
    const made = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`).send({ name: 'Tiny', parent: IDS.eng });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), name: 'Tiny', parent: IDS.eng });
    expect(made.headers['location']).toBe(`${TINY}/${made.body.id}`);
    const viaOu = await request(a.handle).get(`${BASE}/acme/ous/${made.body.id}`).set('Authorization', `Bearer ${t.rw}`);
    expect(viaOu.status).toBe(200);
    expect(viaOu.body.data).toMatchObject({ name: 'Tiny', parent_id: IDS.eng, path: '/Engineering/Tiny' });
    const viaTiny = await request(a.handle).get(`${TINY}/${IDS.sales}`).set('Authorization', `Bearer ${t.ro}`);
    expect(viaTiny.body).toEqual({ id: IDS.sales, name: 'Sales', parent: null });
  });

  it("a literal segment of one dialect beats another dialect's template; a method served by a less specific path still wins", async () => {
    const a = app();
    const t = await tokensFor(a);
    const count = await request(a.handle).get(`${TINY}/count`).set('Authorization', `Bearer ${t.ro}`);
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: 3 });
    // Only the templated path has PATCH: /units/count names a unit there (none such: the dialect's 404).
    const patch = await request(a.handle).patch(`${TINY}/count`).set('Authorization', `Bearer ${t.rw}`).send({ name: 'x' });
    expect(patch.status).toBe(404);
    expect(patch.body).toMatchObject({ error: 'not_found', reason: 'unit_not_found' });
  });

  it('an unknown method answers 405 with Allow, an unknown path near a dialect answers in that dialect\'s shape', async () => {
    const a = app();
    const t = await tokensFor(a);
    const put = await request(a.handle).put(TINY).set('Authorization', `Bearer ${t.rw}`).send({});
    expect(put.status).toBe(405);
    expect(put.headers['allow']).toBe('GET, POST, HEAD');
    expect(put.body).toEqual({ error: 'method_not_allowed' });
    const lost = await request(a.handle).get('/tiny/acme/elsewhere/x/y');
    expect(lost.status).toBe(404);
    expect(lost.body).toEqual({ error: 'route_not_found' });
  });

  it('preflights list the methods of every dialect at the path', async () => {
    const res = await request(app().handle).options(`${TINY}/u1`).set('Origin', 'http://localhost:5173').set('Access-Control-Request-Method', 'PATCH');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH']);
  });
});

describe('dialect host: auth and tenant', () => {
  it("no token, a bad one, two different ones: unauthorized in the dialect's shape", async () => {
    const a = app();
    const t = await tokensFor(a);
    expect((await request(a.handle).get(TINY)).body).toEqual({ error: 'unauthorized', message: 'Missing bearer token' });
    const bad = await request(a.handle).get(TINY).set('Authorization', 'Bearer nope');
    expect(bad.status).toBe(401);
    const twice = await request(a.handle).get(TINY).set({ Authorization: [`Bearer ${t.rw}`, `Bearer ${t.ro}`] });
    expect(twice.status).toBe(401);
    expect(twice.body.message).toBe('Authorization header must be given once');
  });

  it("another tenant's token: forbidden (tenant) before the body is read; a missing scope: forbidden (scope)", async () => {
    const a = app();
    const t = await tokensFor(a);
    const other = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.globex}`).send('{broken');
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'forbidden', reason: 'tenant', message: 'Token is not valid for tenant acme' });
    const ro = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.ro}`).send({ name: 'x' });
    expect(ro.status).toBe(403);
    expect(ro.body).toEqual({ error: 'forbidden', reason: 'scope', message: 'Token lacks scope ous:write' });
    expect(a.directory.tenant('acme').queryUnits().total).toBe(3);
  });

  it('a tenant that does not exist: tenant_not_found; auth off: the tenant of the path, no token needed', async () => {
    const a = app();
    const t = await tokensFor(a);
    const ghost = await request(a.handle).get('/tiny/ghost/units').set('Authorization', `Bearer ${t.ghost}`);
    expect(ghost.status).toBe(404);
    expect(ghost.body).toEqual({ error: 'tenant_not_found' });
    const open = app({ auth: false });
    expect((await request(open.handle).get(`/tiny/globex/units`)).body).toEqual([{ id: IDS.globexOu, name: 'Ops', parent: null }]);
  });
});

describe('dialect host: validation and errors', () => {
  it('contract violations answer invalid_request with issues in the request\'s terms', async () => {
    const a = app();
    const t = await tokensFor(a);
    const res = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`).send({ name: '', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { in: 'body', loc: ['name'], keyword: 'minLength', message: expect.any(String) },
        { in: 'body', loc: ['extra'], keyword: 'additionalProperties', message: expect.any(String) },
      ]),
    );
    const query = await request(a.handle).delete(`${TINY}/${IDS.sales}?subtree=maybe`).set('Authorization', `Bearer ${t.rw}`);
    expect(query.status).toBe(422);
    expect(query.body.issues).toEqual([{ in: 'query', loc: ['subtree'], keyword: 'type', message: expect.any(String) }]);
  });

  it('unreadable bodies: malformed_body, unsupported_media_type, too_large', async () => {
    const a = app({ bodyLimitBytes: 64 });
    const t = await tokensFor(a);
    const post = () => request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`);
    const broken = await post().set('Content-Type', 'application/json').send('{"name": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: 'malformed_body', message: 'JSON decode error' });
    expect((await post().set('Content-Type', 'text/plain').send('name')).status).toBe(415);
    expect((await post().send({ name: 'x'.repeat(100) })).status).toBe(413);
  });

  it("DomainErrors of the core are rendered by the dialect: not_found, conflict (block delete)", async () => {
    const a = app();
    const t = await tokensFor(a);
    const missing = await request(a.handle).get(`${TINY}/nope`).set('Authorization', `Bearer ${t.ro}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found', reason: 'unit_not_found' });
    const busy = await request(a.handle).delete(`${TINY}/${IDS.eng}`).set('Authorization', `Bearer ${t.rw}`);
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ error: 'conflict', reason: 'has_children' });
    const taken = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`).send({ name: 'sales' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ reason: 'name_taken' });
  });

  it('an injected fault is rendered by the dialect with the fault status', async () => {
    const a = app();
    const t = await tokensFor(a);
    const set = await request(a.handle).put('/__mock/faults').send({ route: 'getUnit', error_rate: 1, error_status: 503 });
    expect(set.status).toBeLessThan(300);
    const res = await request(a.handle).get(`${TINY}/${IDS.sales}`).set('Authorization', `Bearer ${t.ro}`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'injected' });
  });
});

describe('dialect host: writes, replay, defects', () => {
  it('state changes are logged ahead (dialect id and tenant) and replay to the same state', async () => {
    const log: LoggedOperation[] = [];
    const append = (e: Omit<LoggedOperation, 'seq'>): LoggedOperation => {
      const entry = { ...e, seq: log.length + 1 };
      log.push(entry);
      return entry;
    };
    const a = app({ writeAheadLog: { append } });
    let changes = 0;
    a.onChange(() => changes++);
    const t = await tokensFor(a);
    const made = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`).send({ name: 'Logged', parent: IDS.sales });
    await request(a.handle).patch(`${TINY}/${made.body.id}`).set('Authorization', `Bearer ${t.rw}`).send({ name: 'Renamed' });
    await request(a.handle).get(`${TINY}/${made.body.id}`).set('Authorization', `Bearer ${t.rw}`);
    expect(log.map((e) => [e.api, e.op, e.tenant])).toEqual([
      ['tiny', 'createUnit', 'acme'],
      ['tiny', 'updateUnit', 'acme'],
    ]);
    expect(changes).toBe(2);
    const fresh = app();
    expect(await fresh.replay(log)).toBe(2);
    expect(fresh.directory.tenant('acme').getUnit(made.body.id)).toMatchObject({ name: 'Renamed', parentId: IDS.sales });
  });

  it("the dialect's own defect switches reach its handlers; unknown switches are refused", async () => {
    const a = app({ defects: new Set(['tiny-top-level']) });
    const t = await tokensFor(a);
    const made = await request(a.handle).post(TINY).set('Authorization', `Bearer ${t.rw}`).send({ name: 'Kid', parent: IDS.eng });
    expect(made.body.parent).toBeNull();
    expect(() => app({ defects: new Set(['no-such-defect']) })).toThrow(/unknown defect "no-such-defect"; known: .*tiny-top-level/);
  });
});
