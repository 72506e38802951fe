/**
 * Baseline files: known failures a vendor has accepted for a while, so a run can stay
 * green in CI while they are being fixed, and turn red again when the time is up.
 *
 * Format (JSON):
 *
 * ```json
 * {
 *   "entries": [
 *     { "check": "pagination.walk", "reason": "JIRA-123: fix in 2.4", "expires": "2026-03-31" },
 *     { "rule": "OU-A3", "reason": "scopes arrive with the new IdP", "expires": "2026-06-30" },
 *     { "check": "users.paging", "rule": "OU-S1", "reason": "…", "expires": "2026-01-15" }
 *   ]
 * }
 * ```
 *
 * - `check` (a check id) and/or `rule` (a rule id, `OU-…`): at least one. An entry matches a
 *   failure of that check, of any check for that rule, or of that check for that rule.
 * - `reason` (required, non-empty): why the failure is accepted; shown in every report.
 * - `expires` (required, `YYYY-MM-DD`, a real calendar date): the entry holds up to and
 *   including that day (local time); from the next day the failure counts again.
 * - No other keys: a misspelt key is an error, not a silently ignored entry.
 *
 * A baselined failure is a *waiver*: it stays `failed` in the results (marked `baselined`),
 * is shown in every report, and does not fail the verdict or the exit code; the verdict
 * then reads "PASSED with N waivers" (report.json: `waivers`), never a plain PASSED. In
 * junit.xml a waived failure is not a `<failure>` (CI stays green, as the exit code does);
 * its reason and expiry are in the testcase's `<system-out>`. Entries no failure matched
 * are reported as stale.
 */
import { readFileSync } from 'node:fs';
import type { CheckResult, RunReport } from './model.ts';
import { failedRules, refreshReport } from './report.ts';
import { ruleCatalogue } from './rules.ts';
import type { RuleInfo } from './rules.ts';

export interface BaselineEntry {
  check?: string;
  rule?: string;
  reason: string;
  /** `YYYY-MM-DD`, inclusive. */
  expires: string;
}

export interface Baseline {
  /** Where the baseline was read from, for messages. */
  file: string;
  entries: BaselineEntry[];
}

/** The baseline file cannot be used: unreadable, not JSON, or an entry is invalid. `field` names the fault. */
export class BaselineError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BaselineError';
  }
}

const ENTRY_KEYS = new Set(['check', 'rule', 'reason', 'expires']);
const RULE_ID = /^OU-[A-Z]+\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads and validates a baseline file.
 *
 * @throws BaselineError naming the file and the faulty entry and field
 * @example
 * const baseline = loadBaseline('ou-baseline.json');
 */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BaselineError(`cannot read baseline file ${file}: ${reason}`, file);
  }
  return parseBaseline(text, file);
}

/**
 * Validates a baseline file's text (see the module comment for the format).
 *
 * @throws BaselineError naming the faulty entry and field, e.g. `entries[2].expires`
 */
export function parseBaseline(text: string, file = '<baseline>'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`baseline file ${file} is not valid JSON: ${(error as Error).message}`, file);
  }
  const fail = (field: string, problem: string): never => {
    throw new BaselineError(`baseline file ${file}: ${field} ${problem}`, file, field);
  };
  if (!isRecord(data)) return fail('top level', 'must be an object {"entries": [...]}');
  for (const key of Object.keys(data)) {
    if (key !== 'entries') fail(key, 'is not a known key (expected only "entries")');
  }
  if (!Array.isArray(data.entries)) return fail('entries', 'must be an array');

  const entries = data.entries.map((raw: unknown, i: number): BaselineEntry => {
    const at = `entries[${i}]`;
    if (!isRecord(raw)) return fail(at, 'must be an object');
    for (const key of Object.keys(raw)) {
      if (!ENTRY_KEYS.has(key)) fail(`${at}.${key}`, 'is not a known key (expected check, rule, reason, expires)');
    }
    const { check, rule, reason, expires } = raw;
    if (check === undefined && rule === undefined) fail(at, 'needs "check" or "rule" (or both)');
    if (check !== undefined && (typeof check !== 'string' || check.trim() === '')) fail(`${at}.check`, 'must be a non-empty string');
    if (rule !== undefined && (typeof rule !== 'string' || !RULE_ID.test(rule))) fail(`${at}.rule`, 'must be a rule id such as "OU-L2"');
    if (reason === undefined) fail(`${at}.reason`, 'is required: say why the failure is accepted');
    if (typeof reason !== 'string' || reason.trim() === '') fail(`${at}.reason`, 'must be a non-empty string');
    if (expires === undefined) fail(`${at}.expires`, 'is required (YYYY-MM-DD)');
    if (typeof expires !== 'string' || !isCalendarDate(expires)) fail(`${at}.expires`, `must be a real date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    const entry: BaselineEntry = { reason: reason as string, expires: expires as string };
    if (check !== undefined) entry.check = check as string;
    if (rule !== undefined) entry.rule = rule as string;
    return entry;
  });
  return { file, entries };
}

export interface BaselineOutcome {
  /** The report with covered failures marked `baselined`; summary, verdict, rows and coverage recomputed. */
  report: RunReport;
  /** Stale entries (nothing matched), expired entries whose failures count again, partial matches. */
  warnings: string[];
}

/**
 * Marks the failed checks an unexpired entry covers as `baselined`. A check counts as
 * covered when, for every rule its failing assertions broke, some entry matches (check,
 * rule): an entry for one rule cannot excuse a check that also breaks another. The verdict of a level
 * then ignores baselined checks.
 *
 * @param today the day to judge expiry by: a `YYYY-MM-DD` string or a Date (its local day)
 * @param catalogue the rules, for recomputing rule rows and coverage
 * @example
 * const { report: judged, warnings } = applyBaseline(report, loadBaseline('b.json'));
 */
export function applyBaseline(
  report: RunReport,
  baseline: Baseline,
  today: string | Date = new Date(),
  catalogue: readonly RuleInfo[] = report.catalogue ?? ruleCatalogue(),
): BaselineOutcome {
  const day = typeof today === 'string' ? today : localDay(today);
  const used = new Set<number>();
  const expired = new Set<number>();
  const partial = new Map<number, string>();

  const checks = report.checks.map((c): CheckResult => {
    const { baselined: _previous, ...rest } = c;
    if (c.status !== 'failed') return rest;
    const broken = failedRules(c);
    const hits = broken.map((rule) => {
      const matching = baseline.entries.flatMap((e, i) => (matches(e, c.check, rule) ? [i] : []));
      for (const i of matching) if (isExpired(baseline.entries[i] as BaselineEntry, day)) expired.add(i);
      return matching.find((i) => !isExpired(baseline.entries[i] as BaselineEntry, day));
    });
    const active = hits.filter((i): i is number => i !== undefined);
    if (active.length === 0) return rest;
    if (active.length < hits.length) {
      for (const i of active) partial.set(i, `${c.check} (rules ${broken.join(', ')})`);
      return rest;
    }
    for (const i of active) used.add(i);
    const entry = baseline.entries[active[0] as number] as BaselineEntry;
    return { ...rest, baselined: { reason: entry.reason, expires: entry.expires } };
  });

  const warnings: string[] = [];
  baseline.entries.forEach((e, i) => {
    if (used.has(i)) return;
    const label = `baseline entry entries[${i}] (${describe(e)})`;
    const part = partial.get(i);
    if (part !== undefined) warnings.push(`${label} covers only part of failing check ${part}: the check still fails`);
    else if (expired.has(i)) warnings.push(`${label} expired on ${e.expires}: the failures it matches count again`);
    else if (isExpired(e, day)) warnings.push(`${label} is stale: it expired on ${e.expires} and no failure matches it; remove it`);
    else warnings.push(`${label} is stale: no failure matches it; remove it`);
  });
  return { report: refreshReport({ ...report, checks }, catalogue), warnings };
}

/**
 * Whether an unexpired entry covers every rule this failed check broke: the test
 * `applyBaseline` applies, for marking progress lines while a run goes on.
 */
export function isBaselined(result: CheckResult, baseline: Baseline, today: string | Date = new Date()): boolean {
  const day = typeof today === 'string' ? today : localDay(today);
  const broken = failedRules(result);
  return broken.length > 0 && broken.every((rule) => baseline.entries.some((e) => matches(e, result.check, rule) && !isExpired(e, day)));
}

function matches(e: BaselineEntry, check: string, rule: string): boolean {
  return (e.check === undefined || e.check === check) && (e.rule === undefined || e.rule === rule);
}

/** An entry holds through its expiry day; `YYYY-MM-DD` strings compare as dates. */
function isExpired(e: BaselineEntry, day: string): boolean {
  return e.expires < day;
}

function describe(e: BaselineEntry): string {
  return [e.check !== undefined ? `check ${e.check}` : '', e.rule !== undefined ? `rule ${e.rule}` : ''].filter((s) => s !== '').join(', ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `YYYY-MM-DD` naming a day that exists (no 2025-02-30). */
function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function localDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
