/**
 * `verify --dialect orgunit-v2` catches each defect switch of this dialect's layer under its
 * own rule, and under no other (no check is vacuous, none blames a rule it does not judge).
 */
import { describe, expect, it } from 'vitest';
import { failsGate, ruleCatalogue, runSuite } from '../../../suites/index.ts';
import { mockTarget } from '../../../suites/test/target.ts';
import { V2_DEFECTS } from '../defects.ts';
import { orgunitV2Dialect } from '../index.ts';

const CATALOGUE = ruleCatalogue(orgunitV2Dialect.behaviourFile);
const LEVELS = new Map(CATALOGUE.map((r) => [r.id, r.level]));
const ROWS = Object.entries(V2_DEFECTS).map(([defect, d]) => ({ defect, rule: d.rule, what: d.what, level: LEVELS.get(d.rule) }));

describe('every orgunit-v2 defect is caught by a check carrying its rule, and only its rule fails', () => {
  it('every MUST rule of the page has a defect, every defect rule a check', () => {
    const must = CATALOGUE.filter((r) => r.level === 'core').map((r) => r.id);
    expect(must.filter((rule) => !ROWS.some((r) => r.rule === rule))).toEqual([]);
    for (const { rule, level } of ROWS) expect(level, `${rule} is a rule of the page`).toBeDefined();
    for (const { rule } of ROWS) expect(orgunitV2Dialect.verify.checks.some((c) => c.rules.includes(rule)), rule).toBe(true);
  });

  it.each(ROWS)('$rule $defect: $what', async ({ defect, rule, level }) => {
    const report = await runSuite(await mockTarget(new Set([defect]), { dialect: 'orgunit-v2', rules: [rule] }));
    const carrying = report.checks.filter((c) => c.rules.includes(rule));
    const failed = carrying.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.check), `a check carrying ${rule} fails with ${defect}`).not.toEqual([]);
    const genuine = failed.filter((c) => !/^(check crashed|setup failed)/.test(c.message) && (c.evidence ?? []).some((e) => e.rule === rule));
    expect(genuine.map((c) => c.check), `a check fails by its own assertion, with evidence naming ${rule}`).not.toEqual([]);
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))];
    expect(failing, `only ${rule} fails with ${defect}`).toEqual([rule]);
    const gate = failsGate(report, { allowIncomplete: true });
    if (level === 'core') {
      expect(report.verdict.core).toBe('failed');
      expect(gate).toBe(1);
    } else {
      expect(report.verdict.profile).toBe('failed');
      expect(report.verdict.core).not.toBe('failed');
      expect(gate).toBe(0);
    }
  });

  it('with every defect on at once, the full run fails exactly the defects\' rules (checks do not mask each other)', async () => {
    const report = await runSuite(await mockTarget(new Set(Object.keys(V2_DEFECTS)), { dialect: 'orgunit-v2' }));
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))].sort();
    expect(failing).toEqual([...new Set(ROWS.map((r) => r.rule))].sort());
  });
});
