/** Calling the dialect's handlers directly on a Directory, and judging answers against contracts/orgunit-v2.yaml. */
import { DIALECT_CONTRACT_PATHS } from '../../../contracts/dialect-contracts.ts';
import { loadDocument } from '../../../contracts/model/index.ts';
import { Directory } from '../../../mock/core/directory.ts';
import type { Tenant } from '../../../mock/core/tenant.ts';
import { contractModelOf } from '../../../suites/contract-model.ts';
import { responseIssues } from '../../../suites/response-conformance.ts';
import type { DialectEnv, DialectRequest, DialectResponse } from '../../types.ts';
import type { V2Defect } from '../defects.ts';
import { HANDLERS } from '../handlers.ts';

const MODEL = contractModelOf(loadDocument(DIALECT_CONTRACT_PATHS['orgunit-v2']));

export interface Parts {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** Two projects (acme, globex) on one Directory, and a caller of the handlers as acme or globex. */
export function setup(defects: readonly V2Defect[] = []) {
  let tick = 0;
  // A clock that moves, so created_at orders the units as they were made.
  const clock = (): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, tick++));
  const directory = new Directory({ clock });
  const acme = directory.createTenant('acme');
  const globex = directory.createTenant('globex');
  const env: DialectEnv = { directory, clock, defects: new Set(defects) };
  const call = (operationId: string, parts: Parts = {}, tenant: Tenant = acme): DialectResponse => {
    const handler = HANDLERS[operationId];
    if (handler === undefined) throw new Error(`no handler for ${operationId}`);
    const req: DialectRequest = {
      operationId,
      method: MODEL.operation(operationId).method.toUpperCase(),
      pathname: '/',
      params: parts.params ?? {},
      query: parts.query ?? {},
      rawQuery: '',
      headers: {},
      body: parts.body,
      requestId: 'test',
      claims: { tenantId: tenant.id, scopes: ['ous:read', 'ous:write'] },
    };
    return handler(tenant, req, env);
  };
  return { directory, acme, globex, env, call };
}

/** How the response breaks the contract of `operationId` (empty when it conforms). */
export function contractIssues(operationId: string, res: DialectResponse): string[] {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = v;
  if (res.body !== undefined) headers['content-type'] = 'application/json';
  const text = res.body === undefined ? '' : JSON.stringify(res.body);
  return responseIssues(MODEL.operation(operationId), { status: res.status, headers, text }).map((i) => `${i.kind}: ${i.message}`);
}
