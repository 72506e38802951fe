import type { Observed } from './client.ts';
import type { ContractModel } from './contract-model.ts';
import type { CheckResult, Level, OperationCoverage, RuleCoverage, RuleResult, RunReport, Verdict } from './model.ts';
import { HARDENING } from './rules.ts';
import type { RuleInfo } from './rules.ts';

/** A failure that counts: failed and not excused by the baseline. */
function counts(result: CheckResult): boolean {
  return result.status === 'failed' && result.baselined === undefined;
}

/**
 * The rules a failed check broke: those its failing assertions named. A report of an
 * older version carries no `failed_rules`: then every rule of the check counts as failed.
 */
export function failedRules(result: CheckResult): readonly string[] {
  if (result.status !== 'failed') return [];
  return result.failed_rules ?? result.rules;
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

interface RuleJudgement {
  rule: string;
  /** The rule's own level (the catalogue's: MUST core, SHOULD profile, HARDENING hardening). */
  level: Level;
  /** Levels at which the rule failed outside the baseline. */
  failedAt: Set<Level>;
  /** Levels at which the rule failed only in baselined checks. */
  waivedAt: Set<Level>;
  /** Some check of the rule ran (was not skipped). */
  checked: boolean;
  /** Why it was not checked (the skip reasons of its checks, or that no check covers it). */
  reason?: string;
}

/**
 * The level at which a failure of `rule` in `check` counts: a MUST rule broken in a core
 * check is core; in a profile check (which asserts a rule's SHOULD part, e.g. the order
 * of OU-L4) it is profile; a hardening check or the HARDENING rule is hardening.
 */
export function failureLevel(check: Pick<CheckResult, 'level'>, ruleLevel: Level): Level {
  if (check.level === 'hardening' || ruleLevel === 'hardening') return 'hardening';
  return check.level === 'core' && ruleLevel === 'core' ? 'core' : 'profile';
}

/**
 * Judges every rule of the catalogue (and any rule a check names that the catalogue
 * lacks) from the failing assertions: a rule fails at a level only when an assertion
 * named it; it is checked when some check listing it ran.
 */
function judgeRules(checks: readonly CheckResult[], catalogue: readonly RuleInfo[]): RuleJudgement[] {
  const levels = new Map<string, Level>(catalogue.map((r) => [r.id, r.level]));
  for (const c of checks) for (const rule of [...c.rules, ...failedRules(c)]) if (!levels.has(rule)) levels.set(rule, c.level);
  return [...levels].map(([rule, level]) => {
    const mine = checks.filter((c) => c.rules.includes(rule) || failedRules(c).includes(rule));
    const judgement: RuleJudgement = { rule, level, failedAt: new Set(), waivedAt: new Set(), checked: mine.some((c) => c.status !== 'skipped') };
    for (const c of mine.filter((m) => failedRules(m).includes(rule))) {
      (counts(c) ? judgement.failedAt : judgement.waivedAt).add(failureLevel(c, level));
    }
    if (!judgement.checked) {
      const reasons = [...new Set(mine.map((c) => c.message).filter((m) => m !== ''))];
      judgement.reason = reasons.length > 0 ? reasons.join('; ') : 'no selected check covers it';
    }
    return judgement;
  });
}

/** The rule levels a verdict covers: `profile` includes `core`; `hardening` stands alone. */
export function levelsOf(level: Level): readonly Level[] {
  return level === 'core' ? ['core'] : level === 'profile' ? ['core', 'profile'] : ['hardening'];
}

function verdictOver(judged: readonly RuleJudgement[], level: Level, interrupted: boolean): Verdict {
  const covered = levelsOf(level);
  if (judged.some((j) => covered.some((l) => j.failedAt.has(l)))) return 'failed';
  if (interrupted || judged.some((j) => covered.includes(j.level) && !j.checked)) return 'incomplete';
  return 'passed';
}

/**
 * Verdict per level, computed per rule from the failing assertions: only the rules they
 * name fail. A level with nothing failed is `incomplete` while any of its rules went
 * unchecked, or when the run was interrupted.
 */
export function verdictOf(checks: readonly CheckResult[], catalogue: readonly RuleInfo[], interrupted = false): RunReport['verdict'] {
  return verdicts(judgeRules(checks, catalogue), interrupted);
}

function verdicts(judged: readonly RuleJudgement[], interrupted: boolean): RunReport['verdict'] {
  return {
    core: verdictOver(judged, 'core', interrupted),
    profile: verdictOver(judged, 'profile', interrupted),
    hardening: verdictOver(judged, 'hardening', interrupted),
  };
}

/**
 * Summary, verdicts, waivers, unchecked rules and rule rows of a run, all from its check
 * results. `waivers` counts the core rules whose failures the baseline excuses (the gate
 * is the core verdict).
 */
export function judgeRun(
  checks: readonly CheckResult[],
  catalogue: readonly RuleInfo[],
  interrupted = false,
): Pick<RunReport, 'summary' | 'verdict' | 'waivers' | 'not_checked' | 'results'> {
  const judged = judgeRules(checks, catalogue);
  return {
    summary: summarize(checks),
    verdict: verdicts(judged, interrupted),
    waivers: judged.filter((j) => j.waivedAt.has('core') && !j.failedAt.has('core')).length,
    not_checked: judged.flatMap((j) => (!j.checked && j.level !== 'hardening' ? [{ rule: j.rule, level: j.level, reason: j.reason ?? '' }] : [])),
    results: ruleResults(checks, catalogue),
  };
}

/**
 * One row per (rule, check), in catalogue order, then any rule the catalogue lacks, at the
 * level its failure would count (`failureLevel`). A row of a failed check is failed only
 * for the rules its failing assertions named, with just the evidence of that rule; for
 * its other rules the check's assertions passed.
 */
export function ruleResults(checks: readonly CheckResult[], catalogue: readonly RuleInfo[]): RuleResult[] {
  const info = new Map(catalogue.map((r, i) => [r.id, { rank: i, rule: r }]));
  const rows: RuleResult[] = [];
  for (const c of checks) {
    const broken = failedRules(c);
    // A fixture the check could not create breaks OU-C1 even where the check does not list it.
    for (const rule of [...new Set([...c.rules, ...broken])]) {
      const known = info.get(rule)?.rule;
      const row: RuleResult = {
        rule,
        level: failureLevel(c, known?.level ?? c.level),
        title: known?.text ?? c.title,
        status: c.status,
        message: c.message,
        check: c.check,
      };
      if (c.status === 'failed' && !broken.includes(rule)) {
        row.status = 'passed';
        row.message = `${rule} held; the check failed on ${broken.join(', ')}`;
      } else if (c.status === 'failed') {
        const evidence = c.evidence?.filter((e) => e.rule === undefined || e.rule === rule);
        if (evidence !== undefined && evidence.length > 0) row.evidence = evidence;
        if (c.baselined !== undefined) row.baselined = c.baselined;
      }
      rows.push(row);
    }
  }
  const rank = (rule: string): number => info.get(rule)?.rank ?? Number.MAX_SAFE_INTEGER;
  return rows.sort((a, b) => rank(a.rule) - rank(b.rule) || a.rule.localeCompare(b.rule) || a.check.localeCompare(b.check));
}

/** Rule coverage of the behaviour document's rules (HARDENING is not one of them). */
export function ruleCoverage(checks: readonly CheckResult[], catalogue: readonly RuleInfo[]): RuleCoverage {
  const checked = judgeRules(checks, catalogue).filter((j) => j.rule !== HARDENING.id && j.checked);
  return {
    total: catalogue.filter((r) => r.id !== HARDENING.id).length,
    checkable: checked.length,
    passed: checked.filter((j) => j.failedAt.size === 0).length,
    failed: checked.filter((j) => j.failedAt.size > 0).length,
  };
}

/** Per operation: documented statuses observed, never exercised, and undocumented ones received. */
export function operationCoverage(model: ContractModel<string>, observed: Observed): OperationCoverage[] {
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
 * Recomputes summary, verdicts, waivers, unchecked rules, rule rows and rule coverage
 * after check results changed (e.g. the baseline marked some failures), keeping
 * everything else of `report`.
 */
export function refreshReport(report: RunReport, catalogue: readonly RuleInfo[]): RunReport {
  return {
    ...report,
    ...judgeRun(report.checks, catalogue, report.interrupted !== undefined),
    coverage: { ...report.coverage, rules: ruleCoverage(report.checks, catalogue) },
  };
}

/** Exit codes the gate gives `verify`: 0 passed, 1 failed, 3 incomplete (2, usage, is the CLI's own). */
export const GATE_EXIT = { passed: 0, failed: 1, incomplete: 3 } as const;

export type GateExit = (typeof GATE_EXIT)[keyof typeof GATE_EXIT];

/**
 * The exit code of a run at the CI gate, the core verdict: 1 when a MUST rule failed
 * outside the baseline or the vendor's spec had lint errors; 3 when nothing failed but a
 * MUST rule was not checked (or the run was interrupted), unless `allowIncomplete`; else 0.
 * SHOULD and hardening failures never fail the gate.
 *
 * @example
 * process.exitCode = failsGate(report, { allowIncomplete: flags.allowIncomplete });
 */
export function failsGate(report: Pick<RunReport, 'verdict' | 'lint'>, options: { allowIncomplete?: boolean } = {}): GateExit {
  if (report.verdict.core === 'failed' || (report.lint?.errors ?? 0) > 0) return GATE_EXIT.failed;
  if (report.verdict.core === 'incomplete' && options.allowIncomplete !== true) return GATE_EXIT.incomplete;
  return GATE_EXIT.passed;
}

/**
 * A level's verdict in words, the same in every report: `PASSED`, `PASSED with 2 waivers`,
 * `FAILED`, or `INCOMPLETE (3 rules not checked)`.
 *
 * @example
 * verdictText(report, 'core'); // 'PASSED with 1 waiver'
 */
export function verdictText(report: Pick<RunReport, 'verdict' | 'results' | 'not_checked' | 'interrupted'>, level: Level): string {
  const verdict = report.verdict[level];
  if (verdict === 'failed') return 'FAILED';
  if (verdict === 'incomplete') {
    const missing = report.not_checked.filter((n) => levelsOf(level).includes(n.level)).length;
    if (missing > 0) return `INCOMPLETE (${missing} ${missing === 1 ? 'rule' : 'rules'} not checked)`;
    return report.interrupted !== undefined ? `INCOMPLETE (interrupted: ${report.interrupted.reason})` : 'INCOMPLETE (not run)';
  }
  const waived = new Set(report.results.filter((r) => levelsOf(level).includes(r.level) && r.status === 'failed' && r.baselined !== undefined).map((r) => r.rule));
  if (waived.size === 0) return 'PASSED';
  return `PASSED with ${waived.size} ${waived.size === 1 ? 'waiver' : 'waivers'}`;
}
