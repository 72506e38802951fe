import { beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { BASE, IDS, bearer, http, tinyApp, tokensFor, type Tokens } from './helpers.ts';

const ACME = `${BASE}/acme/ous`;
let app: MockApp;
let t: Tokens;
let changes = 0;

beforeAll(async () => {
  app = tinyApp();
  t = await tokensFor(app);
  app.onChange(() => changes++);
});

describe('Prism-compatible response selection', () => {
  it('Prefer: code=404 answers the documented example without touching state', async () => {
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro)).set('Prefer', 'code=404');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'OU 00000000-0000-4000-8000-000000000000 not found' });
    expect(res.headers['preference-applied']).toBe('code=404');
  });

  it('?__code=201 works like the header, and a write chosen this way changes nothing', async () => {
    const res = await http(app).post(`${ACME}?__code=201`).set(bearer(t.rw)).send({ name: 'Never stored' });
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe('Platform');
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    expect(changes).toBe(0);
  });

  it('Prefer: code=200 gives the first example; example=NAME picks a named one', async () => {
    const first = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200');
    expect(first.body.pagination.total_items).toBe(2);
    const named = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'example=empty');
    expect(named.status).toBe(200);
    expect(named.body.data).toEqual([]);
    const both = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200, example="empty"');
    expect(both.body.pagination.page).toBe(9);
  });

  it('Prefer: code=204 answers no body; code=401 carries WWW-Authenticate', async () => {
    const del = await http(app).delete(`${ACME}/${IDS.eng}`).set(bearer(t.rw)).set('Prefer', 'code=204');
    expect(del.status).toBe(204);
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    const unauth = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=401');
    expect(unauth.status).toBe(401);
    expect(unauth.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('an example name the operation does not have answers 404 with detail', async () => {
    const res = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'example=nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Example "nope" is not documented for listOus' });
    const withCode = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200, example=unknown_ou');
    expect(withCode.status).toBe(404);
  });

  it('an undocumented or malformed code answers 422 naming the Prefer header (or the __code query)', async () => {
    const undocumented = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=418');
    expect(undocumented.status).toBe(422);
    expect(undocumented.body.detail[0]).toMatchObject({ loc: ['header', 'Prefer'], msg: expect.stringContaining('418') });
    const malformed = await http(app).get(`${ACME}?__code=abc`).set(bearer(t.ro));
    expect(malformed.body.detail[0].loc).toEqual(['query', '__code']);
  });

  it('auth still applies; dynamic=true and other preferences are ignored', async () => {
    expect((await http(app).get(ACME).set('Prefer', 'code=200')).status).toBe(401);
    expect((await http(app).get(ACME).set(bearer(t.globex)).set('Prefer', 'code=200')).status).toBe(403);
    const dynamic = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'dynamic=true, return=minimal');
    expect(dynamic.status).toBe(200);
    expect(dynamic.body.pagination.total_items).toBe(3);
  });
});
