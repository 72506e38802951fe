import type { OuApi } from './api.ts';
import type { Credentials } from './check.ts';
import type { Exchange } from './exchange.ts';
import { claimsOf, isJwt } from './tokens.ts';

/**
 * A supplied token is not what its flag says (a read-only token given as the expired one,
 * a token of the wrong tenant, …): a usage fault, reported before any check runs, never
 * a finding about the target. A TypeError, as runSuite's other configuration faults.
 */
export class TokenProbeError extends TypeError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'TokenProbeError';
  }
}

/** How each token is named to the user: the flag and the environment variable. */
const NAMES = {
  main: '--token (OU_TOKEN)',
  readonly: '--readonly-token (OU_READONLY_TOKEN)',
  expired: '--expired-token (OU_EXPIRED_TOKEN)',
  other: '--other-token (OU_OTHER_TOKEN)',
} as const;

/** The raw token values, for reading their claims (never printed). */
export interface TokenValues {
  readonly?: string;
  expired?: string;
  other?: string;
}

interface Claims {
  tenant?: string;
  scopes?: string[];
  exp?: number;
}

/** What a JWT says of itself (unverified): tenant, scopes, expiry; undefined for an opaque token. */
function claims(token: string | undefined): Claims | undefined {
  if (token === undefined || !isJwt(token)) return undefined;
  const c = claimsOf(token);
  const scope = c['scope'] ?? c['scp'] ?? c['scopes'];
  return {
    ...(typeof c['tenant_id'] === 'string' ? { tenant: c['tenant_id'] } : {}),
    ...(typeof scope === 'string' ? { scopes: scope.split(' ').filter(Boolean) } : Array.isArray(scope) ? { scopes: scope.map(String) } : {}),
    ...(typeof c['exp'] === 'number' ? { exp: c['exp'] } : {}),
  };
}

function answered(ex: Exchange): string {
  return `${ex.method} ${ex.path} answered ${ex.status === 0 ? `nothing (${ex.error ?? 'no response'})` : ex.status}`;
}

/** A token that must read its tenant: 401 means it is not valid, 403/404 that it is not one of that tenant. */
function readProblem(name: string, tenantId: string, ex: Exchange): string | undefined {
  if (ex.status === 401) return `${name} is not accepted: ${answered(ex)}; is it invalid or expired?`;
  if (ex.status === 403 || ex.status === 404) return `${name} cannot read tenant ${tenantId}: ${answered(ex)}; is it a token of that tenant (and is the tenant id right)?`;
  return undefined;
}

/**
 * Probes each supplied token for what its flag claims, with a handful of requests that
 * change nothing (GETs, and POSTs of an empty body, which a writer must refuse with 422):
 * the main token reads and writes its tenant; the read-only one reads and may not write;
 * the expired one is refused; the other tenant's reads its own tenant and not ours.
 * Behaviour the rules judge (a target that lets a read-only token write, accepts an
 * expired one or another tenant's) is left to the checks whenever the token's own claims
 * agree with its flag; only a token whose answers and claims both contradict it is a
 * usage fault.
 *
 * @returns one problem per mislabelled token, naming its flag and variable (empty when all fit)
 */
export async function probeTokens(api: OuApi, tenantId: string, creds: Credentials, values: TokenValues, now: number = Date.now()): Promise<string[]> {
  const problems: string[] = [];
  const add = (problem: string | undefined): void => {
    if (problem !== undefined) problems.push(problem);
  };

  const mainRead = await api.list({ per_page: 1 });
  add(readProblem(NAMES.main, tenantId, mainRead));
  if (mainRead.status === 200) {
    const write = await api.create({});
    if (write.status === 403) add(`${NAMES.main} may read but not write tenant ${tenantId}: ${answered(write)}; the checks need a read-write token`);
  }

  if (creds.readonly !== undefined) {
    const ro = api.as(creds.readonly);
    const read = await ro.list({ per_page: 1 });
    add(readProblem(NAMES.readonly, tenantId, read));
    if (read.status === 200) {
      const write = await ro.create({});
      // A writer's answer: mislabelled only if the token claims ous:write; else the target ignores scopes (OU-A3).
      if (write.status !== 403 && claims(values.readonly)?.scopes?.includes('ous:write') === true) {
        add(`${NAMES.readonly} carries the ous:write scope and may write: ${answered(write)}; give a token with ous:read only`);
      }
    }
  }

  if (creds.expired !== undefined) {
    const read = await api.as(creds.expired).list({ per_page: 1 });
    const exp = claims(values.expired)?.exp;
    // Accepted although expired is the target's fault (OU-A1); accepted and not expired is the wrong token.
    if (read.status >= 200 && read.status < 300 && (exp === undefined || exp * 1000 > now)) {
      const why = exp === undefined ? 'and it is no JWT whose exp has passed' : `and its exp ${new Date(exp * 1000).toISOString()} has not passed`;
      add(`${NAMES.expired} is accepted (${answered(read)}) ${why}: give an expired token of tenant ${tenantId}`);
    }
  }

  if (creds.other !== undefined) {
    const { tenantId: otherTenant, auth } = creds.other;
    if (otherTenant === tenantId) add(`${NAMES.other} must be a token of another tenant than ${tenantId} (--other-tenant is ${otherTenant})`);
    else {
      add(readProblem(NAMES.other, otherTenant, await api.forTenant(otherTenant, auth).list({ per_page: 1 })));
      const ours = await api.as(auth).list({ per_page: 1 });
      if (ours.status === 200 && claims(values.other)?.tenant === tenantId) {
        add(`${NAMES.other} is a token of tenant ${tenantId} (its tenant_id claim), not of ${otherTenant}: ${answered(ours)}`);
      }
    }
  }
  return problems;
}
