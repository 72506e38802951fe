import type { Check } from './check.ts';
import { CHECKS } from './checks/index.ts';
import { DEFAULT_CONCURRENCY } from './config.ts';
import type { TargetConfig } from './config.ts';
import type { CheckResult, RunReport } from './model.ts';
import { judgeRun, operationCoverage, ruleCoverage } from './report.ts';
import { runDialect } from '../dialects/catalogue.ts';
import type { Dialect, DialectId } from '../dialects/types.ts';
import { BEHAVIOUR_DOC_PATH, ruleCatalogue } from './rules.ts';
import { selectChecks } from './selection.ts';
import { sharedChecks } from './shared-checks/index.ts';
import { Session } from './session.ts';
import type { KeptFixtures } from './session.ts';

/** Why a run was cut short: a signal, the overall timeout, or the caller's AbortSignal. */
export interface Interruption {
  cause: 'SIGINT' | 'SIGTERM' | 'timeout' | 'aborted';
  reason: string;
}

/** Progress callbacks; a hook that throws does not stop the run. */
export interface RunHooks {
  onCheckStart?(check: Check): void;
  onCheckEnd?(result: CheckResult): void;
  /** Told once, when the run is cut short; it then cleans up and returns a partial report. */
  onInterrupt?(interruption: Interruption): void;
  /** With `keepFixtures`: what the run left on the target for replaying its curls. */
  onFixturesKept?(kept: KeptFixtures): void;
}

export interface RunOptions extends RunHooks {
  /** Aborting it interrupts the run like SIGINT does (for embedding and tests). */
  signal?: AbortSignal;
}

/**
 * After an interruption, cleanup gets this long: a stalled target must not keep a
 * bounded run going. What it did not remove is listed in `cleanup_problems`.
 */
export const CLEANUP_GRACE_MS = 30_000;

/**
 * Runs the conformance checks against a target and returns the report. Never throws for
 * check failures (only for an unusable configuration). Everything the run created is
 * removed at the end (unless `config.keepFixtures`), also when checks fail.
 *
 * Bounded: on SIGINT/SIGTERM, when `config.runTimeoutMs` passes, or when `options.signal`
 * aborts, no further check starts, the checks in flight are abandoned (their next request
 * is refused), cleanup runs for at most `CLEANUP_GRACE_MS`, and the report returned is
 * partial: `interrupted` says why, checks that did not finish are skipped, and no level
 * passes. A second SIGINT/SIGTERM during that cleanup exits at once (130/143).
 *
 * The checks are the dialect's own (`config.dialect`, default the OU API) and the shared ones
 * (suites/shared-checks), unless `checks` names others.
 *
 * @example
 * const report = await runSuite({ baseUrl: 'http://127.0.0.1:4010', tenantId: 'acme', token, users: 'admin-http', seed: 7 });
 * console.log(report.verdict.core);
 */
export async function runSuite(config: TargetConfig, options: RunOptions = {}, checks?: readonly Check[]): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const session = await Session.open(config);
  const selected = selectChecks(checks ?? checksOf(session), config);
  const results = new Map<string, CheckResult>();

  const stop = new AbortController();
  let interruption: Interruption | undefined;
  const interrupt = (why: Interruption): void => {
    if (interruption !== undefined) return;
    interruption = why;
    session.stop(why.reason);
    stop.abort();
    safely(() => options.onInterrupt?.(why));
  };
  const abandoned = new Promise<undefined>((resolve) => stop.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second signal while the interrupted run cleans up: the user insists, leave now.
    if (interruption !== undefined) process.exit(signal === 'SIGINT' ? 130 : 143);
    interrupt({ cause: signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM', reason: `${signal} received` });
  };
  const onAbort = (): void => interrupt({ cause: 'aborted', reason: `aborted: ${String(options.signal?.reason ?? 'by the caller')}` });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) onAbort();
  const timer =
    config.runTimeoutMs !== undefined
      ? setTimeout(() => interrupt({ cause: 'timeout', reason: `the overall timeout of ${formatMs(config.runTimeoutMs ?? 0)} passed` }), config.runTimeoutMs)
      : undefined;

  let cleanupProblems: string[] = [];
  try {
    await Promise.race([session.setup(), abandoned]);
    const runOne = async (check: Check): Promise<void> => {
      if (stop.signal.aborted) return;
      safely(() => options.onCheckStart?.(check));
      // A check in flight when the run is interrupted is abandoned, not awaited: a stalled target must not hold the run.
      const result = await Promise.race([session.runCheck(check), abandoned]);
      if (result === undefined || stop.signal.aborted) return;
      results.set(check.id, result);
      safely(() => options.onCheckEnd?.(result));
    };
    await inParallel(
      selected.filter((c) => c.post !== true),
      config.concurrency ?? DEFAULT_CONCURRENCY,
      runOne,
    );
    for (const check of selected.filter((c) => c.post === true)) await runOne(check);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    const cleanup = session.cleanup();
    cleanupProblems = interruption === undefined ? await cleanup : await withGrace(cleanup, session);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (config.keepFixtures === true) {
    const kept = session.kept();
    safely(() => options.onFixturesKept?.(kept));
  }

  const catalogue = session.catalogue;
  const reason = interruption?.reason;
  const checkResults = selected.map((c) => results.get(c.id) ?? notFinished(c, reason ?? 'the run ended before it'));
  return {
    target: session.target,
    dialect: session.dialectId,
    catalogue: catalogue.map((r) => ({ ...r })),
    started_at: startedAt.toISOString(),
    duration_ms: Math.round(performance.now() - t0),
    seed: session.seed,
    level: config.level ?? 'profile',
    ...judgeRun(checkResults, catalogue, interruption !== undefined),
    checks: checkResults,
    coverage: { operations: operationCoverage(session.model, session.client.observed), rules: ruleCoverage(checkResults, catalogue) },
    requests: session.requestCount,
    ...(cleanupProblems.length > 0 ? { cleanup_problems: cleanupProblems } : {}),
    ...(reason !== undefined ? { interrupted: { reason } } : {}),
  };
}

/** The checks of the run's dialect and the shared ones (the OU API's own list while it is not a registered dialect). */
function checksOf(session: Pick<Session, 'dialect' | 'catalogue'>): readonly Check[] {
  if (session.dialect === undefined) return CHECKS;
  return [...session.dialect.verify.checks, ...sharedChecks(session.dialect, session.catalogue)];
}

/**
 * The checks `runSuite` runs for a dialect by default (for `--check`/`--rule` validation).
 *
 * @throws TypeError naming the valid ids for an unknown dialect
 */
export function checksForDialect(given: DialectId | Dialect = 'ou-api'): readonly Check[] {
  const dialect = runDialect(given);
  return checksOf({ dialect, catalogue: ruleCatalogue(dialect?.behaviourFile ?? BEHAVIOUR_DOC_PATH) });
}

/** A check the run did not finish: skipped, saying why, so no rule passes on it. */
function notFinished(check: Check, reason: string): CheckResult {
  return { check: check.id, title: check.title, rules: [...check.rules], level: check.level, status: 'skipped', message: `not finished: the run was interrupted (${reason})`, duration_ms: 0 };
}

/** Cleanup's problems, or after `CLEANUP_GRACE_MS` what may still be on the target. */
async function withGrace(cleanup: Promise<string[]>, session: Session): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([`cleanup did not finish within ${formatMs(CLEANUP_GRACE_MS)}; remove by hand what remains: ${session.kept().describe}`]), CLEANUP_GRACE_MS);
  });
  try {
    return await Promise.race([cleanup, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `90 s`, `10 min`, `1500 ms`: durations as the --timeout help writes them. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
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
