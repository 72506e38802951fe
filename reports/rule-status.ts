import type { Level, RuleResult, RunReport } from '../suites/model.ts';
import type { RuleInfo } from '../suites/rules.ts';
import { catalogueOf } from './catalogue.ts';

/** A rule's outcome over all its checks; `baselined` = failed, but only in baselined checks. */
export type RuleOutcome = 'failed' | 'baselined' | 'passed' | 'skipped' | 'not checked';

export interface RuleRow {
  id: string;
  level: Level;
  /** The heading the rule sits under in the behaviour document. */
  section: string;
  /** The rule's text. */
  text: string;
  outcome: RuleOutcome;
  /** The (rule, check) results for this rule, in report order. */
  results: RuleResult[];
}

/** Rule ids are `OU-<letter><n>`; the letter names the document's section. */
const SECTIONS: Readonly<Record<string, string>> = {
  T: 'Tenant',
  H: 'Hierarchy and paths',
  E: 'Envelopes and errors',
  A: 'Authentication',
  L: 'List OUs',
  C: 'Create OU',
  R: 'Tree',
  G: 'Get OU',
  U: 'Update OU',
  D: 'Delete OU',
  S: 'Users of an OU',
};

/** The section of a rule id, e.g. `OU-L2` → `List OUs`; unknown letters → `Other rules`. */
export function sectionOf(ruleId: string): string {
  return SECTIONS[/^OU-([A-Z]+)\d+$/.exec(ruleId)?.[1] ?? ''] ?? 'Other rules';
}

/**
 * Every rule of the behaviour document with its outcome, in document order, followed by
 * any rule id the report holds that the document does not, so nothing a check reported
 * is dropped and a rule no check covered shows as "not checked".
 *
 * @example
 * ruleRows(report).filter((r) => r.outcome === 'failed').map((r) => r.id);
 */
export function ruleRows(report: Pick<RunReport, 'results' | 'catalogue'>, catalogue: readonly RuleInfo[] = catalogueOf(report)): RuleRow[] {
  const byRule = new Map<string, RuleResult[]>();
  for (const result of report.results) {
    const list = byRule.get(result.rule) ?? [];
    list.push(result);
    byRule.set(result.rule, list);
  }
  const row = (id: string, level: Level, text: string): RuleRow => {
    const results = byRule.get(id) ?? [];
    return { id, level, section: sectionOf(id), text, outcome: outcomeOf(results), results };
  };
  const rows = catalogue.map((rule) => row(rule.id, rule.level, rule.text));
  const known = new Set(catalogue.map((r) => r.id));
  for (const [id, results] of byRule) {
    const first = results[0];
    if (!known.has(id) && first) rows.push(row(id, first.level, first.title));
  }
  return rows;
}

function outcomeOf(results: readonly RuleResult[]): RuleOutcome {
  if (results.length === 0) return 'not checked';
  if (results.some((r) => r.status === 'failed' && !r.baselined)) return 'failed';
  if (results.some((r) => r.status === 'failed')) return 'baselined';
  if (results.some((r) => r.status === 'passed')) return 'passed';
  return 'skipped';
}
