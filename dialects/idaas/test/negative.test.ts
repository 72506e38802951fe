import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../../mock/core/directory.ts';
import { DomainError } from '../../../mock/core/errors.ts';
import { HostError } from '../../types.ts';
import type { DialectRequest } from '../../types.ts';
import { HANDLERS } from '../handlers.ts';
import { renderError } from '../render.ts';
import { schemaErrors } from './contract.ts';

/** Values a client may send where a string, a number or an object is expected. */
const value = fc.oneof(fc.jsonValue(), fc.constantFrom('ou_root', '', ' ', '/', 'a/b', 'x'.repeat(300), '-1', '0', '101', '1e3'));
const body = fc.oneof(fc.constant(undefined), value, fc.dictionary(fc.constantFrom('organizationalUnitName', 'parentId', 'organizationalUnitExternalId', 'description', 'organizationalUnitSourceType', 'organizationalUnitSourceId', 'other'), value));
const query = fc.dictionary(fc.constantFrom('parentId', 'pageNumber', 'pageSize', 'other'), value);

describe('idaas handlers on any input (ID-E1: never a 5xx, errors in the shape; a failed request changes nothing)', () => {
  it.each(Object.keys(HANDLERS))('%s', (operationId) => {
    const dir = new Directory();
    const acme = dir.createTenant('acme');
    const known = acme.createUnit({ name: 'Known' }).id;
    const unitId = fc.oneof(fc.constantFrom(known, 'ou_root', 'missing', ''), fc.string());
    fc.assert(
      fc.property(unitId, query, body, (id, q, b) => {
        const before = JSON.stringify(acme.queryUnits().items);
        const req: DialectRequest = {
          operationId, method: 'X', pathname: '/', params: { instanceId: 'acme', applicationId: 'app', organizationalUnitId: id },
          query: q, rawQuery: '', headers: {}, body: b, requestId: 'r', claims: undefined,
        };
        let status: number;
        let answer: unknown;
        try {
          ({ status, body: answer } = (HANDLERS[operationId] as NonNullable<(typeof HANDLERS)[string]>)(acme, req, { directory: dir, clock: () => new Date(), defects: new Set() }));
        } catch (err) {
          if (!(err instanceof DomainError) && !(err instanceof HostError)) throw err;
          ({ status, body: answer } = renderError(err instanceof HostError ? err.failure : err, req));
          expect(schemaErrors('IdaasError', answer)).toEqual([]);
          expect(JSON.stringify(acme.queryUnits().items), 'a refused request changes nothing').toBe(before);
        }
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});
