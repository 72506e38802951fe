import type { CheckResult, Level, RunReport } from '../suites/model.ts';
import { verdictText } from '../suites/report.ts';
import { visibleControls } from './escape.ts';
import { failures } from './failures.ts';
import type { FailureKind } from './failures.ts';
import { apiTitle } from './catalogue.ts';
import { ruleRows } from './rule-status.ts';
import type { RuleOutcome } from './rule-status.ts';

export interface TerminalStyle {
  /** ANSI colours; only when writing to a TTY. */
  color: boolean;
}

const PLAIN: TerminalStyle = { color: false };
const MAX_MESSAGE = 160;

const SYMBOL = { passed: '✓', failed: '✗', skipped: '-' } as const;
const ANSI = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1 } as const;

function paint(style: TerminalStyle, code: keyof typeof ANSI, text: string): string {
  return style.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text;
}

/** A vendor's message on one line, with any control character (escape sequences) made visible. */
function oneLine(text: string, max = MAX_MESSAGE): string {
  const flat = visibleControls(text.replace(/\s+/g, ' ').trim());
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * The progress line for a finished check: `✓ pagination.walk [OU-L2 OU-L4] 12 ms`,
 * with the message after a dash for failures and skips.
 *
 * @example
 * runSuite(config, { onCheckEnd: (r) => console.log(progressLine(r)) });
 */
export function progressLine(result: CheckResult, style: TerminalStyle = PLAIN, baselined = false): string {
  const colour = result.status === 'passed' ? 'green' : result.status === 'failed' ? (baselined ? 'yellow' : 'red') : 'dim';
  const head = `${paint(style, colour, SYMBOL[result.status])} ${result.check} [${result.rules.join(' ')}] ${Math.round(result.duration_ms)} ms`;
  const tag = baselined ? ' (baselined)' : '';
  return result.status === 'passed' ? head : `${head}${tag} — ${oneLine(result.message)}`;
}

export interface SummaryExtras {
  /** Where the reports were written (`dir`: the folder the curls of large bodies run from). */
  paths?: { dir?: string; html: string; json: string; junit: string };
  /** Baseline warnings (stale or expired entries). */
  warnings?: readonly string[];
}

const OUTCOME_COLOUR: Record<RuleOutcome, keyof typeof ANSI> = {
  passed: 'green',
  failed: 'red',
  baselined: 'yellow',
  skipped: 'dim',
  'not checked': 'dim',
};

/**
 * The end-of-run summary: one line per rule of the behaviour document, the totals,
 * the verdict per level, lint, baseline warnings and where the reports are.
 */
export function summaryText(report: RunReport, extras: SummaryExtras = {}, style: TerminalStyle = PLAIN): string {
  const rows = ruleRows(report);
  const idWidth = Math.max(0, ...rows.map((r) => r.id.length));
  const lines = ['', paint(style, 'bold', `Rules of the ${apiTitle(report)}`)];
  for (const row of rows.filter((r) => r.outcome !== 'not checked')) {
    const level = row.level === 'core' ? 'MUST  ' : row.level === 'profile' ? 'SHOULD' : 'LIMIT ';
    const outcome = paint(style, OUTCOME_COLOUR[row.outcome], row.outcome.padEnd(9));
    lines.push(`  ${row.id.padEnd(idWidth)}  ${level}  ${outcome}  ${oneLine(row.text, 72)}`);
  }
  const unchecked = rows.filter((r) => r.outcome === 'not checked').map((r) => r.id);
  if (unchecked.length > 0) lines.push(paint(style, 'dim', wrapIds('  not checked: ', unchecked)));
  lines.push(...failureLines(report, extras.paths?.dir, style));
  const count = (outcome: RuleOutcome): number => rows.filter((r) => r.outcome === outcome).length;
  const { passed, failed, skipped, baselined } = report.summary;
  lines.push(
    '',
    `Checks: ${passed} passed, ${failed} failed, ${baselined} baselined, ${skipped} skipped · ${report.requests} requests in ${(report.duration_ms / 1000).toFixed(1)} s`,
    `Rules:  ${rows.length} in the document: ${count('passed')} passed, ${count('failed')} failed, ${count('baselined')} baselined, ${count('skipped')} skipped, ${unchecked.length} not checked`,
  );
  const verdict = (level: Level): string => {
    const colour = { passed: 'green', failed: 'red', incomplete: 'yellow' } as const;
    return paint(style, colour[report.verdict[level]], verdictText(report, level));
  };
  const profile = report.level === 'core' ? paint(style, 'dim', 'NOT RUN') : verdict('profile');
  const hardening = report.level === 'core' ? paint(style, 'dim', 'NOT RUN') : verdict('hardening');
  if (report.interrupted) lines.push(paint(style, 'yellow', `Interrupted: ${oneLine(report.interrupted.reason)} — a partial report; checks not finished are skipped`));
  lines.push(`Verdict: core ${verdict('core')} · profile ${profile} · hardening ${hardening}`);
  // Why each MUST rule went unchecked, by reason: what to give for a complete verdict.
  const reasons = new Map<string, string[]>();
  for (const { rule, reason } of report.not_checked.filter((n) => n.level === 'core')) reasons.set(reason, [...(reasons.get(reason) ?? []), rule]);
  for (const [reason, rules] of reasons) {
    lines.push(paint(style, 'yellow', `${wrapIds('  unchecked: ', rules)}\n    — ${oneLine(reason, 120)}`));
  }
  if (report.lint) {
    const failing = report.lint.errors > 0 ? paint(style, 'red', ' — lint errors fail the run') : '';
    lines.push(`Lint:   ${report.lint.errors} error(s), ${report.lint.warnings} warning(s) in ${report.lint.file}${failing}`);
  }
  for (const warning of extras.warnings ?? []) lines.push(paint(style, 'yellow', `warning: ${warning}`));
  for (const problem of report.cleanup_problems ?? []) lines.push(paint(style, 'yellow', `warning: cleanup: ${oneLine(problem)}`));
  if (extras.paths) {
    lines.push(`Reports: ${extras.paths.html}`, `         ${extras.paths.json}`, `         ${extras.paths.junit}`);
  }
  return lines.join('\n');
}

/**
 * What `--keep-fixtures` left on the target, and the commands that remove it.
 *
 * @example
 * runSuite(config, { onFixturesKept: (kept) => console.log(keptText(kept)) });
 */
export function keptText(kept: { describe: string; removal: readonly string[] }, style: TerminalStyle = PLAIN): string {
  return [
    paint(style, 'yellow', `Kept for replay (--keep-fixtures): ${visibleControls(kept.describe)}`),
    'Remove them when done (with OU_TOKEN set):',
    ...kept.removal.map((command) => `  ${visibleControls(command)}`),
  ].join('\n');
}

/** Curls longer than this are shortened on the terminal; the reports hold them whole. */
const MAX_CURL = 1000;

const KIND_LABEL: Record<FailureKind, string> = {
  gate: 'fails the gate',
  waived: 'waived by the baseline',
  'non-gate': 'SHOULD/hardening only, does not fail the gate',
};

/**
 * Every failed check, gate failures first: the rules it broke, its message and a curl
 * per exchange, so a vendor can start replaying from the terminal.
 */
function failureLines(report: RunReport, dir: string | undefined, style: TerminalStyle): string[] {
  const order: FailureKind[] = ['gate', 'waived', 'non-gate'];
  const all = failures(report).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  if (all.length === 0) return [];
  const lines = ['', paint(style, 'bold', `Failures (${all.length})`)];
  let fromFiles = false;
  for (const { check, kind, rules } of all) {
    const colour = kind === 'gate' ? 'red' : 'yellow';
    const named = rules.map((r) => `${r.rule} ${r.level === 'core' ? 'MUST' : r.level === 'profile' ? 'SHOULD' : 'LIMIT'}`).join(', ');
    lines.push(`  ${paint(style, colour, SYMBOL.failed)} ${check.check} [${named}] — ${KIND_LABEL[kind]}`, `    ${oneLine(check.message, 300)}`);
    for (const e of check.evidence ?? []) {
      const curl = visibleControls(e.curl);
      lines.push(`    ${e.rule !== undefined ? `[${e.rule}] ` : ''}${curl.length > MAX_CURL ? `${curl.slice(0, MAX_CURL)}… (whole curl in report.json)` : curl}`);
      if (e.body_file !== undefined) fromFiles = true;
    }
  }
  if (fromFiles) lines.push(paint(style, 'dim', `  Curls with @bodies/… read the body from a file: run them from ${dir ?? 'the report folder'}.`));
  return lines;
}

/** `  label id id id…` broken before 100 columns, continuation lines aligned under the first id. */
function wrapIds(label: string, ids: readonly string[]): string {
  const rows: string[] = [];
  let row = '';
  for (const id of ids) {
    if (row !== '' && label.length + row.length + id.length + 1 > 100) {
      rows.push(row);
      row = '';
    }
    row = row === '' ? id : `${row} ${id}`;
  }
  rows.push(row);
  return rows.map((r, i) => (i === 0 ? label : ' '.repeat(label.length)) + r).join('\n');
}
