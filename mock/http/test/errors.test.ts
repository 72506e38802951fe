import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../typed-errors.ts';
import { toResponse } from '../errors.ts';

describe('toResponse: one status and one body shape per typed error (OU-E3, OU-E4)', () => {
  it.each([
    [new UnauthorizedError('a'), 401],
    [new ForbiddenError('b'), 403],
    [new NotFoundError('c'), 404],
    [new ConflictError('d'), 409],
    [new PayloadTooLargeError('e'), 413],
    [new UnsupportedMediaTypeError('f'), 415],
  ])('%s -> %i {detail}', (err, status) => {
    const res = toResponse(err);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ detail: err.message });
  });

  it('405 carries Allow', () => {
    expect(toResponse(new MethodNotAllowedError('no', ['GET', 'POST']))).toEqual({ status: 405, headers: { Allow: 'GET, POST' }, body: { detail: 'no' } });
  });

  it('422 carries the issues as HTTPValidationError', () => {
    const err = ValidationError.field(['body', 'name'], 'bad', 'value_error');
    expect(toResponse(err)).toEqual({ status: 422, headers: {}, body: { detail: [{ loc: ['body', 'name'], msg: 'bad', type: 'value_error' }] } });
  });

  it('anything else is a 500 that does not leak its message', () => {
    expect(toResponse(new TypeError('secret internals'))).toEqual({ status: 500, headers: {}, body: { detail: 'Internal server error' } });
    expect(toResponse('thrown string').status).toBe(500);
  });

  it('quotes and non-ASCII never reach the WWW-Authenticate header', () => {
    const header = toResponse(new UnauthorizedError('bad "token" é')).headers['WWW-Authenticate'];
    expect(header).toBe('Bearer realm="ou-mock", error_description="bad token ?"');
  });
});
