import type { CheckResult, Evidence, Level, RunReport } from '../suites/model.ts';
import { failedRules, failureLevel } from '../suites/report.ts';
import type { RuleInfo } from '../suites/rules.ts';
import { catalogueOf } from './catalogue.ts';

/**
 * How a failed check weighs at the CI gate (the core verdict): `gate` fails the run;
 * `waived` broke a MUST rule but the baseline excuses it; `non-gate` broke only SHOULD or
 * hardening rules, reported but never failing the run.
 */
export type FailureKind = 'gate' | 'waived' | 'non-gate';

export interface Failure {
  check: CheckResult;
  kind: FailureKind;
  /** The rules its failing assertions named, each with the level its failure counts at (`failureLevel`). */
  rules: { rule: string; level: Level }[];
}

/**
 * Every failed check of the run with how it weighs at the gate, in report order.
 *
 * @example
 * failures(report).filter((f) => f.kind === 'gate').map((f) => f.check.check);
 */
export function failures(report: Pick<RunReport, 'checks' | 'catalogue' | 'results'>, catalogue: readonly RuleInfo[] = catalogueOf(report)): Failure[] {
  const levels = new Map(catalogue.map((r) => [r.id, r.level]));
  return report.checks.flatMap((check) => {
    if (check.status !== 'failed') return [];
    const rules = failedRules(check).map((rule) => ({ rule, level: failureLevel(check, levels.get(rule) ?? check.level) }));
    const core = rules.some((r) => r.level === 'core');
    const kind: FailureKind = !core ? 'non-gate' : check.baselined !== undefined ? 'waived' : 'gate';
    return [{ check, kind, rules }];
  });
}

/** The evidence of a failure for one of its rules (evidence naming no rule belongs to all). */
export function evidenceFor(check: CheckResult, rule: string): Evidence[] {
  return (check.evidence ?? []).filter((e) => e.rule === undefined || e.rule === rule);
}
