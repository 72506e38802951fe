import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../../contracts/dialect-contracts.ts';
import { loadDocument } from '../../../contracts/model/index.ts';
import type { Dialect } from '../../../dialects/types.ts';
import { createDialectRouter, type DialectMount, type DialectRouter } from '../dialect-routes.ts';
import { createContractAdapter } from '../openapi-adapter.ts';

/** A mount per contract; the router only carries the dialect through, so its id stands for it here. */
function mounts(ids: readonly (keyof typeof DIALECT_CONTRACT_PATHS)[]): DialectMount[] {
  return ids.map((id) => {
    const doc = loadDocument(DIALECT_CONTRACT_PATHS[id]);
    return { dialect: { id } as unknown as Dialect, adapter: createContractAdapter(doc), templates: Object.keys(doc.paths) };
  });
}

const ALL = ['ou-api', 'orgunit-v2', 'admanager', 'idaas'] as const;

function route(router: DialectRouter, method: string, path: string): unknown {
  const m = router.match(method, path);
  return m.kind === 'route' ? [m.mount.dialect.id, m.route.operationId, m.params] : [m.kind, m.mount.dialect.id];
}

describe('one router across the dialects of one mock', () => {
  const routers = [createDialectRouter(mounts(ALL)), createDialectRouter(mounts([...ALL].reverse()))];

  it('/v2/org-unit/view/organizationalUnits is orgunit-v2 (more literal segments) whatever the order of the dialects', () => {
    for (const router of routers) {
      expect(route(router, 'GET', '/v2/org-unit/view/organizationalUnits')).toEqual(['orgunit-v2', 'viewOrgUnit', { id: 'organizationalUnits' }]);
      expect(route(router, 'GET', '/v2/acme/app/organizationalUnits')).toEqual(['idaas', 'ListOrganizationalUnits', { instanceId: 'acme', applicationId: 'app' }]);
      expect(route(router, 'GET', '/api/v1/tenants/acme/ous/tree')).toEqual(['ou-api', 'getOuTree', { tenant_id: 'acme' }]);
      expect(route(router, 'PATCH', '/api/v2/organizational_units')).toEqual(['admanager', 'updateAdOus', {}]);
    }
  });

  it('a method only a less specific template serves goes to it, across dialects as inside one', () => {
    for (const router of routers) {
      expect(route(router, 'POST', '/v2/org-unit/view/organizationalUnits')).toEqual(['idaas', 'CreateOrganizationalUnit', { instanceId: 'org-unit', applicationId: 'view' }]);
    }
  });

  it('a method nobody serves is refused by the dialect of the most specific template, with its methods', () => {
    for (const router of routers) {
      expect(router.match('DELETE', '/v2/org-unit/view/organizationalUnits')).toMatchObject({ kind: 'method-not-allowed', mount: { dialect: { id: 'orgunit-v2' } }, allow: ['GET', 'HEAD'] });
      expect(router.match('PUT', '/api/v2/organizational_units')).toMatchObject({ kind: 'method-not-allowed', mount: { dialect: { id: 'admanager' } }, allow: ['GET', 'PATCH', 'HEAD'] });
    }
  });

  it('an unknown path is answered by the dialect whose paths it comes closest to', () => {
    for (const router of routers) {
      expect(route(router, 'GET', '/v2/org-unit/view/7/more')).toEqual(['not-found', 'orgunit-v2']);
      expect(route(router, 'GET', '/api/v1/tenants/acme/nope')).toEqual(['not-found', 'ou-api']);
    }
  });

  it('refuses two dialects serving the same method on the same path, naming it', () => {
    expect(() => createDialectRouter(mounts(['ou-api', 'ou-api']))).toThrow('router: GET /api/v1/tenants/{tenant_id}/ous is registered twice');
  });
});
