/**
 * orgunit-v2 served by the mock app beside the OU API, on one state: a unit made through
 * either is read through the other; the host's failures answer in Yii2's shapes; every
 * answer is one the contract documents.
 */
import request from 'supertest';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../../contracts/dialect-contracts.ts';
import { loadDocument } from '../../../contracts/model/index.ts';
import { createMockApp } from '../../../mock/app.ts';
import type { MockApp } from '../../../mock/app.ts';
import { contractModelOf } from '../../../suites/contract-model.ts';
import { responseIssues } from '../../../suites/response-conformance.ts';

const MODEL = contractModelOf(loadDocument(DIALECT_CONTRACT_PATHS['orgunit-v2']));
const OU = '/api/v1/tenants/acme/ous';

let app: MockApp;
let token: string;
let readonly: string;

/** The response, required to be one the contract documents for the operation it hit. */
function documented(res: Response): Response {
  const op = MODEL.match(res.request.method, new URL(res.request.url).pathname);
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  expect(responseIssues(op, { status: res.status, headers, text: res.text }), `${res.request.method} ${res.request.url} ${res.status} ${res.text}`).toEqual([]);
  return res;
}

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

beforeAll(async () => {
  app = createMockApp({ seed: 42 });
  [token, readonly] = await Promise.all([app.issueToken({ tenant_id: 'acme' }), app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] })]);
});

describe('orgunit-v2 over HTTP, on the state of the OU API', () => {
  it('a unit created here appears in the OU API tree with its path; its code is not shown there', async () => {
    const parent = (await request(app.handle).get(`${OU}?per_page=1`).set(bearer(token))).body.data[0] as { id: string; path: string };
    const made = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(token)).send({ code: 'HTTP-1', name: 'Made in v2', parent_org_unit_id: parent.id }));
    expect(made.status).toBe(201);
    expect(made.headers['location']).toBe(`/v2/org-unit/view/${made.body.org_unit_id}`);
    const viaOu = await request(app.handle).get(`${OU}/${made.body.org_unit_id}`).set(bearer(token));
    expect(viaOu.status).toBe(200);
    expect(viaOu.body.data).toMatchObject({ id: made.body.org_unit_id, name: 'Made in v2', parent_id: parent.id, path: `${parent.path}/Made in v2` });
    expect(JSON.stringify(viaOu.body)).not.toContain('HTTP-1');
    const tree = await request(app.handle).get(`${OU}/tree`).set(bearer(token));
    expect(JSON.stringify(tree.body)).toContain(made.body.org_unit_id);
  });

  it('a unit created through the OU API is seen here, code null, same id and parent', async () => {
    const viaOu = await request(app.handle).post(OU).set(bearer(token)).send({ name: 'Made in OU API', parent_id: null });
    expect(viaOu.status).toBe(201);
    const id = viaOu.body.data.id as string;
    const seen = documented(await request(app.handle).get(`/v2/org-unit/view/${id}`).set(bearer(token)));
    expect(seen.body).toEqual({ org_unit_id: id, code: null, name: 'Made in OU API', description: null, parent_org_unit_id: null, project_id: 'acme' });
    const listed = documented(await request(app.handle).post('/v2/org-unit/index').set(bearer(token)).send({ filter: { name: 'made in ou' } }));
    expect(listed.body.map((u: { org_unit_id: string }) => u.org_unit_id)).toContain(id);
  });

  it('force=true deletes through the shared state: the OU API answers 404 for every deleted id', async () => {
    const x = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(token)).send({ code: 'HTTP-X', name: 'x' }));
    const child = await request(app.handle).post(OU).set(bearer(token)).send({ name: 'child', parent_id: x.body.org_unit_id });
    const preview = documented(await request(app.handle).delete(`/v2/org-unit/delete/${x.body.org_unit_id}`).set(bearer(token)));
    expect(preview.status).toBe(409);
    expect(preview.body.related.org_units).toEqual([{ org_unit_id: child.body.data.id, code: null, name: 'child' }]);
    expect(documented(await request(app.handle).delete(`/v2/org-unit/delete/${x.body.org_unit_id}?force=true`).set(bearer(token))).status).toBe(204);
    for (const id of [x.body.org_unit_id, child.body.data.id]) expect((await request(app.handle).get(`${OU}/${id}`).set(bearer(token))).status).toBe(404);
  });

  it("the host's failures answer in Yii2's shapes", async () => {
    const none = documented(await request(app.handle).post('/v2/org-unit/index'));
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toEqual({ name: 'Unauthorized', message: expect.any(String), code: 0, status: 401 });
    const scope = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(readonly)).send({ code: 'RO', name: 'ro' }));
    expect(scope.body).toMatchObject({ name: 'Forbidden', status: 403 });
    const badJson = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(token)).set('Content-Type', 'application/json').send('{"name":'));
    expect(badJson.body).toMatchObject({ name: 'Bad Request', code: 0, status: 400 });
    const array = documented(await request(app.handle).post('/v2/org-unit/index').set(bearer(token)).set('Content-Type', 'application/json').send('[]'));
    expect([400, 422]).toContain(array.status);
    const perPage = documented(await request(app.handle).post('/v2/org-unit/index').set(bearer(token)).send({ 'per-page': 101, page: 0 }));
    expect(perPage.status).toBe(422);
    expect(perPage.body.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'per-page']);
    const force = documented(await request(app.handle).delete('/v2/org-unit/delete/x?force=yes').set(bearer(token)));
    expect(force.body).toEqual([{ field: 'force', message: expect.any(String) }]);
    const text = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(token)).set('Content-Type', 'text/plain').send('code=X'));
    expect(text.body).toMatchObject({ name: 'Unsupported Media Type', status: 415 });
    const big = documented(await request(app.handle).post('/v2/org-unit/create').set(bearer(token)).send({ code: 'BIG', name: 'big', description: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.body).toMatchObject({ name: 'Payload Too Large', status: 413 });
    const nowhere = documented(await request(app.handle).post('/v2/org-unit/index').set(bearer(await app.issueToken({ tenant_id: 'nowhere' }))).send({}));
    expect(nowhere.body).toEqual({ name: 'Not Found', message: 'Project not found.', code: 0, status: 404 });
    const method = await request(app.handle).get('/v2/org-unit/create').set(bearer(token));
    expect(method.status).toBe(405);
    expect(method.body).toMatchObject({ name: 'Method Not Allowed', status: 405 });
  });

  it('the Link URLs work: the page in the query is the page answered', async () => {
    const first = documented(await request(app.handle).post('/v2/org-unit/index').set(bearer(token)).send({ 'per-page': 2 }));
    const next = /<([^>]+)>; rel=next/.exec(first.headers['link'] ?? '')?.[1];
    expect(next).toBe('/v2/org-unit/index?page=2&per-page=2');
    const second = documented(await request(app.handle).post(next as string).set(bearer(token)).send({}));
    expect(second.headers['x-pagination-current-page']).toBe('2');
  });
});
