/**
 * The OU API's answer to every failure of a request (`DialectMock.renderError`): a host
 * failure or a DomainError of the core becomes the typed error the OU API's own pipeline
 * throws, and mock/http/errors.ts words it, so both pipelines answer byte for byte alike
 * (OU-E3 HTTPValidationError, OU-E4 `{"detail"}`, RFC 6750 headers, `Allow`, `Retry-After`).
 */
import { DomainError } from '../../mock/core/index.ts';
import type { Defects } from '../../mock/defects.ts';
import { INSUFFICIENT_SCOPE, toResponse } from '../../mock/http/errors.ts';
import {
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  OuError,
  PayloadTooLargeError,
  StorageError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldIssue,
} from '../../mock/http/typed-errors.ts';
import type { DialectEnv, DialectRequest, DialectResponse, HostFailure, RequestIssue } from '../types.ts';
import { toOuError } from './render.ts';

/** The pydantic word for a JSON Schema type, as the contract adapter (openapi-adapter.ts) reports it. */
const TYPE_WORDS: ReadonlyArray<[phrase: string, type: string, parsesFromText: boolean]> = [
  ['a valid string', 'string_type', false],
  ['a valid integer', 'int', true],
  ['a valid number', 'float', true],
  ['a valid boolean', 'bool', true],
  ['a valid dictionary', 'dict_type', false],
  ['a valid list', 'list_type', false],
  ['None', 'none_required', false],
];

const TYPE_OF_KEYWORD: Readonly<Record<string, string>> = {
  required: 'missing',
  minLength: 'string_too_short',
  maxLength: 'string_too_long',
  pattern: 'string_pattern_mismatch',
  minimum: 'greater_than_equal',
  maximum: 'less_than_equal',
  exclusiveMinimum: 'greater_than',
  exclusiveMaximum: 'less_than',
  enum: 'enum',
  additionalProperties: 'extra_forbidden',
  minItems: 'too_short',
  maxItems: 'too_long',
};

/** The pydantic error type of a contract issue (the adapter's vocabulary, which the OU API answers with). */
function issueType(issue: RequestIssue): string {
  if (issue.keyword !== 'type') return TYPE_OF_KEYWORD[issue.keyword] ?? 'value_error';
  const found = TYPE_WORDS.find(([phrase]) => issue.message.includes(phrase));
  if (found === undefined) return 'type_error';
  const [, type, parsesFromText] = found;
  if (!parsesFromText) return type;
  // Query, path and header values arrive as text: a wrong one failed to parse.
  return `${type}_${issue.in === 'body' ? 'type' : 'parsing'}`;
}

function fieldIssue(issue: RequestIssue): FieldIssue {
  return { loc: [issue.in, ...issue.loc], msg: issue.message, type: issueType(issue) };
}

/**
 * The typed error the OU API's pipeline throws for a host failure, rebuilt from the failure's
 * neutral fields when the host passed no `source`: exact for every kind the host decides itself
 * (routes, tenant, scopes, contract issues, faults); the wording of a body or storage problem
 * the host only names is the OU API's general one.
 */
function typedError(failure: HostFailure, req: DialectRequest | undefined): OuError | DialectResponse {
  switch (failure.kind) {
    case 'unauthorized':
      return new UnauthorizedError(failure.message);
    case 'forbidden':
      return new ForbiddenError(failure.message, failure.reason === 'scope' ? { cause: INSUFFICIENT_SCOPE } : undefined);
    case 'route_not_found':
      return new NotFoundError('Not Found');
    case 'method_not_allowed':
      return new MethodNotAllowedError(`Method ${req?.method ?? ''} not allowed`, failure.allow);
    case 'too_large':
      return new PayloadTooLargeError(`Request body is over ${failure.limitBytes} bytes`);
    case 'unsupported_media_type':
      return new UnsupportedMediaTypeError('Content-Type must be application/json');
    case 'malformed_body':
      return new ValidationError([{ loc: ['body'], msg: failure.message, type: 'json_invalid' }]);
    case 'invalid_request':
      return new ValidationError(failure.issues.map(fieldIssue));
    case 'tenant_not_found':
      return new NotFoundError(`Tenant ${failure.tenantId} not found`);
    case 'unavailable':
      return new StorageError('The mock could not log the change to its state file, so nothing was changed');
    case 'injected':
      return { status: failure.status, body: { detail: failure.message ?? `Injected fault (status ${failure.status})` } };
  }
}

/**
 * The OU API's answer to a failure. The host's own typed error, when it passes it (`source`),
 * is answered as is: the two pipelines then share every word.
 *
 * @example
 * renderOuError({ kind: 'tenant_not_found', tenantId: 'zz' }, undefined); // { status: 404, body: { detail: 'Tenant zz not found' }, headers: {} }
 */
export function renderOuError(err: HostFailure | DomainError, req: DialectRequest | undefined, env?: DialectEnv): DialectResponse {
  const defects = (env?.defects ?? new Set()) as Defects;
  const typed = err instanceof DomainError ? toOuError(err) : err.source instanceof OuError ? err.source : typedError(err, req);
  if (!(typed instanceof OuError)) return typed;
  const { status, headers, body } = toResponse(typed, defects);
  return { status, headers, body };
}
