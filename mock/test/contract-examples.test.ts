/**
 * The OU API contract's named examples are written for the mock's default seeded state (tenant
 * acme, seed 42), so example-driven tools (Specmatic) pass against `ou-contract mock`. A change
 * of the generator or of the contract that broke them would fail here, without Java: every
 * example's ids exist in the seeded state, and each named example, sent in the contract's order,
 * gets the status of its response example.
 */
import { describe, expect, it } from 'vitest';
import { loadContract, type OpenApiDocument } from '../../contracts/index.ts';
import { createMockApp } from '../app.ts';
import { http } from '../http/test/helpers.ts';

interface Parameter {
  name: string;
  in: string;
  $ref?: string;
  examples?: Record<string, { value: unknown }>;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { examples?: Record<string, { value: unknown }> } } };
  responses: Record<string, { $ref?: string; content?: { 'application/json'?: { examples?: Record<string, unknown> } } }>;
}

interface NamedExample {
  name: string;
  method: string;
  operationId: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The status of the response example of that name (the first 2xx for an operation without a body). */
  status: number;
}

function resolve(contract: OpenApiDocument, p: Parameter): Parameter {
  if (!p.$ref) return p;
  return (contract.components['parameters'] as Record<string, Parameter>)[p.$ref.replace('#/components/parameters/', '')] as Parameter;
}

/**
 * The examples Specmatic runs: a name the tenant_id parameter of the operation carries, paired
 * with the response example of that name (any name when the operation's success has no body).
 */
function namedExamples(contract: OpenApiDocument): NamedExample[] {
  const out: NamedExample[] = [];
  for (const [template, item] of Object.entries(contract.paths)) {
    const shared = ((item as { parameters?: Parameter[] }).parameters ?? []).map((p) => resolve(contract, p));
    for (const [method, raw] of Object.entries(item)) {
      if (method === 'parameters') continue;
      const op = raw as Operation;
      const own = (op.parameters ?? []).map((p) => resolve(contract, p));
      // An operation's parameter overrides the path's of the same name and place.
      const params = [...own, ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in))];
      const responseNames = new Set(Object.values(op.responses).flatMap((r) => Object.keys(r.content?.['application/json']?.examples ?? {})));
      const bodiless = Object.entries(op.responses).some(([code, r]) => code.startsWith('2') && r.content === undefined);
      const names = Object.keys(params.find((p) => p.name === 'tenant_id')?.examples ?? {}).filter((n) => bodiless || responseNames.has(n));
      for (const name of names) {
        let path = template;
        const query = new URLSearchParams();
        for (const p of params) {
          const value = p.examples?.[name]?.value;
          if (value === undefined) continue;
          if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
          if (p.in === 'query') query.set(p.name, String(value));
        }
        const body = op.requestBody?.content['application/json'].examples?.[name]?.value;
        const withExample = Object.entries(op.responses).find(([, r]) => r.content?.['application/json']?.examples?.[name] !== undefined)?.[0];
        const firstSuccess = Object.keys(op.responses).find((code) => code.startsWith('2'));
        out.push({ name, method: method.toUpperCase(), operationId: op.operationId, path, query, body, status: Number(withExample ?? firstSuccess) });
      }
    }
  }
  return out;
}

describe('the OU API contract examples and the seeded state (tenant acme, seed 42)', () => {
  const contract = loadContract();
  const examples = namedExamples(contract);

  it('every operation has a named example, each with every path parameter given', () => {
    expect(new Set(examples.map((e) => e.operationId))).toEqual(new Set(['listOus', 'createOu', 'getOuTree', 'deleteOu', 'getOu', 'updateOu', 'listOuUsers']));
    for (const e of examples) expect(e.path, `${e.operationId} ${e.name}`).not.toMatch(/[{}]/);
  });

  it('names only tenants and OUs the seeded state has', () => {
    const app = createMockApp({ preset: 'small', seed: 42, auth: false });
    for (const e of examples) {
      const [, tenant, , ou] = /^\/api\/v1\/tenants\/([^/]+)\/ous(\/([^/]+))?/.exec(e.path) ?? [];
      const what = `${e.operationId} example ${e.name}`;
      expect(app.directory.hasTenant(decodeURIComponent(tenant ?? '')), what).toBe(true);
      const units = app.directory.tenant(decodeURIComponent(tenant ?? ''));
      if (ou !== undefined && ou !== 'tree') expect(() => units.getUnit(decodeURIComponent(ou)), what).not.toThrow();
      const parent = (e.body as { parent_id?: string | null } | undefined)?.parent_id;
      if (typeof parent === 'string') expect(() => units.getUnit(parent), `${what}: parent_id`).not.toThrow();
    }
  });

  it('each named example, sent in the contract order to the seeded mock, gets the status of its response example', async () => {
    const app = createMockApp({ preset: 'small', seed: 42, auth: false });
    for (const e of examples) {
      const target = `${e.path}${e.query.size > 0 ? `?${e.query}` : ''}`;
      const req = http(app)[e.method.toLowerCase() as 'get'](target);
      const res = await (e.body === undefined ? req : req.send(e.body as object));
      expect(res.status, `${e.method} ${target} (${e.name}): ${res.text}`).toBe(e.status);
    }
  });
});
