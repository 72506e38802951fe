/**
 * Which tenant a request addresses: the domain(s) it names (AD-L3). An unknown domain is a
 * bad parameter (400 00000107); another tenant's is returned, so the host refuses it (403,
 * AD-A2) before anything of it is read.
 */
import type { DialectEnv, DialectRequest } from '../types.ts';
import { HostError } from '../types.ts';
import { hasDefect } from './defects.ts';
import { tenantOfDomain } from './domains.ts';

export function adTenantOf(req: DialectRequest, env: DialectEnv): string | undefined {
  const param = req.operationId === 'updateAdOus' ? 'domain' : 'domains';
  const raw = req.query[param];
  if (raw === undefined || raw === '') throw invalid(param, 'is required');
  const names = param === 'domains' ? String(raw).split(',') : [String(raw)];
  const tenants = new Set<string>();
  for (const name of names) {
    if (name.trim() === '') throw invalid(param, `has an empty domain in ${JSON.stringify(String(raw))}`);
    const tenant = tenantOfDomain(env.directory, name);
    if (tenant !== undefined) tenants.add(tenant);
    // ad-unknown-domain-ignored defect (AD-L3): an unknown domain falls back to the token's tenant.
    else if (!hasDefect(env.defects, 'ad-unknown-domain-ignored')) throw invalid(param, `unknown domain ${JSON.stringify(name.trim())}`);
  }
  const own = req.claims?.tenantId;
  const foreign = [...tenants].find((t) => t !== own);
  if (own !== undefined) return foreign ?? (tenants.size > 0 ? own : undefined);
  if (tenants.size > 1) throw invalid(param, 'names the domains of more than one tenant');
  return foreign;
}

function invalid(param: string, message: string): HostError {
  return new HostError({ kind: 'invalid_request', issues: [{ in: 'query', loc: [param], message, keyword: 'domain' }] });
}
