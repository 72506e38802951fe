/** Every failure in the page's error shape and status (AD-E1). */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../mock/core/errors.ts';
import type { DialectRequest, HostFailure } from '../../types.ts';
import { AdInputError, renderAdError } from '../render.ts';

const req = { query: { domains: 'globex.example.com' } } as unknown as DialectRequest;

describe('renderAdError', () => {
  it.each<[HostFailure, number, string]>([
    [{ kind: 'unauthorized', message: 'expired' }, 401, '00000101'],
    [{ kind: 'forbidden', message: 'x', reason: 'tenant' }, 403, '00000106'],
    [{ kind: 'forbidden', message: 'the token lacks scope ous:write', reason: 'scope' }, 403, '00000106'],
    [{ kind: 'route_not_found' }, 404, '00000104'],
    [{ kind: 'method_not_allowed', allow: ['GET', 'PATCH'] }, 405, '00000105'],
    [{ kind: 'unsupported_media_type' }, 415, '00000103'],
    [{ kind: 'too_large', limitBytes: 1024 }, 400, '00000107'],
    [{ kind: 'malformed_body', message: 'Unexpected token' }, 400, '00000107'],
    [{ kind: 'invalid_request', issues: [{ in: 'query', loc: ['from'], message: 'must be >= 1', keyword: 'minimum' }] }, 400, '00000107'],
    [{ kind: 'tenant_not_found', tenantId: 'nope' }, 400, '00000107'],
    [{ kind: 'injected', status: 404 }, 404, '00000104'],
  ])('%j → %i %s', (failure, status, code) => {
    const res = renderAdError(failure, req);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code });
    expect(Object.keys(res.body as object).sort()).toEqual(['code', 'detail', 'title']);
  });

  it("uses the page's wording for 401 and names the domain in a 403", () => {
    expect(renderAdError({ kind: 'unauthorized', message: 'x' }, req).body).toEqual({ code: '00000101', detail: 'The given Authtoken is invalid.', title: 'Unauthorized.' });
    expect(renderAdError({ kind: 'forbidden', message: 'x', reason: 'tenant' }, req).body).toMatchObject({ detail: 'You are not allowed to access the domain globex.example.com.', title: 'Forbidden.' });
  });

  it('says which parameter is invalid, and sends Allow with a 405', () => {
    const res = renderAdError({ kind: 'invalid_request', issues: [{ in: 'query', loc: ['limit'], message: 'must be <= 1000', keyword: 'maximum' }] }, req);
    expect(res.body).toMatchObject({ detail: 'Invalid parameter limit: must be <= 1000', title: 'Invalid Parameter.' });
    expect(renderAdError({ kind: 'method_not_allowed', allow: ['GET', 'PATCH'] }, req).headers).toEqual({ Allow: 'GET, PATCH' });
  });

  it('renders domain errors without a 5xx unless storage failed', () => {
    expect(renderAdError(new DomainError('not_found', 'unit_not_found', 'no such OU'), req).status).toBe(404);
    expect(renderAdError(new DomainError('conflict', 'name_taken', 'taken'), req)).toMatchObject({ status: 400, body: { code: '00000107' } });
    expect(renderAdError(new DomainError('invalid', 'name_blank', 'blank', 'name'), req)).toMatchObject({ status: 400, body: { code: '00000107' } });
    expect(renderAdError(new AdInputError('Some columns given in fields parameter are invalid: "X"', '00000100'), req)).toMatchObject({ status: 400, body: { code: '00000100', title: 'Bad Request.' } });
  });
});
