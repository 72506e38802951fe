import type { RuleResult, RunReport } from '../suites/model.ts';
import { xmlAttr, xmlText } from './escape.ts';
import { evidenceText } from './evidence-text.ts';
import { ruleRows } from './rule-status.ts';

/**
 * junit.xml for CI systems: one `<testsuite>` per rule id (document order), one
 * `<testcase>` per (rule, check) result. Failures carry the evidence as their text;
 * a baselined failure stays a failure (as in report.json) with the baseline noted in its message.
 *
 * @example
 * writeFileSync('junit.xml', renderJunit(report));
 */
export function renderJunit(report: RunReport): string {
  const checks = new Map(report.checks.map((c) => [c.check, c]));
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const suites = ruleRows(report).filter((row) => row.results.length > 0);

  const lines: string[] = [];
  let totalMs = 0;
  for (const row of suites) {
    const ms = row.results.reduce((sum, r) => sum + (checks.get(r.check)?.duration_ms ?? 0), 0);
    totalMs += ms;
    const count = (status: RuleResult['status']): number => row.results.filter((r) => r.status === status).length;
    lines.push(
      `  <testsuite name="${xmlAttr(row.id)}" tests="${row.results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(ms)}" timestamp="${xmlAttr(report.started_at)}">`,
      '    <properties>',
      `      <property name="level" value="${row.level}"/>`,
      `      <property name="rule_text" value="${xmlAttr(row.text)}"/>`,
      '    </properties>',
    );
    for (const result of row.results) {
      const check = checks.get(result.check);
      lines.push(...testcase(result, check?.title ?? result.title, seconds(check?.duration_ms ?? 0)));
    }
    lines.push('  </testsuite>');
  }

  const all = report.results;
  const header = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`ou-contract verify ${report.target}`)}" tests="${all.length}" failures="${all.filter((r) => r.status === 'failed').length}" errors="0" skipped="${all.filter((r) => r.status === 'skipped').length}" time="${seconds(totalMs)}" timestamp="${xmlAttr(report.started_at)}">`,
  ];
  return `${[...header, ...lines, '</testsuites>'].join('\n')}\n`;
}

function testcase(result: RuleResult, title: string, time: string): string[] {
  const open = `    <testcase name="${xmlAttr(`${result.rule} · ${title} [${result.check}]`)}" classname="${xmlAttr(`ou-contract.${result.level}.${result.rule}`)}" time="${time}"`;
  if (result.status === 'passed') return [`${open}/>`];
  if (result.status === 'skipped') return [`${open}>`, `      <skipped message="${xmlAttr(result.message)}"/>`, '    </testcase>'];
  const note = result.baselined ? `[baselined until ${result.baselined.expires}: ${result.baselined.reason}] ` : '';
  const body = [result.message, ...(result.evidence ?? []).map(evidenceText)].join('\n\n');
  return [
    `${open}>`,
    `      <failure message="${xmlAttr(note + result.message)}" type="${result.level}">${xmlText(body)}</failure>`,
    '    </testcase>',
  ];
}
