/**
 * Typed error -> HTTP response, in one place. Every status and body shape the mock
 * answers with for a failure is decided here (OU-E3, OU-E4).
 */
import { DomainError } from '../core/index.ts';
import { toOuError } from '../../dialects/ou-api/render.ts';
import {
  ForbiddenError,
  MethodNotAllowedError,
  OuError,
  StorageError,
  UnauthorizedError,
  ValidationError,
} from './typed-errors.ts';
import type { Defects } from '../defects.ts';
import { NO_DEFECTS } from '../defects.ts';

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** `cause` values auth.ts sets so the `WWW-Authenticate` header can carry an RFC 6750 error code. */
export const INVALID_TOKEN = 'invalid_token';
export const INSUFFICIENT_SCOPE = 'insufficient_scope';

const REALM = 'Bearer realm="ou-mock"';

function quoted(text: string): string {
  return text.replace(/["\\]/g, '').replace(/[^\x20-\x7e]/g, '?');
}

function authHeaders(err: OuError): Record<string, string> {
  if (err instanceof UnauthorizedError) {
    const code = err.cause === INVALID_TOKEN ? `, error="${INVALID_TOKEN}"` : '';
    return { 'WWW-Authenticate': `${REALM}${code}, error_description="${quoted(err.message)}"` };
  }
  if (err instanceof ForbiddenError && err.cause === INSUFFICIENT_SCOPE) {
    return { 'WWW-Authenticate': `${REALM}, error="${INSUFFICIENT_SCOPE}", error_description="${quoted(err.message)}"` };
  }
  return {};
}

/**
 * The response for any thrown value. Our typed errors keep their status; anything else
 * is a bug in the mock and answers 500 without leaking its message.
 *
 * @example
 * toResponse(new NotFoundError('OU x not found')); // { status: 404, headers: {}, body: { detail: 'OU x not found' } }
 */
export function toResponse(thrown: unknown, defects: Defects = NO_DEFECTS): ErrorResponse {
  // The core's neutral errors answer in the OU API's shape (the admin API shares it).
  const err = thrown instanceof DomainError ? toOuError(thrown) : thrown;
  if (!(err instanceof OuError)) {
    return { status: 500, headers: {}, body: { detail: 'Internal server error' } };
  }
  if (err instanceof ValidationError) {
    // Defect validation-error-shape (OU-E3): a flat {"error"} body instead of HTTPValidationError.
    const body = defects.has('validation-error-shape') ? { error: err.message } : { detail: err.issues };
    return { status: 422, headers: {}, body };
  }
  const headers: Record<string, string> =
    err instanceof MethodNotAllowedError
      ? { Allow: err.allow.join(', ') }
      : err instanceof StorageError
        ? { 'Retry-After': String(err.retryAfterS) }
        : authHeaders(err);
  // Defect error-detail-shape (OU-E4): 404/409 bodies use "message" instead of "detail".
  const wrongKey = defects.has('error-detail-shape') && (err.status === 404 || err.status === 409);
  const body = wrongKey ? { message: err.message } : { detail: err.message };
  return { status: err.status, headers, body };
}

