import { beforeEach, describe, expect, it } from 'vitest';
import { OuOperations } from '../../ou-api/operations.ts';
import { Directory } from '../../../mock/core/directory.ts';
import { NO_DEFECTS } from '../../../mock/defects.ts';
import { DomainError } from '../../../mock/core/errors.ts';
import type { UnitsApi } from '../../../mock/core/units.ts';
import { HostError } from '../../types.ts';
import type { DialectEnv, DialectRequest, DialectResponse } from '../../types.ts';
import { HANDLERS } from '../handlers.ts';
import { renderError } from '../render.ts';
import { schemaErrors } from './contract.ts';
import type { SchemaName } from './contract.ts';

/** The success schema of each operation (Update and Delete answer {}). */
const SUCCESS: Readonly<Record<string, SchemaName | 'empty'>> = {
  CreateOrganizationalUnit: 'OrganizationalUnitIdResponse',
  GetOrganizationalUnit: 'OrganizationalUnit',
  ListOrganizationalUnits: 'ListOrganizationalUnitsResponse',
  UpdateOrganizationalUnit: 'empty',
  DeleteOrganizationalUnit: 'empty',
  GetOrganizationalUnitIdByExternalId: 'OrganizationalUnitIdResponse',
};

let now = Date.UTC(2026, 0, 1);
let dir: Directory;
let acme: UnitsApi;
let env: DialectEnv;

beforeEach(() => {
  now = Date.UTC(2026, 0, 1);
  dir = new Directory({ clock: () => new Date(now) });
  acme = dir.createTenant('acme');
  env = { directory: dir, clock: () => new Date(now), defects: new Set() };
});

/** Calls a handler as the host does: a thrown DomainError or HostError is rendered; the answer is checked against the contract. */
function call(operationId: string, parts: { id?: string; query?: Record<string, unknown>; body?: unknown } = {}, api: UnitsApi = acme): DialectResponse & { body: Record<string, unknown> } {
  const req: DialectRequest = {
    operationId,
    method: 'X',
    pathname: '/',
    params: { instanceId: api.id, applicationId: 'app', ...(parts.id !== undefined ? { organizationalUnitId: parts.id } : {}) },
    query: parts.query ?? {},
    rawQuery: '',
    headers: {},
    body: parts.body,
    requestId: 'r1',
    claims: undefined,
  };
  let res: DialectResponse;
  try {
    res = (HANDLERS[operationId] as NonNullable<(typeof HANDLERS)[string]>)(api, req, env);
  } catch (err) {
    if (err instanceof DomainError) res = renderError(err, req);
    else if (err instanceof HostError) res = renderError(err.failure, req);
    else throw err;
  }
  const schema = res.status >= 400 ? 'IdaasError' : SUCCESS[operationId];
  if (schema === 'empty') expect(res.body).toEqual({});
  else expect(schemaErrors(schema as SchemaName, res.body), `${operationId} ${res.status} matches the contract`).toEqual([]);
  return res as DialectResponse & { body: Record<string, unknown> };
}

function create(name: string, parentId = 'ou_root', extra: Record<string, unknown> = {}): string {
  const res = call('CreateOrganizationalUnit', { body: { organizationalUnitName: name, parentId, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body['organizationalUnitId'] as string;
}

describe('idaas handlers over the core (one state with the other dialects)', () => {
  it('ID-C1: a unit created under the root is a top-level unit of the core, with its path; under a unit, its child', () => {
    const sales = create('Sales', 'ou_root', { description: 'd' });
    const emea = create('EMEA', sales);
    expect(acme.getUnit(sales)).toMatchObject({ parentId: null, path: '/Sales', description: 'd' });
    expect(acme.getUnit(emea)).toMatchObject({ parentId: sales, path: '/Sales/EMEA' });
    // The OU API's own operations on the same tenant see them too.
    const ouApi = new OuOperations(dir.tenant('acme'), { directory: dir, defects: NO_DEFECTS });
    expect(ouApi.getOu(emea)).toMatchObject({ parent_id: sales, path: '/Sales/EMEA' });
    expect(ouApi.listOus({ parent_id: sales }).data.map((o) => o.id)).toEqual([emea]);
    expect(call('GetOrganizationalUnit', { id: emea }).body).toMatchObject({ organizationalUnitId: emea, parentId: sales, organizationalUnitExternalId: emea, organizationalUnitSourceType: 'build_in', organizationalUnitSourceId: 'acme', createTime: now, updateTime: now });
  });

  it('ID-G1: the root is answered, without parentId; an unknown id is 404', () => {
    expect(call('GetOrganizationalUnit', { id: 'ou_root' }).body).toMatchObject({ organizationalUnitId: 'ou_root', instanceId: 'acme' });
    expect(call('GetOrganizationalUnit', { id: 'ou_root' }).body).not.toHaveProperty('parentId');
    expect(call('GetOrganizationalUnit', { id: 'nope' })).toMatchObject({ status: 404, body: { code: 'EntityNotExists.OrganizationalUnit' } });
  });

  it('ID-C2: missing or mistyped parameters and the common name rules are 400 naming the field; an unknown parent is 404; nothing is made', () => {
    const cases: Array<[unknown, string]> = [
      [undefined, 'InvalidParameter.OrganizationalUnitName'],
      [{ parentId: 'ou_root' }, 'InvalidParameter.OrganizationalUnitName'],
      [{ organizationalUnitName: 'x' }, 'InvalidParameter.ParentId'],
      [{ organizationalUnitName: 1, parentId: 'ou_root' }, 'InvalidParameter.OrganizationalUnitName'],
      [{ organizationalUnitName: '  ', parentId: 'ou_root' }, 'InvalidParameter.OrganizationalUnitName'],
      [{ organizationalUnitName: 'a/b', parentId: 'ou_root' }, 'InvalidParameter.OrganizationalUnitName'],
      [{ organizationalUnitName: 'n'.repeat(256), parentId: 'ou_root' }, 'InvalidParameter.OrganizationalUnitName'],
      [{ organizationalUnitName: 'x', parentId: 'ou_root', description: 5 }, 'InvalidParameter.Description'],
      [[1], 'InvalidParameter.Body'],
    ];
    for (const [body, code] of cases) expect(call('CreateOrganizationalUnit', { body }), JSON.stringify(body)).toMatchObject({ status: 400, body: { code } });
    expect(call('CreateOrganizationalUnit', { body: { organizationalUnitName: 'x', parentId: 'missing' } })).toMatchObject({ status: 404, body: { code: 'EntityNotExists.OrganizationalUnit' } });
    expect(acme.queryUnits().total).toBe(0);
  });

  it('ID-C3: the external id defaults to the id, is unique whichever dialect made the first unit (the root too), and is looked up', () => {
    const elsewhere = new OuOperations(dir.tenant('acme'), { directory: dir, defects: NO_DEFECTS }).createOu({ name: 'Made by the OU API' }).id;
    const conflict = call('CreateOrganizationalUnit', { body: { organizationalUnitName: 'x', parentId: 'ou_root', organizationalUnitExternalId: elsewhere } });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'EntityAlreadyExists.OrganizationalUnit.ExternalId' } });
    expect(call('CreateOrganizationalUnit', { body: { organizationalUnitName: 'x', parentId: 'ou_root', organizationalUnitExternalId: 'ou_root' } }).status).toBe(409);
    const given = create('Given', 'ou_root', { organizationalUnitExternalId: 'hr-42' });
    expect(call('CreateOrganizationalUnit', { body: { organizationalUnitName: 'y', parentId: 'ou_root', organizationalUnitExternalId: 'hr-42' } }).body['code']).toBe('EntityAlreadyExists.OrganizationalUnit.ExternalId');
    expect(acme.queryUnits().total).toBe(2);

    const lookup = (value: string, sourceId = 'acme'): DialectResponse & { body: Record<string, unknown> } =>
      call('GetOrganizationalUnitIdByExternalId', { body: { organizationalUnitExternalId: value, organizationalUnitSourceType: 'build_in', organizationalUnitSourceId: sourceId } });
    expect(lookup('hr-42').body).toEqual({ organizationalUnitId: given });
    expect(lookup(elsewhere).body).toEqual({ organizationalUnitId: elsewhere });
    expect(lookup('ou_root').body).toEqual({ organizationalUnitId: 'ou_root' });
    expect(lookup('hr-42', 'globex').status).toBe(404);
    expect(lookup(given).status).toBe(404);
    expect(call('GetOrganizationalUnitIdByExternalId', { body: { organizationalUnitExternalId: 'hr-42', organizationalUnitSourceType: 'build_in' } })).toMatchObject({ status: 400, body: { code: 'InvalidParameter.OrganizationalUnitSourceId' } });
  });

  it('ID-C4: a sibling name taken case-insensitively is 409 Name', () => {
    create('Finance');
    expect(call('CreateOrganizationalUnit', { body: { organizationalUnitName: 'FINANCE', parentId: 'ou_root' } })).toMatchObject({ status: 409, body: { code: 'EntityAlreadyExists.OrganizationalUnit.Name' } });
  });

  it('ID-L1: direct children by lower-cased name then id, paged, with the true count past the last page', () => {
    const parent = create('P');
    for (const name of ['delta', 'Charlie', 'bravo', 'Alpha']) create(name, parent);
    create('below', acme.queryUnits({ where: { nameContains: 'alpha' } }).items[0]?.id ?? '');
    const page = (q: Record<string, unknown>): unknown[] => call('ListOrganizationalUnits', { query: { parentId: parent, ...q } }).body['data'] as unknown[];
    const names = (units: unknown[]): string[] => units.map((u) => (u as { organizationalUnitName: string }).organizationalUnitName);
    expect(names(page({}))).toEqual(['Alpha', 'bravo', 'Charlie', 'delta']);
    expect(names(page({ pageNumber: 2, pageSize: 3 }))).toEqual(['delta']);
    expect(call('ListOrganizationalUnits', { query: { parentId: parent, pageNumber: 3, pageSize: 3 } }).body).toEqual({ totalCount: 4, data: [] });
    expect(call('ListOrganizationalUnits', { query: { parentId: parent, pageNumber: '9007199254740991', pageSize: 100 } }).body).toEqual({ totalCount: 4, data: [] });
    expect(names(page({ parentId: 'ou_root' }))).toEqual(['P']);
    expect(call('ListOrganizationalUnits', { query: { parentId: parent, pageSize: 101 } }).body['code']).toBe('InvalidParameter.PageSize');
    expect(call('ListOrganizationalUnits', { query: { parentId: parent, pageNumber: 0 } }).body['code']).toBe('InvalidParameter.PageNumber');
    expect(call('ListOrganizationalUnits', { query: {} }).body['code']).toBe('InvalidParameter.ParentId');
    expect(call('ListOrganizationalUnits', { query: { parentId: 'nope' } }).status).toBe(404);
  });

  it('ID-U1: only what is given changes, null is not given, updateTime advances; the rules of create hold; the root stays', () => {
    const id = create('Old', 'ou_root', { description: 'kept' });
    create('Other');
    now += 5000;
    expect(call('UpdateOrganizationalUnit', { id, body: { organizationalUnitName: 'New', description: null } })).toEqual({ status: 200, body: {} });
    expect(call('GetOrganizationalUnit', { id }).body).toMatchObject({ organizationalUnitName: 'New', description: 'kept', createTime: now - 5000, updateTime: now });
    expect(call('UpdateOrganizationalUnit', { id, body: { description: 'changed' } }).status).toBe(200);
    expect(acme.getUnit(id)).toMatchObject({ name: 'New', description: 'changed' });
    expect(call('UpdateOrganizationalUnit', { id, body: { organizationalUnitName: 'OTHER' } }).body['code']).toBe('EntityAlreadyExists.OrganizationalUnit.Name');
    expect(call('UpdateOrganizationalUnit', { id, body: { organizationalUnitName: ' ' } }).body['code']).toBe('InvalidParameter.OrganizationalUnitName');
    expect(call('UpdateOrganizationalUnit', { id: 'ou_root', body: { organizationalUnitName: 'x' } })).toMatchObject({ status: 409, body: { code: 'OperationConflict.OrganizationalUnit' } });
    expect(call('UpdateOrganizationalUnit', { id: 'nope', body: { organizationalUnitName: 'x' } }).status).toBe(404);
  });

  it('ID-D1: a childless unit without users goes (200 {}); children, users, the root and protection refuse with 409 and change nothing; unknown is 404', () => {
    const parent = create('P');
    const child = create('C', parent);
    expect(call('DeleteOrganizationalUnit', { id: parent })).toMatchObject({ status: 409, body: { code: 'OperationConflict.OrganizationalUnit' } });
    expect(call('DeleteOrganizationalUnit', { id: 'ou_root' }).status).toBe(409);
    expect(call('DeleteOrganizationalUnit', { id: child })).toEqual({ status: 200, body: {} });
    expect(call('DeleteOrganizationalUnit', { id: child }).status).toBe(404);
    const guarded = acme.createUnit({ name: 'Guarded', fields: { protected: true } }).id;
    expect(call('DeleteOrganizationalUnit', { id: guarded }).body['code']).toBe('OperationConflict.OrganizationalUnit');
    expect(acme.findUnit(guarded)).toBeDefined();
    expect(call('DeleteOrganizationalUnit', { id: parent }).status).toBe(200);
  });

  it('ID-D1: a unit with users is refused', () => {
    const id = create('Staffed');
    dir.tenant('acme').createUser({ email: 'a@example.com', displayName: 'A', unitId: id });
    expect(call('DeleteOrganizationalUnit', { id })).toMatchObject({ status: 409, body: { code: 'OperationConflict.OrganizationalUnit' } });
    expect(acme.findUnit(id)).toBeDefined();
  });

  it('instances are apart: a unit of acme is unknown to globex', () => {
    const globex = dir.createTenant('globex');
    const id = create('Secret');
    expect(call('GetOrganizationalUnit', { id }, globex).status).toBe(404);
    expect(call('ListOrganizationalUnits', { query: { parentId: 'ou_root' } }, globex).body).toEqual({ totalCount: 0, data: [] });
  });
});
