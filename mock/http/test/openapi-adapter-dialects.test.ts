import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../../contracts/dialect-contracts.ts';
import { loadDocument, operationsOf } from '../../../contracts/model/index.ts';
import { ValidationError } from '../typed-errors.ts';
import { createContractAdapter, type ContractAdapter, type RequestInput } from '../openapi-adapter.ts';

const adapters = new Map(Object.entries(DIALECT_CONTRACT_PATHS).map(([dialect, path]) => [dialect, createContractAdapter(loadDocument(path))]));
const adapterOf = (dialect: string): ContractAdapter => adapters.get(dialect) as ContractAdapter;

/** The issues of a request, [] when it is valid; the coerced query when asked. */
function check(dialect: string, method: string, path: string, input: Partial<RequestInput> = {}): { issues: unknown[]; query?: unknown } {
  const adapter = adapterOf(dialect);
  const m = adapter.match(method, path);
  if (m.kind !== 'route') throw new Error(`${method} ${path}: ${m.kind}`);
  try {
    return { issues: [], query: adapter.validate(m.route, { params: m.params, rawQuery: '', headers: {}, ...input }).query };
  } catch (err) {
    if (err instanceof ValidationError) return { issues: [...err.issues] };
    throw err;
  }
}

describe.each(Object.entries(DIALECT_CONTRACT_PATHS))('the adapter over the %s contract', (dialect, path) => {
  it('routes every operation, with its scopes and documented responses', () => {
    for (const op of operationsOf(loadDocument(path))) {
      const m = adapterOf(dialect).match(op.method, op.pathTemplate.replace(/\{[^}]+\}/g, 'x1'));
      expect(m.kind === 'route' && m.route.operationId).toBe(op.operationId);
      if (m.kind !== 'route') continue;
      expect(m.route.scopes).toEqual(op.scopes);
      expect([...m.route.responses.keys()].map(String)).toEqual([...op.responses.keys()].filter((k) => /^\d+$/.test(k)));
    }
  });

  it('leaves the document it was given as it was (openapi-backend dereferences its own copy)', () => {
    const doc = loadDocument(path);
    const before = JSON.stringify(doc);
    createContractAdapter(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(before).toContain('"$ref"');
  });
});

describe('request validation for every dialect, issues located by part and field', () => {
  it('orgunit-v2: a create without its required fields names each', () => {
    expect(check('orgunit-v2', 'POST', '/v2/org-unit/create', { body: { value: {} } }).issues).toEqual([
      { loc: ['body', 'code'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'name'], msg: 'Field required', type: 'missing' },
    ]);
    expect(check('orgunit-v2', 'POST', '/v2/org-unit/create', { body: { value: { code: 'OPS', name: 'Ops' } } }).issues).toEqual([]);
  });

  it('idaas: a wrong type in the body and a query integer out of range; valid queries coerce', () => {
    const base = '/v2/acme/app/organizationalUnits';
    expect(check('idaas', 'POST', base, { body: { value: { organizationalUnitName: 5, parentId: 'ou_root' } } }).issues).toEqual([
      { loc: ['body', 'organizationalUnitName'], msg: 'Input should be a valid string', type: 'string_type' },
    ]);
    expect(check('idaas', 'GET', base, { rawQuery: 'parentId=ou_root&pageSize=101' }).issues).toEqual([
      { loc: ['query', 'pageSize'], msg: 'Input should be less than or equal to 100', type: 'less_than_equal' },
    ]);
    expect(check('idaas', 'GET', base, { rawQuery: 'parentId=ou_root&pageNumber=2&pageSize=5' }).query).toEqual({ parentId: 'ou_root', pageNumber: 2, pageSize: 5 });
  });

  it('admanager: a missing required query parameter and a limit that is no integer', () => {
    expect(check('admanager', 'GET', '/api/v2/organizational_units', { rawQuery: 'limit=ten' }).issues).toEqual([
      { loc: ['query', 'domains'], msg: 'Field required', type: 'missing' },
      { loc: ['query', 'limit'], msg: 'Input should be a valid integer', type: 'int_parsing' },
    ]);
  });
});
