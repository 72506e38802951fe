import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockTarget } from '../../../suites/test/target.ts';

describe('verify --dialect orgunit-v2 on the clean mock', () => {
  it('passes every check (none skipped for want of an adapter or token) and both verdicts', async () => {
    const report = await runSuite(await mockTarget(undefined, { dialect: 'orgunit-v2' }));
    const bad = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.status} ${c.message} ${JSON.stringify(c.evidence?.[0]?.received ?? '')}`);
    expect(bad).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
    expect(report.checks.length).toBeGreaterThan(20);
  });
});
