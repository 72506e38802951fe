import type { RunReport } from '../suites/model.ts';
import type { RuleInfo } from '../suites/rules.ts';

/**
 * The rules a report was judged by: the catalogue the run carried, so a report of any dialect
 * reads without its rule document. A report of an older version carries none: its rule rows
 * (one per rule of the catalogue it was judged by) give the rules then.
 */
export function catalogueOf(report: Pick<RunReport, 'catalogue' | 'results'>): RuleInfo[] {
  if (report.catalogue !== undefined) return report.catalogue;
  const rules = new Map<string, RuleInfo>();
  for (const r of report.results) if (!rules.has(r.rule)) rules.set(r.rule, { id: r.rule, level: r.level, text: r.title });
  return [...rules.values()];
}

/** The API a report is about, as its title names it. */
export function apiTitle(report: Pick<RunReport, 'dialect'>): string {
  return report.dialect === undefined || report.dialect === 'ou-api' ? 'OU API' : `${report.dialect} API`;
}
