import type { CheckStatus, Level, RunReport } from '../suites/model.ts';

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
  waivers: number;
  not_checked: RunReport['not_checked'];
  baselined: number;
  coverage: RunReport['coverage'];
  checks: RunReport['checks'];
  requests: number;
  lint?: RunReport['lint'];
  cleanup_problems?: string[];
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
    baselined: report.summary.baselined,
    coverage: report.coverage,
    checks: report.checks,
    requests: report.requests,
  };
  if (report.lint) json.lint = report.lint;
  if (report.cleanup_problems) json.cleanup_problems = report.cleanup_problems;
  return json;
}

/** report.json's text: two-space indented, ending with a newline. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
