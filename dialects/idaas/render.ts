/**
 * Every failure in the idaas error shape `{requestId, code, message}` (ID-E1). The statuses
 * are the page's: 400 `InvalidParameter.<Field>`, 401, 403, 404, 409, and 405 for a method a
 * path lacks. No request answers 5xx for what it sends; only the mock's own storage failing
 * answers 503 `ServiceUnavailable`, as in every other dialect, so a client retries it.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../mock/core/errors.ts';
import type { DomainField } from '../../mock/core/units.ts';
import type { DialectRequest, DialectResponse, HostFailure, RequestIssue } from '../types.ts';
import { CODES, invalidParameterCode } from './wire.ts';
import type { IdaasErrorBody } from './wire.ts';

/** The neutral fields of the core under their idaas parameter names. */
const PARAMETER_OF: Readonly<Record<DomainField, string>> = {
  name: 'organizationalUnitName',
  description: 'description',
  parent: 'parentId',
  externalId: 'organizationalUnitExternalId',
  id: 'organizationalUnitId',
  code: 'code',
  attributes: 'attributes',
  strategy: 'strategy',
};

/** The whole body (not JSON, too large, not an object) is the parameter at fault. */
const BODY = 'body';

function answer(status: number, code: string, message: string, req: DialectRequest | undefined, headers?: Record<string, string>): DialectResponse {
  const body: IdaasErrorBody = { requestId: req?.requestId ?? randomUUID(), code, message };
  return { status, body, ...(headers !== undefined ? { headers } : {}) };
}

/** The parameter an issue is about: the first key of its part, else the part itself. */
function parameterOf(issue: RequestIssue): string {
  const key = issue.loc[0];
  if (typeof key === 'string' && key !== '') return key;
  return issue.in === 'body' ? BODY : issue.in;
}

function invalidRequest(issues: readonly RequestIssue[], req: DialectRequest | undefined): DialectResponse {
  const first = issues[0];
  const parameter = first === undefined ? BODY : parameterOf(first);
  const message = issues.map((i) => `${[parameterOf(i), ...i.loc.slice(1)].join('.')}: ${i.message}`).join('; ');
  return answer(400, invalidParameterCode(parameter), message === '' ? `${parameter} is invalid` : message, req);
}

/** Faults injected with a bare status keep it, in this dialect's shape. */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: invalidParameterCode(BODY),
  401: CODES.invalidToken,
  403: CODES.forbidden,
  404: CODES.notFound,
  405: CODES.noSuchAction,
  409: CODES.operationConflict,
  503: CODES.serviceUnavailable,
};

function renderFailure(f: HostFailure, req: DialectRequest | undefined): DialectResponse {
  switch (f.kind) {
    case 'unauthorized':
      return answer(401, CODES.invalidToken, f.message, req);
    case 'forbidden':
      return answer(403, CODES.forbidden, f.reason === 'tenant' ? 'The token is not valid for this instance.' : f.message, req);
    case 'route_not_found':
      return answer(404, CODES.noSuchAction, 'No operation of this API has this path.', req);
    case 'method_not_allowed':
      return answer(405, CODES.noSuchAction, `This path allows ${f.allow.join(', ')}.`, req, { Allow: f.allow.join(', ') });
    // The page's 400 covers a parameter that is missing, of the wrong type or too long: the body is that parameter here.
    case 'too_large':
      return answer(400, invalidParameterCode(BODY), `The request body is larger than ${f.limitBytes} bytes.`, req);
    case 'unsupported_media_type':
      return answer(400, invalidParameterCode(BODY), 'The request body must be JSON (Content-Type: application/json).', req);
    case 'malformed_body':
      return answer(400, invalidParameterCode(BODY), `The request body is not valid JSON: ${f.message}`, req);
    case 'invalid_request':
      return invalidRequest(f.issues, req);
    // The token names this instance (another one is 403 first), so no tenant is revealed: the instance has no units, not even a root.
    case 'tenant_not_found':
      return answer(404, CODES.notFound, `instanceId: the instance ${JSON.stringify(f.tenantId)} does not exist, nor any organizational unit of it.`, req);
    // The mock's storage failed, not the request: 503 like every dialect, never a 409 a client would take for a business conflict.
    case 'unavailable':
      return answer(503, CODES.serviceUnavailable, `The change could not be stored and was not made; retry after ${f.retryAfterS} s.`, req, { 'Retry-After': String(f.retryAfterS) });
    case 'injected':
      return answer(f.status, CODE_OF_STATUS[f.status] ?? 'InjectedFault', f.message ?? `A fault injected into the mock answers ${f.status}.`, req);
  }
}

function renderDomain(err: DomainError, req: DialectRequest | undefined): DialectResponse {
  switch (err.kind) {
    case 'not_found':
      return answer(404, CODES.notFound, err.message, req);
    case 'conflict': {
      const code = err.reason === 'name_taken' ? CODES.nameTaken : err.reason === 'external_id_taken' ? CODES.externalIdTaken : CODES.operationConflict;
      return answer(409, code, err.message, req);
    }
    case 'invalid': {
      const parameter = err.field !== undefined ? PARAMETER_OF[err.field] : err.reason.startsWith('name_') ? PARAMETER_OF.name : BODY;
      return answer(400, invalidParameterCode(parameter), err.message, req);
    }
  }
}

/**
 * @example
 * renderError(new DomainError('conflict', 'name_taken', 'a sibling is named "Sales"', 'name'), req);
 * // { status: 409, body: { requestId, code: 'EntityAlreadyExists.OrganizationalUnit.Name', message: … } }
 */
export function renderError(err: HostFailure | DomainError, req: DialectRequest | undefined): DialectResponse {
  return err instanceof DomainError ? renderDomain(err, req) : renderFailure(err, req);
}
