import type { Check } from './check.ts';
import type { TargetConfig } from './config.ts';
import type { Level, Need } from './model.ts';

/** Why a check that needs `need` cannot run with this configuration, or undefined. */
export function missingNeed(need: Need, config: TargetConfig): string | undefined {
  switch (need) {
    case 'users':
      return config.users === undefined ? 'needs users: no users adapter given (--users or OU_USERS: admin-http or a module path)' : undefined;
    case 'otherTenant':
      return config.otherTenantId === undefined || config.otherToken === undefined
        ? 'needs a second tenant: --other-tenant and --other-token (OU_OTHER_TENANT_ID, OU_OTHER_TOKEN) not given'
        : undefined;
    case 'readonlyToken':
      return config.readonlyToken === undefined ? 'needs a read-only token: --readonly-token (OU_READONLY_TOKEN) not given' : undefined;
    case 'expiredToken':
      return config.expiredToken === undefined ? 'needs an expired token: --expired-token (OU_EXPIRED_TOKEN) not given' : undefined;
  }
}

/**
 * The rules a check really covers with this configuration: its rules, less those whose
 * `ruleNeeds` are not met (a rule it lists but cannot reach must not count as checked),
 * and only the `rules` asked for when the run is limited to some.
 */
export function coveredRules(check: Pick<Check, 'rules' | 'ruleNeeds'>, config: TargetConfig): string[] {
  return check.rules.filter(
    (rule) =>
      (config.rules === undefined || config.rules.includes(rule)) &&
      (check.ruleNeeds?.[rule] ?? []).every((need) => missingNeed(need, config) === undefined),
  );
}

/**
 * The checks a configuration selects: by level (`core` runs the core checks only; `profile`,
 * the default, runs all, hardening included, each judged at its own level), then by
 * `checks` ids and `rules`.
 */
export function selectChecks(all: readonly Check[], config: TargetConfig): Check[] {
  const level: Level = config.level ?? 'profile';
  return all.filter(
    (c) =>
      (level !== 'core' || c.level === 'core') &&
      (config.checks === undefined || config.checks.includes(c.id)) &&
      (config.rules === undefined || c.rules.some((r) => config.rules?.includes(r))),
  );
}
