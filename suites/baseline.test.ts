import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, isBaselined, loadBaseline, parseBaseline } from './baseline.ts';
import type { Baseline } from './baseline.ts';
import type { CheckResult, Level, RunReport } from './model.ts';
import { ruleCatalogue } from './rules.ts';

function check(id: string, rules: string[], status: CheckResult['status'], level: Level = 'core'): CheckResult {
  return { check: id, title: id, rules, level, status, message: status === 'failed' ? 'broken' : '', duration_ms: 1 };
}

/** A run of the given checks; results hold one row per (rule, check), as the runner writes them. */
function run(...checks: CheckResult[]): RunReport {
  const failed = checks.filter((c) => c.status === 'failed');
  return {
    target: 'http://127.0.0.1:1',
    started_at: '2025-11-24T00:00:00.000Z',
    duration_ms: 1,
    seed: 1,
    level: 'profile',
    summary: { passed: checks.length - failed.length, failed: failed.length, skipped: 0, baselined: 0 },
    verdict: { core: failed.some((c) => c.level === 'core') ? 'failed' : 'passed', profile: failed.length ? 'failed' : 'passed', hardening: 'passed' },
    waivers: 0,
    not_checked: [],
    results: checks.flatMap((c) => c.rules.map((rule) => ({ rule, level: c.level, title: c.title, status: c.status, message: c.message, check: c.check }))),
    checks,
    coverage: { operations: [], rules: { total: 42, checkable: 42, passed: 0, failed: 0 } },
    requests: 1,
  };
}

const baseline = (...entries: Baseline['entries']): Baseline => ({ file: 'b.json', entries });

/** applyBaseline over the catalogue's rules that the report's checks carry (the others would leave the verdicts incomplete). */
function applyTo(report: RunReport, b: Baseline, day: string): ReturnType<typeof applyBaseline> {
  return applyBaseline(report, b, day, ruleCatalogue().filter((r) => report.checks.some((c) => c.rules.includes(r.id))));
}

describe('applyBaseline', () => {
  const report = run(check('pagination.walk', ['OU-L2'], 'failed'), check('tree.full', ['OU-R1'], 'passed'));

  it('OU-L2 failure under an unexpired entry is baselined: still failed, verdict passes', () => {
    const { report: judged, warnings } = applyTo(report, baseline({ check: 'pagination.walk', reason: 'JIRA-1', expires: '2025-12-31' }), '2025-11-24');
    expect(judged.checks[0]).toMatchObject({ status: 'failed', baselined: { reason: 'JIRA-1', expires: '2025-12-31' } });
    expect(judged.results[0]).toMatchObject({ rule: 'OU-L2', status: 'failed', baselined: { reason: 'JIRA-1' } });
    // The engine counts a baselined failure under `baselined`, not `failed`.
    expect(judged.summary).toMatchObject({ failed: 0, baselined: 1 });
    expect(judged.coverage.rules).toMatchObject({ failed: 0 });
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'passed', hardening: 'passed' });
    expect(judged.waivers).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('holds through the expiry day and fails again the day after (OU-L2)', () => {
    const b = baseline({ rule: 'OU-L2', reason: 'JIRA-1', expires: '2025-12-31' });
    expect(applyTo(report, b, '2025-12-31').report.verdict.core).toBe('passed');
    const after = applyTo(report, b, '2026-01-01');
    expect(after.report.verdict.core).toBe('failed');
    expect(after.report.checks[0]?.baselined).toBeUndefined();
    expect(after.report.summary.baselined).toBe(0);
    expect(after.warnings).toEqual(['baseline entry entries[0] (rule OU-L2) expired on 2025-12-31: the failures it matches count again']);
  });

  it('lists entries that match no failure as stale', () => {
    const { warnings } = applyTo(
      report,
      baseline({ check: 'pagination.walk', reason: 'a', expires: '2025-12-31' }, { check: 'tree.full', reason: 'b', expires: '2025-12-31' }, { rule: 'OU-H1', reason: 'c', expires: '2025-01-01' }),
      '2025-11-24',
    );
    expect(warnings).toEqual([
      'baseline entry entries[1] (check tree.full) is stale: no failure matches it; remove it',
      'baseline entry entries[2] (rule OU-H1) is stale: it expired on 2025-01-01 and no failure matches it; remove it',
    ]);
  });

  it('baselines a multi-rule check only when every rule is covered (OU-L2 + OU-S1)', () => {
    const multi = run(check('paging.math', ['OU-L2', 'OU-S1'], 'failed'));
    const partial = applyTo(multi, baseline({ rule: 'OU-L2', reason: 'r', expires: '2030-01-01' }), '2025-11-24');
    expect(partial.report.checks[0]?.baselined).toBeUndefined();
    expect(partial.report.verdict.core).toBe('failed');
    expect(partial.warnings).toEqual(['baseline entry entries[0] (rule OU-L2) covers only part of failing check paging.math (rules OU-L2, OU-S1): the check still fails']);
    const both = baseline({ rule: 'OU-L2', reason: 'r', expires: '2030-01-01' }, { rule: 'OU-S1', reason: 's', expires: '2030-01-01' });
    expect(applyTo(multi, both, '2025-11-24').report.checks[0]?.baselined).toEqual({ reason: 'r', expires: '2030-01-01' });
    const whole = applyTo(multi, baseline({ check: 'paging.math', reason: 'r', expires: '2030-01-01' }), '2025-11-24').report;
    expect(whole.verdict.core).toBe('passed');
  });

  it('needs both fields to match when an entry names a check and a rule', () => {
    const b = baseline({ check: 'pagination.walk', rule: 'OU-L4', reason: 'r', expires: '2030-01-01' });
    expect(applyTo(report, b, '2025-11-24').report.verdict.core).toBe('failed');
  });

  it('keeps the profile verdict failing for a SHOULD failure (OU-A3) outside the baseline, core passing', () => {
    const judged = applyTo(run(check('auth.scopes', ['OU-A3'], 'failed', 'profile')), baseline(), '2025-11-24').report;
    expect(judged.verdict).toEqual({ core: 'passed', profile: 'failed', hardening: 'passed' });
  });
});

describe('parseBaseline / loadBaseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ou-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fault = (text: string): BaselineError => {
    try {
      parseBaseline(text, 'b.json');
    } catch (error) {
      if (error instanceof BaselineError) return error;
      throw error;
    }
    throw new Error('expected a BaselineError');
  };
  const entries = (...list: unknown[]): string => JSON.stringify({ entries: list });

  it('reads a valid file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, entries({ check: 'a', reason: 'r', expires: '2024-02-29' }, { rule: 'OU-L2', check: 'b', reason: 'r', expires: '2030-01-01' }));
    expect(loadBaseline(file)).toEqual({
      file,
      entries: [
        { check: 'a', reason: 'r', expires: '2024-02-29' },
        { check: 'b', rule: 'OU-L2', reason: 'r', expires: '2030-01-01' },
      ],
    });
  });

  it.each([
    ['a missing reason', entries({ check: 'a', expires: '2030-01-01' }), 'entries[0].reason', /is required/],
    ['a blank reason', entries({ check: 'a', reason: '  ', expires: '2030-01-01' }), 'entries[0].reason', /non-empty/],
    ['an impossible date', entries({ check: 'a', reason: 'r', expires: '2030-01-01' }, { check: 'a', reason: 'r', expires: '2025-02-30' }), 'entries[1].expires', /real date/],
    ['a date in another format', entries({ check: 'a', reason: 'r', expires: '31/12/2030' }), 'entries[0].expires', /YYYY-MM-DD/],
    ['a missing expiry', entries({ check: 'a', reason: 'r' }), 'entries[0].expires', /is required/],
    ['neither check nor rule', entries({ reason: 'r', expires: '2030-01-01' }), 'entries[0]', /"check" or "rule"/],
    ['a malformed rule id', entries({ rule: 'L2', reason: 'r', expires: '2030-01-01' }), 'entries[0].rule', /rule id/],
    ['a misspelt key', entries({ check: 'a', reason: 'r', expiry: '2030-01-01', expires: '2030-01-01' }), 'entries[0].expiry', /not a known key/],
    ['an entry that is not an object', entries('pagination.walk'), 'entries[0]', /must be an object/],
    ['no entries array', JSON.stringify({ entries: {} }), 'entries', /must be an array/],
    ['a top level that is an array', '[]', 'top level', /must be an object/],
  ])('rejects %s, naming the field', (_what, text, field, message) => {
    const error = fault(text);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('b.json');
  });

  it('rejects text that is not JSON', () => {
    expect(fault('{ entries: [ }').message).toMatch(/^baseline file b.json is not valid JSON/);
  });

  it('rejects a file that cannot be read', () => {
    expect(() => loadBaseline(join(dir, 'missing.json'))).toThrow(/cannot read baseline file .*missing.json: ENOENT/);
  });
});

describe('isBaselined', () => {
  it('agrees with applyBaseline for the progress line (OU-L2)', () => {
    const failed = check('pagination.walk', ['OU-L2'], 'failed');
    const b = baseline({ rule: 'OU-L2', reason: 'r', expires: '2025-12-31' });
    expect(isBaselined(failed, b, '2025-12-31')).toBe(true);
    expect(isBaselined(failed, b, '2026-01-01')).toBe(false);
    expect(isBaselined(check('pagination.walk', ['OU-L2'], 'passed'), b, '2025-12-31')).toBe(false);
    expect(isBaselined(check('paging.math', ['OU-L2', 'OU-S1'], 'failed'), b, '2025-12-31')).toBe(false);
  });
});
