import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../suites/model.ts';
import { refreshReport } from '../../suites/report.ts';
import { ruleCatalogue } from '../../suites/rules.ts';
import { progressLine, summaryText } from '../terminal.ts';
import { sampleReport } from './sample-report.ts';

const result = (status: CheckResult['status'], message = ''): CheckResult => ({
  check: 'pagination.walk',
  title: 'Walk all pages',
  rules: ['OU-L2', 'OU-L4'],
  level: 'core',
  status,
  message,
  duration_ms: 12.4,
});

describe('terminal output', () => {
  it('prints one plain line per check with symbol, rule ids and ms', () => {
    expect(progressLine(result('passed'))).toBe('✓ pagination.walk [OU-L2 OU-L4] 12 ms');
    expect(progressLine(result('failed', 'total_pages 2,\n expected 3'))).toBe('✗ pagination.walk [OU-L2 OU-L4] 12 ms — total_pages 2, expected 3');
    expect(progressLine(result('skipped', 'needs --users'))).toBe('- pagination.walk [OU-L2 OU-L4] 12 ms — needs --users');
    expect(progressLine(result('failed', 'x'), { color: false }, true)).toBe('✗ pagination.walk [OU-L2 OU-L4] 12 ms (baselined) — x');
  });

  it('never passes a vendor message\'s escape sequences to the terminal', () => {
    const line = progressLine(result('failed', 'body \u001b]0;pwned\u0007 \u001b[2J'));
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('\\u001b]0;pwned\\u0007');
  });

  it('lists the rules no check covered on wrapped lines', () => {
    const ids = ruleCatalogue().map((r) => r.id).filter((id) => id.startsWith('OU-'));
    const text = summaryText(sampleReport({ unchecked: ids.filter((id) => id !== 'OU-L2') }));
    // The wrapped list of ids; the lines "  not checked: OU-X — reason" under the verdict are another list.
    const lines = text.split('\n').filter((l) => /^( {2}not checked: | {15})(OU-|HARDENING)/.test(l) && !l.includes(' — '));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines.join(' ').match(/OU-[A-Z]\d+|HARDENING/g)).toEqual(ids.filter((id) => id !== 'OU-L2'));
  });

  it('colours only when asked (TTY)', () => {
    expect(progressLine(result('passed'), { color: true })).toBe('\u001b[32m✓\u001b[0m pagination.walk [OU-L2 OU-L4] 12 ms');
  });

  it('summarises every rule, the totals, the verdict per level and the report paths', () => {
    const text = summaryText(sampleReport({ failing: ['OU-L2'], unchecked: ['OU-E5'] }), {
      paths: { html: '/r/report.html', json: '/r/report.json', junit: '/r/junit.xml' },
      warnings: ['baseline entry entries[0] (rule OU-H1) is stale'],
    });
    for (const rule of ruleCatalogue().filter((r) => r.id !== 'OU-E5')) expect(text).toMatch(new RegExp(`^  ${rule.id} `, 'm'));
    expect(text).toMatch(/^ {2}OU-L2 +MUST +failed +pagination math/m);
    expect(text).toMatch(/^ {2}not checked: OU-E5$/m);
    expect(text).toContain('Verdict: core FAILED · profile FAILED · hardening PASSED');
    expect(text).toContain('Reports: /r/report.html');
    expect(text).toContain('warning: baseline entry entries[0] (rule OU-H1) is stale');
    expect(summaryText(sampleReport({ failing: [], skipped: [], unchecked: [], level: 'core' }))).toContain('Verdict: core PASSED · profile NOT RUN · hardening NOT RUN');
  });

  it('says INCOMPLETE naming the MUST rules not checked, and PASSED with N waivers', () => {
    const incomplete = summaryText(sampleReport({ failing: [], skipped: ['OU-A2'], unchecked: [] }));
    expect(incomplete).toContain('Verdict: core INCOMPLETE (1 rule not checked)');
    expect(incomplete).toMatch(/^ {2}unchecked: OU-A2\n {4}— needs --other-token$/m);
    const report = sampleReport({ failing: ['OU-L2'], skipped: [], unchecked: [] });
    report.checks = report.checks.map((c) => (c.check === 'check.ou-l2' ? { ...c, baselined: { reason: 'r', expires: '2999-01-01' } } : c));
    expect(summaryText(refreshReport(report, ruleCatalogue()))).toContain('Verdict: core PASSED with 1 waiver');
  });

  it('ends with every failure: gate failures first, the rules, the message and a curl per exchange', () => {
    const report = sampleReport({ failing: ['OU-S4', 'OU-L2', 'HARDENING'], skipped: [], unchecked: [] });
    report.checks = report.checks.map((c) =>
      c.check === 'check.ou-l2' && c.evidence ? { ...c, evidence: [...c.evidence, { ...c.evidence[0]!, rule: 'OU-L2', body_file: 'bodies/x.bin', curl: `curl --data-binary '@bodies/x.bin' ${'x'.repeat(2000)}` }] } : c,
    );
    const text = summaryText(report, { paths: { dir: '/r', html: '/r/report.html', json: '/r/report.json', junit: '/r/junit.xml' } });
    const block = text.slice(text.indexOf('Failures (3)'), text.indexOf('Checks: '));
    expect(block).toMatch(/^ {2}✗ check\.ou-l2 \[OU-L2 MUST\] — fails the gate\n {4}server said .*\n {4}curl -H "Authorization: Bearer \$OU_TOKEN" 'http:\/\/127\.0\.0\.1:4010\/api\/v1\/tenants\/t1\/ous\?x=<y>'\n {4}\[OU-L2\] curl --data-binary '@bodies\/x\.bin' x+… \(whole curl in report\.json\)$/m);
    expect(block.indexOf('check.ou-l2')).toBeLessThan(block.indexOf('check.ou-s4'));
    expect(block).toContain('✗ check.ou-s4 [OU-S4 SHOULD] — SHOULD/hardening only, does not fail the gate');
    expect(block).toContain('✗ check.hardening [HARDENING LIMIT] — SHOULD/hardening only, does not fail the gate');
    expect(block).toContain('Curls with @bodies/… read the body from a file: run them from /r.');
    expect(block).not.toMatch(/\u001b/);
    expect(summaryText(sampleReport({ failing: [] }))).not.toContain('Failures (');
  });

  it('marks an interrupted run as a partial report', () => {
    expect(summaryText({ ...sampleReport(), interrupted: { reason: 'SIGINT' } })).toContain('Interrupted: SIGINT — a partial report; checks not finished are skipped');
  });
});
