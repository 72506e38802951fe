/**
 * The typed errors of the mock's HTTP side, each bound to exactly one HTTP status. The OU API
 * (dialects/ou-api), the admin API and the host throw these; errors.ts turns them into
 * responses, so a status code is decided in one place. The domain core never sees them: it
 * throws neutral DomainErrors (mock/core/errors.ts) that each dialect renders.
 */
import type { SnapshotError } from '../core/errors.ts';

export type Loc = ReadonlyArray<string | number>;

export interface FieldIssue {
  loc: Loc;
  msg: string;
  type: string;
}

export abstract class OuError extends Error {
  abstract readonly status: number;
}

/** 401: no, malformed, badly signed, expired or unsigned token (OU-A1). */
export class UnauthorizedError extends OuError {
  readonly status = 401;
}

/** 403: a valid token that may not do this (other tenant OU-A2, missing scope OU-A3). */
export class ForbiddenError extends OuError {
  readonly status = 403;
}

/** 404: unknown OU, user, tenant or route; also an id of another tenant (OU-T1). */
export class NotFoundError extends OuError {
  readonly status = 404;
}

/** 405: a route that exists, with a method it does not have. */
export class MethodNotAllowedError extends OuError {
  readonly status = 405;
  constructor(message: string, readonly allow: readonly string[]) {
    super(message);
  }
}

/** 409: the change would break an invariant (sibling names, cycles, BLOCK). */
export class ConflictError extends OuError {
  readonly status = 409;
}

/** 413: request body over the size limit. */
export class PayloadTooLargeError extends OuError {
  readonly status = 413;
}

/** 415: a body that is not JSON. */
export class UnsupportedMediaTypeError extends OuError {
  readonly status = 415;
}

/** Seconds a client is told to wait (`Retry-After`) when the mock is unavailable or asked to say so. */
export const RETRY_AFTER_S = 5;

/**
 * 503: the mock's own storage failed, so a change could not be made durable and was not made.
 * Not a malformed request (OU-E4 does not cover it): the client may retry after `retryAfterS`.
 */
export class StorageError extends OuError {
  readonly status = 503;
  readonly retryAfterS = RETRY_AFTER_S;
}

/** 422: the request breaks the parameter or body schema (OU-E3); carries the field issues. */
export class ValidationError extends OuError {
  readonly status = 422;
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    super(issues.map((i) => `${i.loc.join('.')}: ${i.msg}`).join('; '));
    this.issues = issues;
  }

  static field(loc: Loc, msg: string, type = 'value_error'): ValidationError {
    return new ValidationError([{ loc, msg, type }]);
  }

  /** A snapshot the core refused, its items located from `prefix` (e.g. ['body'] for an uploaded one). */
  static fromSnapshot(err: SnapshotError, prefix: Loc = []): ValidationError {
    return new ValidationError(err.issues.map((i) => ({ loc: [...prefix, ...i.at], msg: i.message, type: i.code })));
  }
}
