/**
 * Verdicts that must not hang on the clock: with a clock of whole seconds (units made in the same
 * second tie in created_at), `ad-sort-ties-by-creation` still breaks ties in creation order and
 * the sort check still catches it.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockTarget } from '../../../suites/test/target.ts';
import { AD_DEFECTS } from '../defects.ts';

const wholeSeconds = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000);

describe('admanager under a clock of whole seconds', () => {
  it('ad-sort-ties-by-creation is caught under its rule alone', async () => {
    const rule = AD_DEFECTS['ad-sort-ties-by-creation'].rule;
    const report = await runSuite(await mockTarget(new Set(['ad-sort-ties-by-creation']), { dialect: 'admanager', rules: [rule] }, { clock: wholeSeconds }));
    const failed = report.checks.filter((c) => c.rules.includes(rule) && c.status === 'failed').map((c) => c.check);
    expect(failed, `a check carrying ${rule} fails`).not.toEqual([]);
    expect([...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))]).toEqual([rule]);
  });
});
