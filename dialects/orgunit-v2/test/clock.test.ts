/**
 * Verdicts that must not hang on the clock: with a clock of whole seconds (every unit of a check
 * made in the same second ties in created_at), the stale-index switches still imitate their bug
 * and the delete checks still catch it.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockTarget } from '../../../suites/test/target.ts';
import { V2_DEFECTS, type V2Defect } from '../defects.ts';

const wholeSeconds = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000);

describe('orgunit-v2 under a clock of whole seconds', () => {
  it.each(['v2-preview-skips-moved', 'v2-force-skips-moved'] satisfies V2Defect[])('%s is caught under its rule alone', async (defect) => {
    const rule = V2_DEFECTS[defect].rule;
    const report = await runSuite(await mockTarget(new Set([defect]), { dialect: 'orgunit-v2', rules: [rule] }, { clock: wholeSeconds }));
    const failed = report.checks.filter((c) => c.rules.includes(rule) && c.status === 'failed').map((c) => c.check);
    expect(failed, `a check carrying ${rule} fails`).not.toEqual([]);
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual([rule]);
  });
});
