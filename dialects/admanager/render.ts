/**
 * Errors in the page's shape (AD-E1): `{code, detail, title}` with its 8-digit codes. Host
 * failures, domain errors and this dialect's own input errors all end here.
 */
import { DomainError } from '../../mock/core/errors.ts';
import type { DialectRequest, DialectResponse, HostFailure, RequestIssue } from '../types.ts';

export type AdCode = '00000000' | '00000100' | '00000101' | '00000103' | '00000104' | '00000105' | '00000106' | '00000107';

const TITLES: Readonly<Record<AdCode, string>> = {
  '00000000': 'Internal Server Error.',
  '00000100': 'Bad Request.',
  '00000101': 'Unauthorized.',
  '00000103': 'Unsupported Media Type.',
  '00000104': 'Not Found.',
  '00000105': 'Method Not Allowed.',
  '00000106': 'Forbidden.',
  '00000107': 'Invalid Parameter.',
};

/** The page's 401 detail, verbatim. */
export const INVALID_TOKEN = 'The given Authtoken is invalid.';
/** The page's 400 detail for `fields`, verbatim. */
export const INVALID_FIELDS = 'Some columns given in fields parameter are invalid';

export interface AdErrorBody {
  code: AdCode;
  detail: string;
  title: string;
}

/** A bad parameter or body found by a handler: 400 with `code` (00000107 unless `fields`). */
export class AdInputError extends Error {
  constructor(
    readonly detail: string,
    readonly code: '00000100' | '00000107' = '00000107',
  ) {
    super(detail);
  }
}

export function adError(status: number, code: AdCode, detail: string, headers?: Readonly<Record<string, string>>): DialectResponse {
  const body: AdErrorBody = { code, detail, title: TITLES[code] };
  return { status, body, ...(headers !== undefined ? { headers } : {}) };
}

/** Renders whatever failed, in the page's shape and status. */
export function renderAdError(err: HostFailure | DomainError | AdInputError, req: DialectRequest | undefined): DialectResponse {
  if (err instanceof AdInputError) return adError(400, err.code, err.detail);
  if (err instanceof DomainError) return renderDomainError(err);
  return renderHostFailure(err, req);
}

function renderHostFailure(f: HostFailure, req: DialectRequest | undefined): DialectResponse {
  switch (f.kind) {
    case 'unauthorized':
      return adError(401, '00000101', INVALID_TOKEN);
    case 'forbidden':
      return f.reason === 'scope'
        ? adError(403, '00000106', `You are not allowed to do this: ${f.message}`)
        : adError(403, '00000106', `You are not allowed to access the domain ${requestedDomain(req)}.`);
    case 'route_not_found':
      return adError(404, '00000104', 'The requested URL was not found.');
    case 'method_not_allowed':
      return adError(405, '00000105', `The method is not allowed here; allowed: ${f.allow.join(', ')}.`, { Allow: f.allow.join(', ') });
    case 'unsupported_media_type':
      return adError(415, '00000103', 'The request body must be application/json.');
    // The page documents no 413: an oversized body is an invalid body (AD-E1).
    case 'too_large':
      return adError(400, '00000107', `The request body is larger than ${f.limitBytes} bytes.`);
    case 'malformed_body':
      return adError(400, '00000107', `The request body is not valid JSON: ${f.message}`);
    case 'invalid_request':
      return adError(400, f.issues.some(isFieldsIssue) ? '00000100' : '00000107', f.issues.map(describeIssue).join('; '));
    case 'tenant_not_found':
      return adError(400, '00000107', `The domain of tenant "${f.tenantId}" does not exist.`);
    // Storage failures are the mock's own, not the request's: the client should retry.
    case 'unavailable':
      return adError(503, '00000000', 'The change could not be stored; nothing was changed. Retry later.', { 'Retry-After': String(f.retryAfterS) });
    case 'injected':
      return injected(f.status, f.message);
  }
}

function renderDomainError(err: DomainError): DialectResponse {
  switch (err.kind) {
    case 'not_found':
      return adError(404, '00000104', err.message);
    default:
      return adError(400, '00000107', err.message);
  }
}

/** A fault injected through the admin API or `Prefer`: that status, with the code the page gives it; `message` as the detail when given. */
function injected(status: number, message: string | undefined): DialectResponse {
  const code: AdCode =
    status === 401 ? '00000101'
    : status === 403 ? '00000106'
    : status === 404 ? '00000104'
    : status === 405 ? '00000105'
    : status === 415 ? '00000103'
    : status >= 500 ? '00000000'
    : '00000107';
  return adError(status, code, message ?? (code === '00000000' ? 'An internal server error occurred.' : `Injected fault ${status}.`));
}

function isFieldsIssue(issue: RequestIssue): boolean {
  return issue.in === 'query' && issue.loc[0] === 'fields';
}

function describeIssue(issue: RequestIssue): string {
  const where = issue.loc.length === 0 ? `the ${issue.in}` : `${issue.in === 'body' ? 'body field' : issue.in === 'query' ? 'parameter' : issue.in} ${issue.loc.join('.')}`;
  return `Invalid ${where}: ${issue.message}`;
}

/** The domain(s) a request names, for the 403 detail. */
function requestedDomain(req: DialectRequest | undefined): string {
  const named = req?.query['domain'] ?? req?.query['domains'];
  return typeof named === 'string' && named !== '' ? named : 'requested';
}
