import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../suites/model.ts';
import { createProgress } from '../verify-progress.ts';

const result = (check: string, status: CheckResult['status']): CheckResult => ({
  check,
  title: check,
  rules: ['OU-L2'],
  level: 'core',
  status,
  message: status === 'passed' ? '' : 'total_pages 2, expected 3',
  duration_ms: 3,
});

function sink(isTTY: boolean): { text: () => string; stream: { write(t: string): boolean; isTTY: boolean; columns: number } } {
  let text = '';
  return { text: () => text, stream: { write: (t: string) => ((text += t), true), isTTY, columns: 60 } };
}

describe('verify progress', () => {
  it('writes one plain line per finished check when not a TTY (OU-L2)', () => {
    const out = sink(false);
    const progress = createProgress(out.stream);
    progress.start('a.check');
    progress.start('b.check');
    progress.end(result('b.check', 'failed'), false);
    progress.end(result('a.check', 'passed'), false);
    progress.done();
    expect(out.text()).toBe('✗ b.check [OU-L2] 3 ms — total_pages 2, expected 3\n✓ a.check [OU-L2] 3 ms\n');
  });

  it('on a TTY keeps a status line of the running checks and clears it at the end', () => {
    const out = sink(true);
    const progress = createProgress(out.stream);
    progress.start('a.check');
    progress.start('b.check');
    progress.end(result('a.check', 'failed'), true);
    progress.done();
    expect(out.text()).toContain('… 0 done, running a.check, b.check');
    expect(out.text()).toContain('\u001b[33m✗\u001b[0m a.check [OU-L2] 3 ms (baselined) — total_pages 2, expected 3\n… 1 done, running b.check');
    expect(out.text().endsWith('\r\u001b[K')).toBe(true);
  });
});
