import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../suites/model.ts';
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
    const lines = text.split('\n').filter((l) => /^ {2}not checked: | {15}OU-/.test(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines.join(' ').match(/OU-[A-Z]\d+/g)).toEqual(ids.filter((id) => id !== 'OU-L2'));
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
    expect(text).toContain('Verdict: core FAILED · profile FAILED');
    expect(text).toContain('Reports: /r/report.html');
    expect(text).toContain('warning: baseline entry entries[0] (rule OU-H1) is stale');
    expect(summaryText(sampleReport({ failing: [], skipped: [], unchecked: [], level: 'core' }))).toContain('Verdict: core PASSED · profile NOT RUN');
  });
});
