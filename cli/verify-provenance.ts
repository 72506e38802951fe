import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONTRACT_PATH } from '../contracts/index.ts';
import { runDialect } from '../dialects/catalogue.ts';
import type { RunReport } from '../suites/model.ts';
import { BEHAVIOUR_DOC_PATH } from '../suites/rules.ts';
import type { VerifyPlan } from './verify-options.ts';
import { packageVersion } from './version.ts';

/**
 * What produced a report: the tool and its version, the SHA-256 of the dialect's contract
 * and of the behaviour document the rules came from, the seed, and every option of the run.
 * Tokens never appear: only which of them were given.
 *
 * @example
 * report = { ...report, provenance: provenanceOf(plan, report.seed) };
 */
export function provenanceOf(plan: VerifyPlan, seed: number): NonNullable<RunReport['provenance']> {
  const c = plan.config;
  const dialect = runDialect(c.dialect ?? 'ou-api');
  const options: Record<string, unknown> = {
    ...(c.dialect !== undefined && dialect !== undefined ? { dialect: dialect.id } : {}),
    ...(c.driverOptions?.rootOu !== undefined ? { root_ou: c.driverOptions.rootOu } : {}),
    ...(c.driverOptions?.applicationId !== undefined ? { application_id: c.driverOptions.applicationId } : {}),
    ...(c.driverOptions?.domain !== undefined ? { domain: c.driverOptions.domain } : {}),
    base_url: c.baseUrl,
    tenant: c.tenantId,
    level: c.level,
    tokens: [
      'token',
      ...(c.otherToken !== undefined ? ['other_token'] : []),
      ...(c.readonlyToken !== undefined ? ['readonly_token'] : []),
      ...(c.expiredToken !== undefined ? ['expired_token'] : []),
    ],
    ...(c.otherTenantId !== undefined ? { other_tenant: c.otherTenantId } : {}),
    ...(typeof c.users === 'string' ? { users: c.users } : {}),
    ...(c.seed !== undefined ? { seed_given: true } : {}),
    ...(c.checks !== undefined ? { checks: c.checks } : {}),
    ...(c.rules !== undefined ? { rules: c.rules } : {}),
    ...(c.runTimeoutMs !== undefined ? { timeout_ms: c.runTimeoutMs } : {}),
    ...(c.keepFixtures === true ? { keep_fixtures: true } : {}),
    ...(c.differential?.budget !== undefined ? { budget: c.differential.budget } : {}),
    ...(plan.baseline !== undefined ? { baseline: plan.baseline, baseline_sha256: fileSha256(plan.baseline) } : {}),
    ...(plan.lint !== undefined ? { lint: plan.lint } : {}),
    ...(plan.reportDir !== undefined ? { report_dir: plan.reportDir } : {}),
    signed: plan.signKey !== undefined,
  };
  return {
    tool: 'ou-contract',
    version: packageVersion(),
    contract_sha256: fileSha256(dialect?.contractFile ?? CONTRACT_PATH),
    behaviour_sha256: fileSha256(dialect?.behaviourFile ?? BEHAVIOUR_DOC_PATH),
    seed,
    options,
  };
}

/** SHA-256 of a file's bytes, hex; `unreadable` when it cannot be read (the run still reports). */
function fileSha256(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (error) {
    return `unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
