/**
 * Every error the toolkit answers with, each bound to exactly one HTTP status.
 * The core throws these; HTTP adapters only translate them (see `status`), so a
 * status code is decided in one place.
 */
import type { DomainErrorKind, DomainField, DomainReason } from './units.ts';

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

/**
 * 503: the mock's own storage failed, so a change could not be made durable and was not made.
 * Not a malformed request (OU-E4 does not cover it): the client may retry after `retryAfterS`.
 */
export class StorageError extends OuError {
  readonly status = 503;
  readonly retryAfterS = 5;
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
}

/**
 * A domain failure in neutral terms (units.ts): a kind, a stable reason and the neutral field
 * at fault. No status code and no wire wording: each dialect renders it in its own shape.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly reason: DomainReason,
    message: string,
    readonly field?: DomainField,
  ) {
    super(message);
  }
}

/** What the OU API adds to a refused BLOCK delete: how to delete anyway (OU-D2). */
const STRATEGY_HINT = '; use MOVE_UP or CASCADE';

/** A DomainError as the OU API's typed error: one status per kind (OU-E3, OU-E4). */
export function toOuError(err: DomainError): OuError {
  switch (err.kind) {
    case 'not_found':
      return new NotFoundError(err.message);
    case 'conflict':
      return new ConflictError(err.reason === 'has_children' || err.reason === 'has_users' ? err.message + STRATEGY_HINT : err.message);
    case 'invalid':
      return ValidationError.field(['body', ...(err.field === undefined ? [] : [err.field])], err.message, 'value_error');
    case 'unavailable':
      return new StorageError(err.message);
  }
}
