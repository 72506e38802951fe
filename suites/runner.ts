import type { Check } from './check.ts';
import { CHECKS } from './checks/index.ts';
import { DEFAULT_CONCURRENCY } from './config.ts';
import type { TargetConfig } from './config.ts';
import type { CheckResult, RunReport } from './model.ts';
import { judgeRun, operationCoverage, ruleCoverage } from './report.ts';
import { ruleCatalogue } from './rules.ts';
import { selectChecks } from './selection.ts';
import { Session } from './session.ts';

/** Progress callbacks; a hook that throws does not stop the run. */
export interface RunHooks {
  onCheckStart?(check: Check): void;
  onCheckEnd?(result: CheckResult): void;
}

/**
 * Runs the conformance checks against a target and returns the report. Never throws for
 * check failures (only for an unusable configuration). Everything the run created is
 * removed at the end, also when checks fail or on SIGINT/SIGTERM (cleanup, then exit).
 *
 * @example
 * const report = await runSuite({ baseUrl: 'http://127.0.0.1:4010', tenantId: 'acme', token, users: 'admin-http', seed: 7 });
 * console.log(report.verdict.core);
 */
export async function runSuite(config: TargetConfig, hooks: RunHooks = {}, checks: readonly Check[] = CHECKS): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const session = await Session.open(config);
  const selected = selectChecks(checks, config);
  const results = new Map<string, CheckResult>();
  const onSignal = (signal: NodeJS.Signals): void => {
    void session.cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let cleanupProblems: string[] = [];
  try {
    await session.setup();
    const runOne = async (check: Check): Promise<void> => {
      safely(() => hooks.onCheckStart?.(check));
      const result = await session.runCheck(check);
      results.set(check.id, result);
      safely(() => hooks.onCheckEnd?.(result));
    };
    await inParallel(
      selected.filter((c) => c.post !== true),
      config.concurrency ?? DEFAULT_CONCURRENCY,
      runOne,
    );
    for (const check of selected.filter((c) => c.post === true)) await runOne(check);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanupProblems = await session.cleanup();
  }
  const catalogue = ruleCatalogue();
  const checkResults = selected.flatMap((c) => results.get(c.id) ?? []);
  return {
    target: session.target,
    started_at: startedAt.toISOString(),
    duration_ms: Math.round(performance.now() - t0),
    seed: session.seed,
    level: config.level ?? 'profile',
    ...judgeRun(checkResults, catalogue),
    checks: checkResults,
    coverage: { operations: operationCoverage(session.model, session.client.observed), rules: ruleCoverage(checkResults, catalogue) },
    requests: session.requestCount,
    ...(cleanupProblems.length > 0 ? { cleanup_problems: cleanupProblems } : {}),
  };
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Progress output must never change the outcome of a run.
  }
}
