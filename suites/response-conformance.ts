import { formatErrors } from '../contracts/model/index.ts';
import type { OperationSpec } from './contract-model.ts';
import type { ContractIssue } from './exchange.ts';

/** Headers whose value starts with an auth-scheme: a token compared case-insensitively (RFC 9110 §11.1). */
const CHALLENGE_HEADERS: ReadonlySet<string> = new Set(['www-authenticate', 'proxy-authenticate']);

/**
 * The challenge with its leading auth-scheme spelt as registered (`Bearer`, `Basic`): a
 * contract's pattern such as `^Bearer` must not refuse a server that writes `bearer`.
 */
function registeredScheme(value: string): string {
  return value.replace(/^[!#$%&'*+.^_`|~\w-]+/, (scheme) => `${scheme.charAt(0).toUpperCase()}${scheme.slice(1).toLowerCase()}`);
}

/** The parts of a response the contract speaks about. */
export interface ObservedResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
}

/**
 * Every way `res` breaks the contract for `op`: a 5xx, an undocumented status, a
 * non-JSON content type where a body is documented, a body outside the schema, a body
 * where none is documented, a missing or malformed documented header. Any dialect's operation.
 */
export function responseIssues(op: OperationSpec<string> | undefined, res: ObservedResponse): ContractIssue[] {
  const issues: ContractIssue[] = [];
  if (res.status >= 500) issues.push({ kind: 'server-error', message: `answered ${res.status}` });
  if (op === undefined || res.status === 0) return issues;
  const status = String(res.status);
  const spec = op.responses.get(status) ?? op.responses.get(`${status[0]}XX`) ?? op.responses.get('default');
  if (spec === undefined) {
    issues.push({ kind: 'status', message: `${op.operationId} answered ${status}; documented: ${[...op.responses.keys()].join(', ')}` });
    return issues;
  }
  const contentType = res.headers['content-type'] ?? '';
  if (spec.hasBody) {
    if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType)) {
      issues.push({ kind: 'content-type', message: `${status} must be application/json, got ${contentType === '' ? 'no Content-Type' : contentType}` });
    }
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      issues.push({ kind: 'schema', message: `${status} body is not JSON: ${res.text.slice(0, 80)}` });
      return issues;
    }
    if (spec.validate !== undefined && !spec.validate(body)) {
      issues.push({ kind: 'schema', message: `${status} body breaks the schema: ${formatErrors(spec.validate.errors).slice(0, 5).join('; ')}` });
    }
  } else if (res.text.length > 0) {
    issues.push({ kind: 'schema', message: `${status} documents no body but one was sent (${res.text.length} bytes)` });
  }
  for (const header of spec.headers) {
    const value = res.headers[header.name.toLowerCase()];
    if (value === undefined) {
      if (header.required) issues.push({ kind: 'headers', message: `${status} lacks the required header ${header.name}` });
    } else if (!header.validate(value) && !(CHALLENGE_HEADERS.has(header.name.toLowerCase()) && header.validate(registeredScheme(value)))) {
      issues.push({ kind: 'headers', message: `${status} header ${header.name}: "${value}" ${formatErrors(header.validate.errors).join('; ')}` });
    }
  }
  return issues;
}
