import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../dialect-contracts.ts';
import { createRouter, loadDocument, operationsOf, type RouteMatch } from '../index.ts';

function ids<T extends { id: string }>(m: RouteMatch<T>): unknown {
  return m.kind === 'route' ? { id: m.value.id, params: m.params } : m;
}

describe('one router with OpenAPI precedence', () => {
  const router = createRouter([
    { template: '/ous/{ou_id}', method: 'GET', value: 'getOu' },
    { template: '/ous/{ou_id}', method: 'PATCH', value: 'updateOu' },
    { template: '/ous/tree', method: 'GET', value: 'getTree' },
    { template: '/ous', method: 'GET', value: 'list' },
    { template: '/ous', method: 'POST', value: 'create' },
  ]);
  const value = (method: string, path: string): unknown => {
    const m = router.match(method, path);
    return m.kind === 'route' ? [m.value, m.params] : m.kind;
  };

  it('a literal segment beats a templated one, whatever the order of registration', () => {
    expect(value('GET', '/ous/tree')).toEqual(['getTree', {}]);
    expect(value('GET', '/ous/x1')).toEqual(['getOu', { ou_id: 'x1' }]);
  });

  it('a less specific template serving the method still wins over the literal one lacking it', () => {
    expect(value('PATCH', '/ous/tree')).toEqual(['updateOu', { ou_id: 'tree' }]);
  });

  it('a known path with an unserved method is method-not-allowed with its methods (HEAD with GET)', () => {
    expect(router.match('DELETE', '/ous')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST', 'HEAD'], template: '/ous' });
    expect(router.match('DELETE', '/ous/tree')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'HEAD'], template: '/ous/tree' });
    expect(router.match('GET', '/elsewhere')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/ous/x/y')).toEqual({ kind: 'not-found' });
  });

  it('percent-decodes parameters, keeps bad escapes verbatim, never matches an empty segment', () => {
    expect(value('GET', '/ous/a%20b%2Fc')).toEqual(['getOu', { ou_id: 'a b/c' }]);
    expect(value('GET', '/ous/%E0%A4%A')).toEqual(['getOu', { ou_id: '%E0%A4%A' }]);
    const scoped = createRouter([{ template: '/t/{tenant}/ous', method: 'GET', value: 'list' }]);
    expect(scoped.match('GET', '/t//ous').kind).toBe('not-found');
  });

  it('ignores trailing slashes and serves HEAD by GET', () => {
    expect(value('GET', '/ous/tree/')).toEqual(['getTree', {}]);
    expect(value('GET', '/ous//')).toEqual(['list', {}]);
    expect(value('HEAD', '/ous')).toEqual(['list', {}]);
    expect(router.methodsAt('/ous/x')).toEqual(['GET', 'PATCH', 'HEAD']);
    expect(router.methodsAt('/nope')).toBeUndefined();
  });

  it('refuses the same method twice on one template', () => {
    expect(() => createRouter([{ template: '/a', method: 'GET', value: 1 }, { template: '/a', method: 'get', value: 2 }])).toThrow('GET /a is registered twice');
  });
});

describe('routing across the dialects of one mock', () => {
  const v2 = operationsOf(loadDocument(DIALECT_CONTRACT_PATHS['orgunit-v2']));
  const idaas = operationsOf(loadDocument(DIALECT_CONTRACT_PATHS.idaas));
  const both = [...idaas, ...v2].map((op) => ({ template: op.pathTemplate, method: op.method, value: op }));
  const router = createRouter(both);

  it('/v2/org-unit/view/organizationalUnits is orgunit-v2 view (2 literals of 3) before idaas list (1 of 3), in either order', () => {
    const expected = { id: 'viewOrgUnit', params: { id: 'organizationalUnits' } };
    expect(ids(router.match('GET', '/v2/org-unit/view/organizationalUnits'))).toEqual(expected);
    expect(ids(createRouter([...both].reverse()).match('GET', '/v2/org-unit/view/organizationalUnits'))).toEqual(expected);
  });

  it("routes each dialect's own paths to its operations", () => {
    expect(ids(router.match('GET', '/v2/acme/app-1/organizationalUnits'))).toEqual({ id: 'ListOrganizationalUnits', params: { instanceId: 'acme', applicationId: 'app-1' } });
    expect(ids(router.match('POST', '/v2/acme/app-1/organizationalUnits/_/actions/getOrganizationalUnitIdByExternalId'))).toMatchObject({ id: 'GetOrganizationalUnitIdByExternalId' });
    expect(ids(router.match('DELETE', '/v2/org-unit/delete/42'))).toEqual({ id: 'deleteOrgUnit', params: { id: '42' } });
    expect(ids(router.match('POST', '/v2/org-unit/index'))).toEqual({ id: 'indexOrgUnits', params: {} });
  });

  it('a method only the templated path serves falls to it (POST is idaas create on instance "org-unit")', () => {
    expect(ids(router.match('POST', '/v2/org-unit/view/organizationalUnits'))).toEqual({
      id: 'CreateOrganizationalUnit',
      params: { instanceId: 'org-unit', applicationId: 'view' },
    });
    expect(router.match('DELETE', '/v2/org-unit/view/7')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'HEAD'], template: '/v2/org-unit/view/{id}' });
  });
});
