import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../dialect-contracts.ts';
import { contractOf, HTTP_METHODS, loadDocument, operationsOf, type OpenApiDocument } from '../index.ts';

const CONTRACTS = Object.entries(DIALECT_CONTRACT_PATHS);

describe.each(CONTRACTS)('the operations of the %s contract', (_dialect, path) => {
  const doc = loadDocument(path);
  const ops = operationsOf(doc);

  it('lists every operation of the document, each with its operationId, once, paths in document order', () => {
    const written = Object.entries(doc.paths).flatMap(([template, item]) =>
      HTTP_METHODS.flatMap((method) => {
        const op = item[method] as { operationId?: string } | undefined;
        return op === undefined ? [] : [`${template} ${String(op.operationId)}`];
      }),
    );
    expect(ops.map((op) => `${op.pathTemplate} ${op.id}`)).toEqual(written);
    expect(ops.every((op) => op.operationId === op.id)).toBe(true);
    expect(operationsOf(doc)).toBe(ops);
  });

  it('resolves every parameter, body, response and header: no $ref is left at their top', () => {
    for (const op of ops) {
      for (const p of op.parameters) expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
      for (const p of op.parameters) expect(p.schema.schema).not.toHaveProperty('$ref');
      for (const r of op.responses.values()) {
        expect(r.json?.schema?.schema ?? {}).not.toHaveProperty('$ref');
        for (const h of r.headers) expect(h.schema.schema).not.toHaveProperty('$ref');
      }
      expect(op.requestBody?.json?.schema?.schema ?? {}).not.toHaveProperty('$ref');
    }
  });

  it('routes a concrete request for every operation back to it', () => {
    const { router } = contractOf(doc);
    for (const op of ops) {
      const concrete = op.pathTemplate.replace(/\{[^}]+\}/g, 'x1');
      const m = router.match(op.method, concrete);
      expect(m.kind === 'route' && m.value.id, `${op.method} ${concrete}`).toBe(op.id);
    }
  });
});

describe('what the operations read', () => {
  it('merges path-level parameters with the operation\'s (idaas instanceId/applicationId on every operation)', () => {
    for (const op of operationsOf(loadDocument(DIALECT_CONTRACT_PATHS.idaas))) {
      expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name).slice(0, 2)).toEqual(['instanceId', 'applicationId']);
    }
  });

  it('takes the effective security: the operation\'s scopes, else the document\'s requirement', () => {
    const v2 = contractOf(loadDocument(DIALECT_CONTRACT_PATHS['orgunit-v2']));
    expect(v2.operation('createOrgUnit')?.scopes).toEqual(['ous:write']);
    const ad = contractOf(loadDocument(DIALECT_CONTRACT_PATHS.admanager));
    expect(ad.operation('listAdOus')?.scopes).toEqual([]);
  });

  it('keeps where a $ref\'d response stands, its examples and the ref of a body schema', () => {
    const ou = contractOf(loadDocument(DIALECT_CONTRACT_PATHS['ou-api'])).operation('createOu');
    expect(ou?.requestBody).toMatchObject({ required: true, json: { mediaType: 'application/json', schema: { ref: '#/components/schemas/OUCreate' } } });
    expect(ou?.responses.get('404')?.json?.schema?.pointer).toMatch(/^\/components\/responses\/[^/]+\/content\/application~1json\/schema$/);
    expect(ou?.responses.get('201')?.json?.examples.size).toBeGreaterThan(0);
  });

  it('names an operation without operationId by method and template, and lets an operation parameter override the path\'s', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      security: [{ key: ['read'] }],
      paths: {
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'q', in: 'query', schema: { type: 'string' } }],
          get: { parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'integer' } }], responses: { '204': { description: 'none' } } },
        },
      },
      components: { schemas: {} },
    };
    const [op] = operationsOf(doc);
    expect(op).toMatchObject({ id: 'GET /things/{id}', operationId: undefined, scopes: ['read'] });
    expect(op?.parameters.map((p) => [p.name, p.required, p.schema.schema['type']])).toEqual([
      ['id', true, 'string'],
      ['q', true, 'integer'],
    ]);
    expect(op?.responses.get('204')).toEqual({ status: '204', json: undefined, headers: [] });
  });

  it('fails with the ref named when an operation needs a $ref that names nothing', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/x': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } },
      components: { schemas: {} },
    };
    expect(() => operationsOf(doc)).toThrow('$ref #/components/responses/Gone names nothing');
  });
});
