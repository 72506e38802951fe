import type { CheckResult, Level, RunReport } from '../suites/model.ts';
import { verdictText } from '../suites/report.ts';
import { xmlAttr, xmlText } from './escape.ts';
import { evidenceText } from './evidence-text.ts';
import { failures } from './failures.ts';
import type { Failure } from './failures.ts';

const LEVELS: readonly Level[] = ['core', 'profile', 'hardening'];

/**
 * junit.xml for CI systems, valid against the Jenkins/Ant `junit-10.xsd`: one `<testsuite>`
 * per level (core, profile, hardening) and one `<testcase>` per check. Only a failure that
 * fails the gate (a MUST rule broken outside the baseline) is a `<failure>`, so the file
 * agrees with the exit code; a waived failure and one that broke only SHOULD or hardening
 * rules passes for the parser and carries its outcome and evidence in `<system-out>`, and
 * is listed in its suite's `<properties>`. A skipped check is `<skipped message="why"/>`.
 * Each suite's properties also give its verdict and the rules it could not check. A run
 * with `--lint` adds a `lint` suite whose one testcase fails on lint errors.
 *
 * @example
 * writeFileSync('junit.xml', renderJunit(report));
 */
export function renderJunit(report: RunReport): string {
  const byCheck = new Map(failures(report).map((f) => [f.check.check, f]));
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const suites: string[] = [];
  let tests = 0;
  let failed = 0;
  let totalMs = 0;
  for (const level of LEVELS) {
    const checks = report.checks.filter((c) => c.level === level);
    const notChecked = report.not_checked.filter((n) => n.level === level);
    if (checks.length === 0 && notChecked.length === 0) continue;
    const ms = checks.reduce((sum, c) => sum + c.duration_ms, 0);
    const gate = checks.filter((c) => byCheck.get(c.check)?.kind === 'gate').length;
    tests += checks.length;
    failed += gate;
    totalMs += ms;
    const properties = [
      property('dialect', report.dialect ?? 'ou-api'),
      property('verdict', verdictText(report, level)),
      property('fails the run', level === 'core' ? 'yes: a MUST rule failing outside the baseline fails the gate' : 'no: reported only'),
      ...notChecked.map((n) => property(`not checked: ${n.rule}`, n.reason)),
      ...checks.flatMap((c) => {
        const f = byCheck.get(c.check);
        return f !== undefined && f.kind !== 'gate' ? [property(`${f.kind === 'waived' ? 'waived' : 'not failing the gate'}: ${c.check}`, outcome(f))] : [];
      }),
    ];
    suites.push(
      `  <testsuite name="${xmlAttr(`ou-contract.${level}`)}" tests="${checks.length}" failures="${gate}" errors="0" skipped="${checks.filter((c) => c.status === 'skipped').length}" time="${seconds(ms)}" timestamp="${xmlAttr(report.started_at)}">`,
      '    <properties>',
      ...properties,
      '    </properties>',
      ...checks.flatMap((c) => testcase(c, byCheck.get(c.check), seconds(c.duration_ms))),
      '  </testsuite>',
    );
  }
  if (report.lint !== undefined) {
    const lint = report.lint;
    tests++;
    if (lint.errors > 0) failed++;
    const open = `    <testcase name="${xmlAttr(`lint ${lint.file}`)}" classname="ou-contract.lint" time="0.000"`;
    suites.push(
      `  <testsuite name="ou-contract.lint" tests="1" failures="${lint.errors > 0 ? 1 : 0}" errors="0" skipped="0" time="0.000" timestamp="${xmlAttr(report.started_at)}">`,
      ...(lint.errors > 0
        ? [`${open}>`, `      <failure message="${xmlAttr(`${lint.errors} lint error(s), ${lint.warnings} warning(s)`)}" type="lint">${xmlText(lint.messages.join('\n'))}</failure>`, '    </testcase>']
        : [`${open}/>`]),
      '  </testsuite>',
    );
  }
  const name = `ou-contract verify ${report.target}${report.interrupted !== undefined ? ` (interrupted: ${report.interrupted.reason})` : ''}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(name)}" tests="${tests}" failures="${failed}" errors="0" time="${seconds(totalMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function property(name: string, value: string): string {
  return `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`;
}

/** A failure in one line: which rules it broke, and why it does or does not fail the run. */
function outcome(f: Failure): string {
  const rules = f.rules.map((r) => `${r.rule} (${r.level === 'core' ? 'MUST' : r.level === 'profile' ? 'SHOULD' : 'hardening'})`).join(', ');
  const baselined = f.check.baselined;
  if (f.kind === 'waived' && baselined !== undefined) return `failed on ${rules}; waived until ${baselined.expires}: ${baselined.reason}`;
  if (f.kind === 'non-gate') return `failed on ${rules}; does not fail the gate`;
  return `failed on ${rules}`;
}

function testcase(check: CheckResult, failure: Failure | undefined, time: string): string[] {
  const open = `    <testcase name="${xmlAttr(`${check.check} [${check.rules.join(' ')}] · ${check.title}`)}" classname="${xmlAttr(`ou-contract.${check.level}`)}" time="${time}"`;
  if (check.status === 'skipped') return [`${open}>`, `      <skipped message="${xmlAttr(check.message)}"/>`, '    </testcase>'];
  if (failure === undefined) return [`${open}/>`];
  const body = [check.message, ...(check.evidence ?? []).map(evidenceText)].join('\n\n');
  if (failure.kind === 'gate') {
    const type = failure.rules.map((r) => r.rule).join(' ');
    return [`${open}>`, `      <failure message="${xmlAttr(check.message)}" type="${xmlAttr(type)}">${xmlText(body)}</failure>`, '    </testcase>'];
  }
  const note = outcome(failure);
  return [`${open}>`, `      <system-out>${xmlText(`${note.charAt(0).toUpperCase()}${note.slice(1)}.\n\n${body}`)}</system-out>`, '    </testcase>'];
}
