import type { Observed } from './client.ts';
import type { ContractModel } from './contract-model.ts';
import type { CheckResult, OperationCoverage, RuleCoverage, RuleResult, RunReport } from './model.ts';
import type { RuleInfo } from './rules.ts';

/** A failure that counts: failed and not excused by the baseline. */
function counts(result: CheckResult): boolean {
  return result.status === 'failed' && result.baselined === undefined;
}

/** Totals of a set of check results (baselined failures counted apart). */
export function summarize(checks: readonly CheckResult[]): RunReport['summary'] {
  return {
    passed: checks.filter((c) => c.status === 'passed').length,
    failed: checks.filter(counts).length,
    skipped: checks.filter((c) => c.status === 'skipped').length,
    baselined: checks.filter((c) => c.status === 'failed' && c.baselined !== undefined).length,
  };
}

/** `core` fails on any counting core failure; `profile` also on any counting profile failure. */
export function verdictOf(checks: readonly CheckResult[]): RunReport['verdict'] {
  const coreFailed = checks.some((c) => c.level === 'core' && counts(c));
  const profileFailed = coreFailed || checks.some((c) => c.level === 'profile' && counts(c));
  return { core: coreFailed ? 'failed' : 'passed', profile: profileFailed ? 'failed' : 'passed' };
}

/** One row per (rule, check), in catalogue order, then any rule the catalogue lacks. */
export function ruleResults(checks: readonly CheckResult[], catalogue: readonly RuleInfo[]): RuleResult[] {
  const order = new Map(catalogue.map((r, i) => [r.id, i]));
  const rows: RuleResult[] = [];
  for (const c of checks) {
    for (const rule of c.rules) {
      rows.push({
        rule,
        level: c.level,
        title: catalogue.find((r) => r.id === rule)?.text ?? c.title,
        status: c.status,
        message: c.message,
        check: c.check,
        ...(c.evidence !== undefined ? { evidence: c.evidence } : {}),
        ...(c.baselined !== undefined ? { baselined: c.baselined } : {}),
      });
    }
  }
  const rank = (rule: string): number => order.get(rule) ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => rank(a.rule) - rank(b.rule) || a.rule.localeCompare(b.rule) || a.check.localeCompare(b.check));
}

/** Rule coverage: checkable = some check of the rule ran (not skipped). */
export function ruleCoverage(checks: readonly CheckResult[], catalogue: readonly RuleInfo[]): RuleCoverage {
  const ids = new Set([...catalogue.map((r) => r.id), ...checks.flatMap((c) => c.rules)]);
  let checkable = 0;
  let passed = 0;
  let failed = 0;
  for (const id of ids) {
    const ran = checks.filter((c) => c.rules.includes(id) && c.status !== 'skipped');
    if (ran.length === 0) continue;
    checkable++;
    if (ran.some(counts)) failed++;
    else if (ran.every((c) => c.status === 'passed' || c.baselined !== undefined)) passed++;
  }
  return { total: catalogue.length, checkable, passed, failed };
}

/** Per operation: documented statuses observed, never exercised, and undocumented ones received. */
export function operationCoverage(model: ContractModel, observed: Observed): OperationCoverage[] {
  return model.operations.map((op) => {
    const documented = [...op.responses.keys()];
    const seen = [...(observed.get(op.operationId) ?? [])].sort((a, b) => a - b).map(String);
    return {
      operationId: op.operationId,
      method: op.method,
      path: op.pathTemplate,
      documented,
      observed: seen.filter((s) => documented.includes(s)),
      unexercised: documented.filter((s) => !seen.includes(s)),
      undocumented: seen.filter((s) => !documented.includes(s)),
    };
  });
}

/**
 * Recomputes summary, verdict, rule rows and rule coverage after check results changed
 * (e.g. the baseline marked some failures), keeping everything else of `report`.
 */
export function refreshReport(report: RunReport, catalogue: readonly RuleInfo[]): RunReport {
  return {
    ...report,
    summary: summarize(report.checks),
    verdict: verdictOf(report.checks),
    results: ruleResults(report.checks, catalogue),
    coverage: { ...report.coverage, rules: ruleCoverage(report.checks, catalogue) },
  };
}

/**
 * Whether a run fails a CI gate (what makes `verify` exit 1): a core check failed outside
 * the baseline, or the vendor's spec had lint errors. SHOULD failures never fail the gate.
 */
export function failsGate(report: Pick<RunReport, 'verdict' | 'lint'>): boolean {
  return report.verdict.core === 'failed' || (report.lint?.errors ?? 0) > 0;
}
