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
  const own = req.claims?.tenantId;
  const unknown: string[] = [];
  for (const name of names) {
    if (name.trim() === '') throw invalid(param, `has an empty domain in ${JSON.stringify(String(raw))}`);
    const tenant = tenantOf(env, name);
    // ad-foreign-domain-case-400 defect (AD-A2): another tenant's domain in another case reads as unknown.
    if (tenant !== undefined && tenant !== own && name !== name.toLowerCase() && hasDefect(env.defects, 'ad-foreign-domain-case-400')) unknown.push(name);
    else if (tenant !== undefined) tenants.add(tenant);
    else unknown.push(name);
  }
  // ad-unknown-domain-ignored defect (AD-L3): an unknown domain falls back to the token's tenant;
  // ad-unknown-domain-among-known: skipped when a known one is listed too.
  const ignoreUnknown = hasDefect(env.defects, 'ad-unknown-domain-ignored') || (tenants.size > 0 && hasDefect(env.defects, 'ad-unknown-domain-among-known'));
  if (unknown.length > 0 && !ignoreUnknown) throw invalid(param, `unknown domain ${JSON.stringify((unknown[0] as string).trim())}`);
  const foreign = [...tenants].find((t) => t !== own);
  if (own !== undefined) return foreign ?? (tenants.size > 0 ? own : undefined);
  if (tenants.size > 1) throw invalid(param, 'names the domains of more than one tenant');
  return foreign;
}

function invalid(param: string, message: string): HostError {
  return new HostError({ kind: 'invalid_request', issues: [{ in: 'query', loc: [param], message, keyword: 'domain' }] });
}

/** The tenant of a domain name; the ad-domain-first-label defect (AD-L3) compares only its first label. */
function tenantOf(env: DialectEnv, name: string): string | undefined {
  const tenant = tenantOfDomain(env.directory, name);
  if (tenant !== undefined || !hasDefect(env.defects, 'ad-domain-first-label')) return tenant;
  return tenantOfDomain(env.directory, `${name.trim().split('.')[0] ?? ''}.example.com`);
}
