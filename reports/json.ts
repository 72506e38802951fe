import type { CheckStatus, Level, RunReport } from '../suites/model.ts';
import { catalogueOf } from './catalogue.ts';

/** One row of `results` in report.json: exactly these keys, in this order. */
export interface JsonResult {
  rule: string;
  level: Level;
  title: string;
  status: CheckStatus;
  message: string;
}

/**
 * The shape of report.json. The first five keys are the stable interface CI scripts read
 * and come first, in this order; the rest add detail (checks carry evidence and baseline marks).
 */
export interface JsonReport {
  target: string;
  started_at: string;
  duration_ms: number;
  summary: { passed: number; failed: number; skipped: number };
  results: JsonResult[];
  seed: number;
  level: Level;
  verdict: RunReport['verdict'];
  /** Failures the baseline excuses at the gate's level ("PASSED with N waivers"). */
  waivers: number;
  /** Rules no check could run for, and why: the reason a verdict is INCOMPLETE. */
  not_checked: RunReport['not_checked'];
  /** Present when the run was cut short (SIGINT/SIGTERM, the overall --timeout): a partial report. */
  interrupted?: RunReport['interrupted'];
  /** The API verified (`verify --dialect`). */
  dialect: string;
  /** The rules the run judged by: its dialect's behaviour page, then HARDENING. */
  catalogue: NonNullable<RunReport['catalogue']>;
  baselined: number;
  coverage: RunReport['coverage'];
  checks: RunReport['checks'];
  requests: number;
  lint?: RunReport['lint'];
  cleanup_problems?: string[];
  /** What produced the report: tool version, SHA-256 of the contract and the rules, seed, options. */
  provenance?: RunReport['provenance'];
}

/**
 * Builds report.json's object from a run. Keys are listed one by one (not spread) so
 * the order and the set of keys cannot drift with the model.
 *
 * @example
 * writeFileSync('report.json', renderJson(report));
 */
export function toJsonReport(report: RunReport): JsonReport {
  const json: JsonReport = {
    target: report.target,
    started_at: report.started_at,
    duration_ms: report.duration_ms,
    summary: { passed: report.summary.passed, failed: report.summary.failed, skipped: report.summary.skipped },
    results: report.results.map((r) => ({ rule: r.rule, level: r.level, title: r.title, status: r.status, message: r.message })),
    seed: report.seed,
    level: report.level,
    verdict: report.verdict,
    waivers: report.waivers,
    not_checked: report.not_checked,
    ...(report.interrupted !== undefined ? { interrupted: report.interrupted } : {}),
    dialect: report.dialect ?? 'ou-api',
    catalogue: catalogueOf(report),
    baselined: report.summary.baselined,
    coverage: report.coverage,
    checks: report.checks,
    requests: report.requests,
  };
  if (report.lint) json.lint = report.lint;
  if (report.cleanup_problems) json.cleanup_problems = report.cleanup_problems;
  if (report.provenance) json.provenance = report.provenance;
  return json;
}

/** report.json's text: two-space indented, ending with a newline. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
