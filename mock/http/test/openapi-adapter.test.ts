import { describe, expect, it } from 'vitest';
import { loadContract } from '../../../contracts/index.ts';
import { ValidationError } from '../typed-errors.ts';
import { createContractAdapter, type ContractRoute, type RequestInput } from '../openapi-adapter.ts';

const adapter = createContractAdapter(loadContract());
const T = '/api/v1/tenants/acme/ous';

function route(method: string, path: string): { route: ContractRoute; params: Record<string, string> } {
  const m = adapter.match(method, path);
  if (m.kind !== 'route') throw new Error(`${method} ${path}: ${m.kind}`);
  return { route: m.route, params: { ...m.params } };
}

/** The issues of a request, [] when it is valid. */
function issues(method: string, path: string, input: Partial<RequestInput> = {}): unknown[] {
  const { route: r, params } = route(method, path);
  try {
    adapter.validate(r, { params, rawQuery: '', headers: {}, ...input });
    return [];
  } catch (err) {
    if (err instanceof ValidationError) return [...err.issues];
    throw err;
  }
}

const body = (value: unknown): Partial<RequestInput> => ({ body: { value } });

describe('routing from the contract', () => {
  it('matches every operation, the literal /ous/tree before /ous/{ou_id}', () => {
    expect(route('GET', T).route.operationId).toBe('listOus');
    expect(route('POST', T).route.operationId).toBe('createOu');
    expect(route('GET', `${T}/tree`).route.operationId).toBe('getOuTree');
    expect(route('GET', `${T}/x1`)).toMatchObject({ route: { operationId: 'getOu' }, params: { tenant_id: 'acme', ou_id: 'x1' } });
    expect(route('PATCH', `${T}/x1`).route.operationId).toBe('updateOu');
    expect(route('DELETE', `${T}/x1`).route.operationId).toBe('deleteOu');
    expect(route('GET', `${T}/x1/users`).route.operationId).toBe('listOuUsers');
  });

  it('falls back to a template that serves the method (PATCH /ous/tree is updateOu on id "tree")', () => {
    expect(route('PATCH', `${T}/tree`)).toMatchObject({ route: { operationId: 'updateOu' }, params: { ou_id: 'tree' } });
  });

  it('tells an unknown path (not-found) from a wrong method (method-not-allowed with the methods)', () => {
    expect(adapter.match('GET', '/api/v1/nope').kind).toBe('not-found');
    expect(adapter.match('GET', '/api/v1/tenants//ous').kind).toBe('not-found');
    expect(adapter.match('PUT', T)).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST', 'HEAD'] });
  });

  it('ignores trailing slashes, serves HEAD as GET and decodes path parameters', () => {
    expect(route('GET', `${T}/`).route.operationId).toBe('listOus');
    expect(route('HEAD', T).route.operationId).toBe('listOus');
    expect(route('GET', '/api/v1/tenants/a%20b/ous').params['tenant_id']).toBe('a b');
  });

  it('keeps badly percent-encoded segments verbatim instead of throwing', () => {
    expect(route('GET', '/api/v1/tenants/%E0%A4%A/ous').params['tenant_id']).toBe('%E0%A4%A');
  });

  it('lists the methods at a path (for preflights)', () => {
    expect(adapter.methodsAt(`${T}/x`)).toEqual(['GET', 'DELETE', 'PATCH', 'HEAD']);
    expect(adapter.methodsAt('/nope')).toBeUndefined();
  });
});

describe('validation of OpenAPI 3.1 constructs with Ajv 2020 (OU-E3)', () => {
  it('enforces type arrays with null: [string, null] takes a string or null, nothing else', () => {
    expect(issues('POST', T, body({ name: 'A', description: null, parent_id: null, custom_attributes: null }))).toEqual([]);
    expect(issues('POST', T, body({ name: 'A', description: 5 }))).toEqual([
      { loc: ['body', 'description'], msg: 'Input should be a valid string or null', type: 'string_type' },
    ]);
    expect(issues('POST', T, body({ name: 'A', custom_attributes: [] }))).toEqual([
      { loc: ['body', 'custom_attributes'], msg: 'Input should be a valid dictionary or null', type: 'dict_type' },
    ]);
    // OUUpdate.name is [string, null]: null passes the schema (the core answers 422 for it, OU-U1).
    expect(issues('PATCH', `${T}/x`, body({ name: null }))).toEqual([]);
  });

  it('OU-L1: enforces minimum/maximum on query integers after coercing them', () => {
    expect(issues('GET', T, { rawQuery: 'page=1&per_page=100' })).toEqual([]);
    expect(issues('GET', T, { rawQuery: 'page=0&per_page=101' })).toEqual([
      { loc: ['query', 'page'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal' },
      { loc: ['query', 'per_page'], msg: 'Input should be less than or equal to 100', type: 'less_than_equal' },
    ]);
    expect(issues('GET', T, { rawQuery: 'per_page=0' })).toMatchObject([{ loc: ['query', 'per_page'] }]);
  });

  it('rejects non-integers in integer query parameters, naming the field', () => {
    for (const q of ['page=abc', 'page=1.5', 'page=', 'page=1&page=2']) {
      expect(issues('GET', T, { rawQuery: q }), q).toMatchObject([{ loc: ['query', 'page'], type: 'int_parsing' }]);
    }
  });

  it('coerces query types: page/per_page to integers, include_nested to a boolean', () => {
    const { route: r, params } = route('GET', `${T}/x/users`);
    const valid = adapter.validate(r, { params, rawQuery: 'page=2&per_page=5&include_nested=true', headers: {} });
    expect(valid.query).toEqual({ page: 2, per_page: 5, include_nested: true });
    expect(issues('GET', `${T}/x/users`, { rawQuery: 'include_nested=maybe' })).toEqual([
      { loc: ['query', 'include_nested'], msg: 'Input should be a valid boolean', type: 'bool_parsing' },
    ]);
  });

  it('ignores query parameters the operation does not declare', () => {
    const { route: r, params } = route('GET', T);
    expect(adapter.validate(r, { params, rawQuery: 'foo=1&__code=404&page=3', headers: {} }).query).toEqual({ page: 3 });
  });

  it('OU-H5: enforces the name pattern and length', () => {
    expect(issues('POST', T, body({ name: 'a/b' }))).toEqual([
      { loc: ['body', 'name'], msg: "String should match pattern '^[^/]*$'", type: 'string_pattern_mismatch' },
    ]);
    expect(issues('POST', T, body({ name: '' }))).toEqual([
      { loc: ['body', 'name'], msg: 'String should have at least 1 character', type: 'string_too_short' },
    ]);
    expect(issues('POST', T, body({ name: 'x'.repeat(256) }))).toMatchObject([{ loc: ['body', 'name'], type: 'string_too_long' }]);
  });

  it('OU-D1: enforces the delete strategy enum', () => {
    expect(issues('DELETE', `${T}/x`, { rawQuery: 'strategy=MOVE_UP' })).toEqual([]);
    expect(issues('DELETE', `${T}/x`, { rawQuery: 'strategy=block' })).toEqual([
      { loc: ['query', 'strategy'], msg: "Input should be 'BLOCK', 'MOVE_UP' or 'CASCADE'", type: 'enum' },
    ]);
  });

  it('names a missing body, a missing field and a non-object body', () => {
    expect(issues('POST', T)).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
    expect(issues('POST', T, body({}))).toEqual([{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }]);
    for (const value of [[], null, 'x', 3, true]) {
      expect(issues('POST', T, body(value)), JSON.stringify(value)).toMatchObject([{ loc: ['body'], type: 'dict_type' }]);
    }
  });

  it('checks declared headers: X-Request-ID is at most 200 characters', () => {
    expect(issues('GET', T, { headers: { 'x-request-id': 'x'.repeat(201) } })).toEqual([
      { loc: ['header', 'x-request-id'], msg: 'String should have at most 200 characters', type: 'string_too_long' },
    ]);
  });

  it('reports every bad field of a request at once', () => {
    expect(issues('POST', T, { ...body({ name: 5, parent_id: 1 }), headers: { 'x-request-id': 'y'.repeat(300) } })).toHaveLength(3);
  });
});
