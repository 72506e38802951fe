import { describe, expect, it } from 'vitest';
import type { CheckResult, Evidence, Level, RunReport } from '../model.ts';
import { failsGate, judgeRun, ruleCoverage, verdictText } from '../report.ts';
import type { RuleInfo } from '../rules.ts';
import { HARDENING } from '../rules.ts';

const CATALOGUE: RuleInfo[] = [
  { id: 'OU-L2', level: 'core', text: 'pagination math' },
  { id: 'OU-E3', level: 'core', text: 'schema violations answer 422' },
  { id: 'OU-L4', level: 'core', text: 'order is stable and total; SHOULD: ordered by lower-cased path' },
  { id: 'OU-T1', level: 'core', text: 'tenant isolation' },
  { id: 'OU-A3', level: 'profile', text: 'scopes' },
  HARDENING,
];

function evidence(rule: string): Evidence {
  return { request: { method: 'GET', url: 'http://t/x' }, expected: `${rule} holds`, received: { status: 200 }, curl: 'curl http://t/x', rule };
}

function check(id: string, rules: string[], status: CheckResult['status'], more: Partial<CheckResult> = {}, level: Level = 'core'): CheckResult {
  return { check: id, title: id, rules, level, status, message: status === 'skipped' ? `needs something for ${id}` : '', duration_ms: 1, ...more };
}

/** Every rule of CATALOGUE checked and passing, then `extra` results. */
function run(...extra: CheckResult[]): CheckResult[] {
  return [
    check('pagination.math', ['OU-L2'], 'passed'),
    check('validation.query', ['OU-E3'], 'passed'),
    check('pagination.walk', ['OU-L4'], 'passed'),
    check('tenant.isolation', ['OU-T1'], 'passed'),
    check('auth.scopes', ['OU-A3'], 'passed', {}, 'profile'),
    check('hardening.limits', ['HARDENING'], 'passed', {}, 'hardening'),
    ...extra,
  ];
}

function report(checks: CheckResult[]): Pick<RunReport, 'verdict' | 'results' | 'not_checked' | 'waivers' | 'summary'> {
  return judgeRun(checks, CATALOGUE);
}

describe('verdicts per rule (issue 8)', () => {
  it('a total_pages bug in a check of OU-L2 and OU-E3 fails only OU-L2', () => {
    const checks = run(check('pagination.bounds', ['OU-L2', 'OU-E3'], 'failed', { evidence: [evidence('OU-L2')], failed_rules: ['OU-L2'] }));
    const judged = report(checks);
    const rows = judged.results.filter((r) => r.check === 'pagination.bounds');
    expect(rows.map((r) => [r.rule, r.status])).toEqual([
      ['OU-L2', 'failed'],
      ['OU-E3', 'passed'],
    ]);
    expect(rows[0]?.evidence?.map((e) => e.rule)).toEqual(['OU-L2']);
    expect(rows[1]?.evidence).toBeUndefined();
    expect(judged.verdict.core).toBe('failed');
    expect(ruleCoverage(checks, CATALOGUE)).toEqual({ total: 5, checkable: 5, passed: 4, failed: 1 });
  });

  it('a failure of a MUST rule asserted by a profile check (the SHOULD part of OU-L4) fails profile only', () => {
    const judged = report(run(check('pagination.order', ['OU-L4'], 'failed', { failed_rules: ['OU-L4'] }, 'profile')));
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'failed', hardening: 'passed' });
    expect(failsGate(judged)).toBe(0);
    expect(judged.results.find((r) => r.check === 'pagination.order')).toMatchObject({ level: 'profile', status: 'failed' });
  });

  it('a HARDENING failure fails the hardening verdict only, never core, profile or the gate', () => {
    const judged = report(run(check('hardening.more', ['HARDENING'], 'failed', { failed_rules: ['HARDENING'] }, 'hardening')));
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'passed', hardening: 'failed' });
    expect(failsGate(judged)).toBe(0);
  });

  it('a MUST rule whose every check was skipped makes core INCOMPLETE, naming it and why; exit 3, 0 when allowed', () => {
    const checks = run().map((c) => (c.check === 'tenant.isolation' ? { ...c, status: 'skipped' as const, message: 'needs a second tenant: --other-tenant and --other-token' } : c));
    const judged = report(checks);
    expect(judged.verdict).toEqual({ core: 'incomplete', profile: 'incomplete', hardening: 'passed' });
    expect(judged.not_checked).toEqual([{ rule: 'OU-T1', level: 'core', reason: 'needs a second tenant: --other-tenant and --other-token' }]);
    expect(verdictText({ ...judged, interrupted: undefined } as RunReport, 'core')).toBe('INCOMPLETE (1 rule not checked)');
    expect(failsGate(judged)).toBe(3);
    expect(failsGate(judged, { allowIncomplete: true })).toBe(0);
    expect(ruleCoverage(checks, CATALOGUE)).toMatchObject({ total: 5, checkable: 4 });
  });

  it('a rule no selected check covers is not checked, with that reason; a failure still wins over incomplete', () => {
    const checks = run().filter((c) => c.check !== 'pagination.walk');
    expect(report(checks).not_checked).toEqual([{ rule: 'OU-L4', level: 'core', reason: 'no selected check covers it' }]);
    const failing = [...checks, check('pagination.math2', ['OU-L2'], 'failed', { failed_rules: ['OU-L2'] })];
    expect(report(failing).verdict.core).toBe('failed');
    expect(failsGate(report(failing))).toBe(1);
  });

  it('only SHOULD rules unchecked: core PASSED, profile INCOMPLETE', () => {
    const judged = report(run().filter((c) => c.check !== 'auth.scopes'));
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'incomplete', hardening: 'passed' });
    expect(judged.not_checked).toEqual([{ rule: 'OU-A3', level: 'profile', reason: 'no selected check covers it' }]);
    expect(failsGate(judged)).toBe(0);
  });

  it('baselined failures are waivers: "PASSED with N waivers" at their level', () => {
    const baselined = { reason: 'JIRA-1', expires: '2999-12-31' };
    const judged = report(
      run(
        check('pagination.math2', ['OU-L2'], 'failed', { failed_rules: ['OU-L2'], baselined }),
        check('validation.more', ['OU-E3'], 'failed', { failed_rules: ['OU-E3'], baselined }),
        check('auth.scopes2', ['OU-A3'], 'failed', { failed_rules: ['OU-A3'], baselined }, 'profile'),
      ),
    );
    const full = { ...judged, interrupted: undefined } as RunReport;
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'passed', hardening: 'passed' });
    expect(judged.waivers).toBe(2);
    expect(verdictText(full, 'core')).toBe('PASSED with 2 waivers');
    expect(verdictText(full, 'profile')).toBe('PASSED with 3 waivers');
    expect(verdictText(full, 'hardening')).toBe('PASSED');
    expect(failsGate(judged)).toBe(0);
  });

  it('a crash (failed_rules = every rule of the check) fails each of its rules; an older report without failed_rules too', () => {
    const crash = check('pagination.bounds', ['OU-L2', 'OU-E3'], 'failed', { failed_rules: ['OU-L2', 'OU-E3'] });
    const legacy = check('pagination.bounds', ['OU-L2', 'OU-E3'], 'failed');
    for (const c of [crash, legacy]) {
      expect(report(run(c)).results.filter((r) => r.check === 'pagination.bounds').map((r) => r.status)).toEqual(['failed', 'failed']);
    }
  });

  it('an interrupted run is INCOMPLETE unless something failed', () => {
    expect(judgeRun(run(), CATALOGUE, true).verdict).toEqual({ core: 'incomplete', profile: 'incomplete', hardening: 'incomplete' });
    expect(judgeRun(run(check('x', ['OU-L2'], 'failed', { failed_rules: ['OU-L2'] })), CATALOGUE, true).verdict.core).toBe('failed');
  });

  it('lint errors fail the gate whatever the verdict', () => {
    expect(failsGate({ ...report(run()), lint: { file: 'v.yaml', errors: 1, warnings: 0, messages: [] } })).toBe(1);
  });
});
