import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../dialect-contracts.ts';
import { contractOf, documentSchemas, formatErrors, loadDocument, sharedAjv, type OpenApiDocument } from '../index.ts';

describe.each(Object.entries(DIALECT_CONTRACT_PATHS))('the schemas of the %s contract', (_dialect, path) => {
  const contract = contractOf(loadDocument(path));

  it('every example of a request body or response validates against its schema, compiled from the document', () => {
    let checked = 0;
    for (const op of contract.operations) {
      const contents = [op.requestBody?.json, ...[...op.responses.values()].map((r) => r.json)];
      for (const json of contents) {
        if (json?.schema === undefined) continue;
        const validate = contract.schemas.at(json.schema.pointer);
        for (const [name, value] of json.examples) {
          expect(validate(value) ? [] : formatErrors(validate.errors), `${op.id} example ${name}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('an answer of the wrong shape fails every object response schema, naming what is wrong', () => {
    let checked = 0;
    for (const op of contract.operations) {
      for (const response of op.responses.values()) {
        const schema = response.json?.schema;
        if (schema?.schema['type'] !== 'object') continue;
        const validate = contract.schemas.at(schema.pointer);
        expect(validate(42), `${op.id} ${response.status}`).toBe(false);
        expect(formatErrors(validate.errors)).toContain('(body) must be object');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('compiles each location once per document', () => {
    const [op] = contract.operations;
    const pointer = [...(op?.responses.values() ?? [])].find((r) => r.json?.schema)?.json?.schema?.pointer;
    expect(contract.schemas.at(pointer)).toBe(contract.schemas.at(pointer));
    expect(documentSchemas(contract.document)).toBe(contract.schemas);
  });
});

describe('the one Ajv setup', () => {
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: {
      schemas: {
        Id: { type: 'string', format: 'uuid' },
        Page: { type: 'object', properties: { page: { type: 'integer', format: 'int32' }, id: { $ref: '#/components/schemas/Id' } }, additionalProperties: false },
        Name: { type: ['string', 'null'], minLength: 1 },
      },
    },
  };

  it('JSON Schema 2020-12 as OpenAPI 3.1 writes it: type arrays with null, formats, OAS formats, refs inside the document', () => {
    const page = documentSchemas(doc).at('/components/schemas/Page');
    expect(page({ page: 3, id: '6f1c0d9e-8d1b-4a57-9f0e-2b1a7c3d4e5f' })).toBe(true);
    expect(page({ id: 'not-a-uuid' })).toBe(false);
    expect(formatErrors(page.errors)).toEqual(['/id must match format "uuid"']);
    expect(page({ page: 2 ** 31 })).toBe(false);
    expect(page({ extra: 1 })).toBe(false);
    expect(formatErrors(page.errors)).toEqual(['(body) must NOT have additional properties (extra)']);
    const name = documentSchemas(doc).at('/components/schemas/Name');
    expect([name(null), name('a'), name(''), name(5)]).toEqual([true, true, false, false]);
  });

  it('one set of validators per document and mode: formats off, coercion on', () => {
    expect(documentSchemas(doc)).toBe(documentSchemas(doc));
    expect(documentSchemas(doc, { validateFormats: false })).not.toBe(documentSchemas(doc));
    expect(documentSchemas(doc, { validateFormats: false }).at('/components/schemas/Id')('not-a-uuid')).toBe(true);
    const coerced: Record<string, unknown> = { page: '7' };
    expect(documentSchemas(doc, { coerceTypes: true }).at('/components/schemas/Page')(coerced)).toBe(true);
    expect(coerced).toEqual({ page: 7 });
    expect(documentSchemas(doc).at('/components/schemas/Page')({ page: '7' })).toBe(false);
  });

  it('a schema that cannot be compiled throws, naming the ref; no schema documented accepts anything', () => {
    const broken = { ...doc, components: { schemas: { A: { $ref: '#/components/schemas/Missing' } } } };
    expect(() => documentSchemas(broken).at('/components/schemas/A')).toThrow("can't resolve reference #/components/schemas/Missing");
    expect(documentSchemas(doc).at(undefined)({ anything: true })).toBe(true);
  });

  it('stand-alone schemas share one instance per mode', () => {
    expect(sharedAjv({ coerceTypes: true })).toBe(sharedAjv({ coerceTypes: true }));
    expect(sharedAjv({ coerceTypes: true })).not.toBe(sharedAjv());
  });
});
