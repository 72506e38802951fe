/**
 * `verify --dialect admanager` in process against the mock: every check passes on the clean
 * mock, and each defect switch of the dialect fails the check of the rule it breaks.
 */
import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../../suites/config.ts';
import { runSuite } from '../../../suites/runner.ts';
import { mockSetup, TENANT } from '../../../suites/test/target.ts';
import { AD_DEFECTS } from '../defects.ts';
import { admanagerDialect } from '../index.ts';

export async function adTarget(defects?: ReadonlySet<string>, seed = 7): Promise<{ config: TargetConfig; units: () => number }> {
  const { app, config } = await mockSetup(defects, { dialect: admanagerDialect, seed });
  return { config, units: () => app.directory.tenant(TENANT).queryUnits().total };
}

describe('verify --dialect admanager', () => {
  it.each([7, 2026])('passes on the clean mock (run seed %i) and leaves the tenant as it was', async (seed) => {
    const { config, units } = await adTarget(undefined, seed);
    const before = units();
    const report = await runSuite(config);
    const summary = report.checks.map((c) => `${c.check} ${c.status}${c.status === 'passed' ? '' : `: ${c.message ?? ''}`}`);
    expect(summary.filter((line) => !line.endsWith(' passed')), summary.join('\n')).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
    expect(report.cleanup_problems).toBeUndefined();
    expect(units()).toBe(before);
  });

  /** Each defect's run: the dialect's own checks of its rule plus the shared ones mapped to it. */
  it.each(Object.entries(AD_DEFECTS))('%s fails %s', async (name, defect) => {
    const { config } = await adTarget(new Set([name]));
    const own = admanagerDialect.verify.checks.filter((c) => c.rules.includes(defect.rule)).map((c) => c.id);
    const report = await runSuite({ ...config, checks: own });
    const failed = new Set(report.checks.flatMap((c) => c.failed_rules ?? []));
    expect([...failed], report.checks.map((c) => `${c.check} ${c.status}: ${c.message ?? ''}`).join('\n')).toEqual([defect.rule]);
  });
});
