/**
 * The idaas dialect over HTTP in the mock app, on the state every dialect shares: what is
 * created here the OU API lists under the right parent with the right path, external ids
 * collide whichever dialect made the first unit, and the instance in the path is the tenant.
 */
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockApp } from '../../../mock/app.ts';
import type { MockApp } from '../../../mock/app.ts';
import { schemaErrors } from './contract.ts';

const OUS = '/v2/acme/app_any/organizationalUnits';

let app: MockApp;
let token: string;

beforeEach(async () => {
  app = createMockApp({ seed: 42, preset: 'empty' });
  app.directory.createTenant('acme');
  app.directory.createTenant('globex');
  token = await app.issueToken({ tenant_id: 'acme' });
});

const auth = (t = token): Record<string, string> => ({ Authorization: `Bearer ${t}` });

async function create(name: string, parentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request(app.handle).post(OUS).set(auth()).send({ organizationalUnitName: name, parentId, ...extra });
  expect(res.status, res.text).toBe(200);
  expect(schemaErrors('OrganizationalUnitIdResponse', res.body)).toEqual([]);
  return res.body.organizationalUnitId as string;
}

describe('idaas over HTTP, one state with the OU API', () => {
  it('a unit created here is listed by the OU API under the right parent with the right path, and the other way round', async () => {
    const sales = await create('Sales', 'ou_root');
    const emea = await create('EMEA', sales);
    const top = await request(app.handle).get('/api/v1/tenants/acme/ous').query({ parent_id: sales }).set(auth());
    expect(top.status, top.text).toBe(200);
    expect(top.body.data).toEqual([expect.objectContaining({ id: emea, parent_id: sales, path: '/Sales/EMEA', name: 'EMEA' })]);
    const ou = await request(app.handle).get(`/api/v1/tenants/acme/ous/${sales}`).set(auth());
    expect(ou.body.data).toMatchObject({ parent_id: null, path: '/Sales', child_ou_count: 1 });

    const made = await request(app.handle).post('/api/v1/tenants/acme/ous').set(auth()).send({ name: 'Ops', parent_id: emea });
    expect(made.status, made.text).toBe(201);
    const opsId = made.body.data.id as string;
    const listed = await request(app.handle).get(OUS).query({ parentId: emea }).set(auth());
    expect(listed.status).toBe(200);
    expect(schemaErrors('ListOrganizationalUnitsResponse', listed.body)).toEqual([]);
    expect(listed.body).toMatchObject({ totalCount: 1, data: [{ organizationalUnitId: opsId, parentId: emea, organizationalUnitExternalId: opsId, organizationalUnitSourceType: 'build_in', organizationalUnitSourceId: 'acme' }] });
    const root = await request(app.handle).get(OUS).query({ parentId: 'ou_root' }).set(auth());
    expect(root.body.data.map((u: { organizationalUnitId: string }) => u.organizationalUnitId)).toEqual([sales]);
  });

  it('orgunit-v2 reads what idaas made (same id, parent, no code), and idaas reads what orgunit-v2 made (external id = its id)', async () => {
    const hr = await create('HR', 'ou_root', { description: 'people' });
    const payroll = await create('Payroll', hr);
    const viewed = await request(app.handle).get(`/v2/org-unit/view/${payroll}`).set(auth());
    expect(viewed.status, viewed.text).toBe(200);
    expect(viewed.body).toMatchObject({ org_unit_id: payroll, name: 'Payroll', parent_org_unit_id: hr, code: null, project_id: 'acme' });

    const made = await request(app.handle).post('/v2/org-unit/create').set(auth()).send({ code: 'ORG-7', name: 'Benefits', parent_org_unit_id: hr });
    expect(made.status, made.text).toBe(201);
    const listed = await request(app.handle).get(OUS).query({ parentId: hr }).set(auth());
    expect(listed.body.data.map((u: { organizationalUnitName: string }) => u.organizationalUnitName)).toEqual(['Benefits', 'Payroll']);
    const benefits = listed.body.data[0] as Record<string, unknown>;
    expect(benefits).toMatchObject({ organizationalUnitId: made.body.org_unit_id, parentId: hr, organizationalUnitExternalId: made.body.org_unit_id });
    expect(benefits).not.toHaveProperty('code');
  });

  it('an external id collides whichever dialect made the first unit (ID-C3)', async () => {
    const made = await request(app.handle).post('/api/v1/tenants/acme/ous').set(auth()).send({ name: 'From the OU API' });
    const taken = await request(app.handle).post(OUS).set(auth()).send({ organizationalUnitName: 'x', parentId: 'ou_root', organizationalUnitExternalId: made.body.data.id });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'EntityAlreadyExists.OrganizationalUnit.ExternalId' });
    expect(schemaErrors('IdaasError', taken.body)).toEqual([]);
  });

  it('a unit the OU API cannot delete (a child) is refused here too, and the OU API deletes what idaas made', async () => {
    const parent = await create('P', 'ou_root');
    await create('C', parent);
    const refused = await request(app.handle).delete(`${OUS}/${parent}`).set(auth());
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('OperationConflict.OrganizationalUnit');
    const cascade = await request(app.handle).delete(`/api/v1/tenants/acme/ous/${parent}`).query({ strategy: 'CASCADE' }).set(auth());
    expect(cascade.status, cascade.text).toBe(204);
    expect((await request(app.handle).get(`${OUS}/${parent}`).set(auth())).status).toBe(404);
  });

  it('auth and tenancy (ID-A1): no token 401, another instance 403, an unknown instance 404, all in the error shape', async () => {
    const cases: Array<[request.Test, number, string]> = [
      [request(app.handle).get(`${OUS}/ou_root`), 401, 'InvalidToken'],
      [request(app.handle).get(`${OUS}/ou_root`).set('Authorization', 'Basic dTpw'), 401, 'InvalidToken'],
      [request(app.handle).get('/v2/globex/app/organizationalUnits/ou_root').set(auth()), 403, 'Forbidden'],
      [request(app.handle).get('/v2/nowhere/app/organizationalUnits/ou_root').set(auth(await app.issueToken({ tenant_id: 'nowhere' }))), 404, 'EntityNotExists.OrganizationalUnit'],
      [request(app.handle).post(OUS).set(auth(await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] }))).send({ organizationalUnitName: 'x', parentId: 'ou_root' }), 403, 'Forbidden'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect(res.status, res.text).toBe(status);
      expect(res.body).toMatchObject({ code });
      expect(schemaErrors('IdaasError', res.body)).toEqual([]);
    }
  });

  it('contract validation by the host answers 400 InvalidParameter.<Field> (ID-C2, ID-L1)', async () => {
    const cases: Array<[request.Test, string]> = [
      [request(app.handle).post(OUS).set(auth()).send({ parentId: 'ou_root' }), 'InvalidParameter.OrganizationalUnitName'],
      [request(app.handle).post(OUS).set(auth()).send({ organizationalUnitName: 'a/b', parentId: 'ou_root' }), 'InvalidParameter.OrganizationalUnitName'],
      [request(app.handle).post(OUS).set(auth()).send({ organizationalUnitName: 'x', parentId: 7 }), 'InvalidParameter.ParentId'],
      [request(app.handle).post(OUS).set(auth()).set('Content-Type', 'application/json').send('{"organizationalUnitName":'), 'InvalidParameter.Body'],
      [request(app.handle).get(OUS).query({ parentId: 'ou_root', pageSize: 0 }).set(auth()), 'InvalidParameter.PageSize'],
      [request(app.handle).get(OUS).query({ parentId: 'ou_root', pageNumber: 'two' }).set(auth()), 'InvalidParameter.PageNumber'],
      [request(app.handle).get(OUS).set(auth()), 'InvalidParameter.ParentId'],
      [request(app.handle).post(`${OUS}/_/actions/getOrganizationalUnitIdByExternalId`).set(auth()).send({ organizationalUnitExternalId: 'x', organizationalUnitSourceType: 'build_in' }), 'InvalidParameter.OrganizationalUnitSourceId'],
    ];
    for (const [req, code] of cases) {
      const res = await req;
      expect(res.status, res.text).toBe(400);
      expect(res.body.code, res.text).toBe(code);
      expect(schemaErrors('IdaasError', res.body)).toEqual([]);
    }
    expect(app.directory.tenant('acme').queryUnits().total).toBe(0);
  });
});
