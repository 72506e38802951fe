/**
 * The admanager dialect over HTTP on the mock (createMockApp, supertest): answers match the
 * contract, changes made here read the same through the OU API, random queries never 5xx.
 */
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../contracts/model/index.ts';
import { contractOf, formatErrors } from '../../../contracts/model/index.ts';
import { createMockApp } from '../../../mock/app.ts';
import { escapeDnValue } from '../dn.ts';
import { admanagerDialect, setTenantDomain } from '../index.ts';

const PATH = '/api/v2/organizational_units';
const contract = contractOf(loadDocument(admanagerDialect.contractFile));

/** Problems of an answer against the contract: a documented status, a body valid against its schema. */
function contractProblems(method: string, status: number, body: unknown): string[] {
  const match = contract.router.match(method, PATH);
  if (match.kind !== 'route') return [`${method} ${PATH} is not in the contract`];
  const documented = match.value.responses.get(String(status));
  if (documented === undefined) return [`${status} is not documented for ${method}`];
  const validate = contract.schemas.at(documented.json?.schema?.pointer);
  return validate(body) ? [] : formatErrors(validate.errors);
}

async function setup() {
  const app = createMockApp({ seed: 42 });
  const token = await app.issueToken({ tenant_id: 'acme' });
  const acme = app.directory.tenant('acme');
  const [first, second] = acme.queryUnits({ where: { parentId: null } }).items;
  if (first === undefined || second === undefined) throw new Error('the small preset has two top-level units');
  return { app, token, acme, first, second };
}

describe('admanager over HTTP', () => {
  it('lists with the bare token as the page sends it, in the contract', async () => {
    const { app, token } = await setup();
    const res = await request(app.handle).get(PATH).query({ domains: 'acme.example.com', limit: 3, sort: '-NAME' }).set('Authorization', token);
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({ start_index: 1, limit: 3, total_no_of_objects: 50 });
    expect(contractProblems('GET', res.status, res.body)).toEqual([]);
  });

  it('an OU renamed and moved through admanager reads the same through the OU API', async () => {
    const { app, token, acme, first, second } = await setup();
    const res = await request(app.handle)
      .patch(PATH)
      .query({ domain: 'acme.example.com', filter: `OBJECT_GUID eq "{${first.id.toUpperCase()}}"` })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { attributes: { name: 'Moved Here', OUName: `OU=${escapeDnValue(second.name)},DC=acme,DC=example,DC=com`, l: 'Chennai' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data[0].status).toEqual({ status_code: 1, status_message: 'Successfully Updated.' });
    expect(contractProblems('PATCH', res.status, res.body)).toEqual([]);
    const viaOu = await request(app.handle).get(`/api/v1/tenants/acme/ous/${first.id}`).set('Authorization', `Bearer ${token}`);
    expect(viaOu.status).toBe(200);
    expect(viaOu.body.data).toMatchObject({ name: 'Moved Here', parent_id: second.id, path: `/${second.name}/Moved Here` });
    const child = acme.queryUnits({ where: { parentId: first.id } }).items[0];
    if (child !== undefined) {
      const childViaOu = await request(app.handle).get(`/api/v1/tenants/acme/ous/${child.id}`).set('Authorization', `Bearer ${token}`);
      expect(childViaOu.body.data.path).toBe(`/${second.name}/Moved Here/${child.name}`);
    }
    const listed = await request(app.handle).get(PATH).query({ domains: 'acme.example.com', filter: 'NAME eq "moved here"', fields: 'DISTINGUISHED_NAME,CITY' }).set('Authorization', token);
    expect(listed.body.data).toEqual([{ DISTINGUISHED_NAME: `OU=Moved Here,OU=${escapeDnValue(second.name)},DC=acme,DC=example,DC=com`, CITY: 'Chennai' }]);
  });

  it('preventDeletion set here makes the OU API refuse the delete (409) until cleared', async () => {
    const { app, token, first } = await setup();
    const set = (on: boolean) =>
      request(app.handle)
        .patch(PATH)
        .query({ domain: 'acme.example.com', filter: `OBJECT_GUID eq "{${first.id.toUpperCase()}}"` })
        .set('Authorization', token)
        .send({ data: { attributes: { preventDeletion: on } } });
    expect((await set(true)).body.data[0].status.status_code).toBe(1);
    const refused = await request(app.handle).delete(`/api/v1/tenants/acme/ous/${first.id}`).query({ strategy: 'CASCADE' }).set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(409);
    expect((await set(false)).body.data[0].status.status_code).toBe(1);
    const deleted = await request(app.handle).delete(`/api/v1/tenants/acme/ous/${first.id}`).query({ strategy: 'CASCADE' }).set('Authorization', `Bearer ${token}`);
    expect(deleted.status).toBe(204);
  });

  it("answers the page's errors in the contract: 401, 403 for another tenant's domain, 400 for an unknown one, 415, 405", async () => {
    const { app, token } = await setup();
    const cases = [
      { method: 'GET', res: await request(app.handle).get(PATH).query({ domains: 'acme.example.com' }), status: 401, code: '00000101' },
      { method: 'GET', res: await request(app.handle).get(PATH).query({ domains: 'globex.example.com' }).set('Authorization', token), status: 403, code: '00000106' },
      { method: 'GET', res: await request(app.handle).get(PATH).query({ domains: 'nowhere.example.com' }).set('Authorization', token), status: 400, code: '00000107' },
      { method: 'GET', res: await request(app.handle).get(PATH).query({ domains: 'acme.example.com', fields: 'NOPE' }).set('Authorization', token), status: 400, code: '00000100' },
      { method: 'GET', res: await request(app.handle).get(PATH).query({ domains: 'acme.example.com', limit: 5000 }).set('Authorization', token), status: 400, code: '00000107' },
      { method: 'PATCH', res: await request(app.handle).patch(PATH).query({ domain: 'acme.example.com' }).set('Authorization', token).set('Content-Type', 'text/plain').send('x'), status: 415, code: '00000103' },
    ];
    for (const { method, res, status, code } of cases) {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body).toMatchObject({ code, detail: expect.any(String), title: expect.any(String) });
      expect(contractProblems(method, res.status, res.body)).toEqual([]);
    }
    const put = await request(app.handle).put(PATH).set('Authorization', token).send({});
    expect(put.status).toBe(405);
    expect(put.body).toMatchObject({ code: '00000105' });
  });

  it('serves a domain set for the tenant instead of the default', async () => {
    const { app, token } = await setup();
    setTenantDomain(app.directory, 'acme', 'corp.acme.test');
    const res = await request(app.handle).get(PATH).query({ domains: 'corp.acme.test', limit: 1, fields: 'DISTINGUISHED_NAME,OU_NAME' }).set('Authorization', token);
    expect(res.status).toBe(200);
    expect(res.body.data[0].DISTINGUISHED_NAME).toMatch(/,DC=corp,DC=acme,DC=test$/);
    expect(res.body.data[0].OU_NAME).toMatch(/^corp\.acme\.test\//);
    const old = await request(app.handle).get(PATH).query({ domains: 'acme.example.com' }).set('Authorization', token);
    expect(old.status).toBe(400);
  });

  it('never answers 5xx to random filter, sort, fields, from and limit; every answer is in the contract', async () => {
    const { app, token } = await setup();
    const text = fc.string({ maxLength: 30 });
    const query = fc.record(
      {
        filter: fc.oneof(text, fc.constantFrom('(NAME eq Sales) and (CITY eq New York)', 'not (CITY pr)', 'NAME co "a"', '(NAME eq', 'X eq 1')),
        sort: fc.oneof(text, fc.constantFrom('NAME', '-OU_NAME', 'WHEN_CREATED')),
        fields: fc.oneof(text, fc.constantFrom('NAME,OBJECT_GUID', 'when_changed')),
        from: fc.oneof(fc.integer({ min: -2, max: 60 }).map(String), text),
        limit: fc.oneof(fc.integer({ min: -1, max: 1002 }).map(String), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await request(app.handle).get(PATH).query({ domains: 'acme.example.com', ...q }).set('Authorization', token);
        expect(res.status === 200 || res.status === 400, `${res.status} ${JSON.stringify(res.body)}`).toBe(true);
        expect(contractProblems('GET', res.status, res.body)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
