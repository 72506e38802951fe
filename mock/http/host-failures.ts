/**
 * The typed errors of the host's shared steps (body reading, contract validation, `Prefer`,
 * tokens, the write-ahead log) turned into the neutral `HostFailure`s a dialect renders.
 * What is neither a failure nor a DomainError is a bug of the mock, answered 500 by the host.
 */
import { HostError } from '../../dialects/types.ts';
import type { HostFailure, RequestIssue } from '../../dialects/types.ts';
import { DomainError } from '../core/index.ts';
import {
  PayloadTooLargeError,
  StorageError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './typed-errors.ts';
import type { FieldIssue } from './typed-errors.ts';

/**
 * The JSON Schema keyword behind each issue type the contract adapter words (openapi-adapter.ts
 * speaks pydantic's vocabulary, which the OU API answers with).
 */
const KEYWORD_OF_TYPE: Readonly<Record<string, string>> = {
  missing: 'required',
  string_too_short: 'minLength',
  string_too_long: 'maxLength',
  string_pattern_mismatch: 'pattern',
  greater_than_equal: 'minimum',
  less_than_equal: 'maximum',
  greater_than: 'exclusiveMinimum',
  less_than: 'exclusiveMaximum',
  enum: 'enum',
  extra_forbidden: 'additionalProperties',
  too_short: 'minItems',
  too_long: 'maxItems',
};

const PARTS: ReadonlySet<string> = new Set(['path', 'query', 'header', 'body']);

function keywordOf(type: string): string {
  if (/_(type|parsing)$/.test(type) || type === 'none_required') return 'type';
  return KEYWORD_OF_TYPE[type] ?? type;
}

/** A contract issue (`loc` = [part, ...keys]) in the request's own terms. */
export function requestIssue(issue: FieldIssue): RequestIssue {
  const [part, ...keys] = issue.loc;
  const known = typeof part === 'string' && PARTS.has(part);
  return {
    in: known ? (part as RequestIssue['in']) : 'body',
    loc: known ? keys : issue.loc,
    message: issue.msg,
    keyword: keywordOf(issue.type),
  };
}

/** A body the host could not read as JSON: not JSON at all, or nested too deep to handle. */
function isMalformedBody(err: ValidationError): boolean {
  return err.issues.length === 1 && err.issues[0]?.loc[0] === 'body' && (err.issues[0].type === 'json_invalid' || err.issues[0].loc.length === 1);
}

/**
 * What a thrown value means for the dialect that answers: a HostFailure, the DomainError
 * itself, or undefined for an unexpected error (a bug: 500).
 */
export function failureOf(err: unknown, bodyLimitBytes: number): HostFailure | DomainError | undefined {
  if (err instanceof HostError) return err.failure;
  if (err instanceof DomainError) return err;
  const failure = typedFailure(err, bodyLimitBytes);
  // The typed error goes along: a dialect answering in the mock's historic shape (ou-api) words it as is.
  return failure === undefined ? undefined : { ...failure, source: err as Error };
}

function typedFailure(err: unknown, bodyLimitBytes: number): HostFailure | undefined {
  if (err instanceof UnauthorizedError) return { kind: 'unauthorized', message: err.message };
  if (err instanceof PayloadTooLargeError) return { kind: 'too_large', limitBytes: bodyLimitBytes };
  if (err instanceof UnsupportedMediaTypeError) return { kind: 'unsupported_media_type' };
  if (err instanceof StorageError) return { kind: 'unavailable', retryAfterS: err.retryAfterS };
  if (err instanceof ValidationError) {
    if (isMalformedBody(err)) return { kind: 'malformed_body', message: err.issues[0]?.msg ?? err.message };
    return { kind: 'invalid_request', issues: err.issues.map(requestIssue) };
  }
  return undefined;
}
