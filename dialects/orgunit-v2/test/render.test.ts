import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../mock/core/errors.ts';
import type { DomainReason } from '../../../mock/core/units.ts';
import type { HostFailure } from '../../types.ts';
import { labelOf, renderError, validationFailed } from '../render.ts';

describe('renderError: Yii2 shapes and statuses (V2-E1)', () => {
  const host: Array<[HostFailure, number]> = [
    [{ kind: 'unauthorized', message: 'Token has expired' }, 401],
    [{ kind: 'forbidden', message: 'The token lacks the scope ous:write.', reason: 'scope' }, 403],
    [{ kind: 'route_not_found' }, 404],
    [{ kind: 'method_not_allowed', allow: ['GET'] }, 405],
    [{ kind: 'too_large', limitBytes: 1024 }, 413],
    [{ kind: 'unsupported_media_type' }, 415],
    [{ kind: 'malformed_body', message: 'Syntax error.' }, 400],
    [{ kind: 'tenant_not_found', tenantId: 'nope' }, 404],
    [{ kind: 'unavailable', retryAfterS: 5 }, 503],
    [{ kind: 'injected', status: 502 }, 502],
  ];
  it.each(host)('%o answers %i with {name, message, code: 0, status}', (failure, status) => {
    const res = renderError(failure);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code: 0, status, name: expect.any(String), message: expect.any(String) });
  });

  it('401 carries the Bearer challenge and never the host reason; 405 carries Allow', () => {
    const res = renderError({ kind: 'unauthorized', message: 'Token signature is invalid' });
    expect(res.headers?.['WWW-Authenticate']).toMatch(/^Bearer/);
    expect(res.body).toEqual({ name: 'Unauthorized', message: 'Your request was made with invalid credentials.', code: 0, status: 401 });
    expect(renderError({ kind: 'method_not_allowed', allow: ['GET', 'PUT'] }).headers?.['Allow']).toBe('GET, PUT');
  });

  it('contract issues answer 422, one item per field named as in the request; a body that is no object answers 400', () => {
    const res = renderError({
      kind: 'invalid_request',
      issues: [
        { in: 'body', loc: ['per-page'], message: 'must be <= 100', keyword: 'maximum' },
        { in: 'body', loc: ['per-page'], message: 'must be integer', keyword: 'type' },
        { in: 'body', loc: ['filter', 'names'], message: 'must NOT have additional properties', keyword: 'additionalProperties' },
        { in: 'query', loc: ['force'], message: 'must be boolean', keyword: 'type' },
      ],
    });
    expect(res.status).toBe(422);
    expect((res.body as Array<{ field: string }>).map((i) => i.field)).toEqual(['per-page', 'filter.names', 'force']);
    const missing = renderError({ kind: 'invalid_request', issues: [{ in: 'body', loc: ['code'], message: 'Field required', keyword: 'required' }] });
    expect(missing.body).toEqual([{ field: 'code', message: 'Code cannot be blank.' }]);
    const notObject = renderError({ kind: 'invalid_request', issues: [{ in: 'body', loc: [], message: 'must be object', keyword: 'type' }] });
    expect(notObject).toMatchObject({ status: 400, body: { name: 'Bad Request', code: 0, status: 400 } });
  });

  const domain: Array<[DomainReason, number, string | undefined]> = [
    ['unit_not_found', 404, undefined],
    ['parent_not_found', 422, 'parent_org_unit_id'],
    ['name_taken', 422, 'name'],
    ['code_taken', 422, 'code'],
    ['cycle', 422, 'parent_org_unit_id'],
    ['name_blank', 422, 'name'],
    ['name_too_long', 422, 'name'],
    ['name_slash', 422, 'name'],
    ['protected', 409, undefined],
    ['has_children', 409, undefined],
  ];
  it.each(domain)('DomainError %s answers %i (field %s)', (reason, status, field) => {
    const res = renderError(new DomainError('conflict', reason, 'neutral text'));
    expect(res.status).toBe(status);
    if (field === undefined) expect(res.body).toMatchObject({ code: 0, status });
    else expect(res.body).toEqual([{ field, message: expect.any(String) }]);
  });

  it('bad_value names the wire field of the neutral one', () => {
    expect(renderError(new DomainError('invalid', 'bad_value', 'too long', 'code')).body).toEqual([{ field: 'code', message: 'Code is invalid: too long' }]);
  });

  it('labels follow Yii2 and the first message of a field wins', () => {
    expect(labelOf('parent_org_unit_id')).toBe('Parent Org Unit ID');
    expect(labelOf('per-page')).toBe('Per Page');
    expect(validationFailed([{ field: 'a', message: 'one' }, { field: 'a', message: 'two' }]).body).toEqual([{ field: 'a', message: 'one' }]);
  });
});
