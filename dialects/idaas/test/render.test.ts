import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../mock/core/errors.ts';
import type { DialectRequest, HostFailure } from '../../types.ts';
import { renderError } from '../render.ts';
import { schemaErrors } from './contract.ts';

const req = { requestId: 'req-1' } as DialectRequest;

describe('idaas renderError: {requestId, code, message} with the page statuses (ID-E1)', () => {
  it.each<[string, HostFailure | DomainError, number, string]>([
    ['no token', { kind: 'unauthorized', message: 'Token is malformed' }, 401, 'InvalidToken'],
    ['another instance', { kind: 'forbidden', message: 'x', reason: 'tenant' }, 403, 'Forbidden'],
    ['missing scope', { kind: 'forbidden', message: 'ous:write needed', reason: 'scope' }, 403, 'Forbidden'],
    ['unknown instance', { kind: 'tenant_not_found', tenantId: 'nope' }, 404, 'EntityNotExists.OrganizationalUnit'],
    ['missing name', { kind: 'invalid_request', issues: [{ in: 'body', loc: ['organizationalUnitName'], keyword: 'required', message: 'Field required' }] }, 400, 'InvalidParameter.OrganizationalUnitName'],
    ['page size too large', { kind: 'invalid_request', issues: [{ in: 'query', loc: ['pageSize'], keyword: 'maximum', message: 'too big' }] }, 400, 'InvalidParameter.PageSize'],
    ['body not an object', { kind: 'invalid_request', issues: [{ in: 'body', loc: [], keyword: 'type', message: 'not an object' }] }, 400, 'InvalidParameter.Body'],
    ['not JSON', { kind: 'malformed_body', message: 'Unexpected token' }, 400, 'InvalidParameter.Body'],
    ['too large', { kind: 'too_large', limitBytes: 1024 }, 400, 'InvalidParameter.Body'],
    ['unknown unit', new DomainError('not_found', 'unit_not_found', 'unit x not found', 'id'), 404, 'EntityNotExists.OrganizationalUnit'],
    ['unknown parent', new DomainError('not_found', 'parent_not_found', 'parent x not found', 'parent'), 404, 'EntityNotExists.OrganizationalUnit'],
    ['sibling name', new DomainError('conflict', 'name_taken', 'taken', 'name'), 409, 'EntityAlreadyExists.OrganizationalUnit.Name'],
    ['external id', new DomainError('conflict', 'external_id_taken', 'taken', 'externalId'), 409, 'EntityAlreadyExists.OrganizationalUnit.ExternalId'],
    ['children', new DomainError('conflict', 'has_children', 'has children'), 409, 'OperationConflict.OrganizationalUnit'],
    ['users', new DomainError('conflict', 'has_users', 'has users'), 409, 'OperationConflict.OrganizationalUnit'],
    ['protected', new DomainError('conflict', 'protected', 'protected'), 409, 'OperationConflict.OrganizationalUnit'],
    ['blank name', new DomainError('invalid', 'name_blank', 'blank', 'name'), 400, 'InvalidParameter.OrganizationalUnitName'],
    ['slash, no field', new DomainError('invalid', 'name_slash', 'has a slash'), 400, 'InvalidParameter.OrganizationalUnitName'],
    ['bad parent', new DomainError('invalid', 'bad_value', 'bad', 'parent'), 400, 'InvalidParameter.ParentId'],
  ])('%s → %i %s', (_what, err, status, code) => {
    const res = renderError(err, req);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ requestId: 'req-1', code, message: expect.any(String) });
    expect((res.body as { message: string }).message).not.toBe('');
  });

  it('a storage failure of the mock is 503 ServiceUnavailable with Retry-After, as in every dialect (no 409: that is a business conflict)', () => {
    const res = renderError({ kind: 'unavailable', retryAfterS: 7 }, req);
    expect(res).toEqual({ status: 503, headers: { 'Retry-After': '7' }, body: { requestId: 'req-1', code: 'ServiceUnavailable', message: 'The change could not be stored and was not made; retry after 7 s.' } });
  });

  it('an injected 405 or 503 carries the code of the real answer of that status', () => {
    expect(renderError({ kind: 'injected', status: 405 }, req).body).toMatchObject({ code: 'InvalidAction.NotFound' });
    expect(renderError({ kind: 'injected', status: 503 }, req).body).toMatchObject({ code: 'ServiceUnavailable' });
  });

  it('names every issue in the message, the field in the page casing', () => {
    const res = renderError({ kind: 'invalid_request', issues: [
      { in: 'body', loc: ['parentId'], keyword: 'required', message: 'Field required' },
      { in: 'body', loc: ['organizationalUnitName'], keyword: 'type', message: 'Input should be a valid string' },
    ] }, req);
    expect(res.body).toMatchObject({ code: 'InvalidParameter.ParentId', message: 'parentId: Field required; organizationalUnitName: Input should be a valid string' });
  });

  it('a request id is made when the failure came before the request was read', () => {
    const res = renderError({ kind: 'unauthorized', message: 'no token' }, undefined);
    expect((res.body as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('rendered errors match IdaasError of contracts/idaas.yaml', () => {
  it('every class (and the validator refuses a body without the shape)', () => {
    expect(schemaErrors('IdaasError', { message: 'x' })).not.toEqual([]);
    for (const err of [new DomainError('conflict', 'name_taken', 'x'), { kind: 'unauthorized', message: 'x' } as const, { kind: 'malformed_body', message: 'x' } as const]) {
      expect(schemaErrors('IdaasError', renderError(err, req).body)).toEqual([]);
    }
  });
});
