import { describe, expect, it } from 'vitest';
import { DEFECTS } from '../../mock/defects.ts';
import type { Defect } from '../../mock/defects.ts';
import { CHECKS, failsGate, ruleCatalogue, runSuite } from '../index.ts';
import { mockTarget } from './target.ts';

const LEVELS = new Map(ruleCatalogue().map((r) => [r.id, r.level]));
const ROWS = (Object.entries(DEFECTS) as Array<[Defect, (typeof DEFECTS)[Defect]]>).map(([defect, d]) => ({
  defect,
  rule: d.rule,
  layer: d.layer,
  what: d.what,
  level: LEVELS.get(d.rule),
}));

describe('every defect of mock/defects.ts is caught by a check carrying its rule, and only its rule fails (no check is vacuous)', () => {
  it('the table covers every defect, and every defect rule has a check', () => {
    expect(ROWS.map((r) => r.defect).sort()).toEqual(Object.keys(DEFECTS).sort());
    for (const { rule, level } of ROWS) expect(level, `${rule} is a rule of the behaviour document`).toBeDefined();
    for (const { rule } of ROWS) expect(CHECKS.some((c) => c.rules.includes(rule)), rule).toBe(true);
  });

  it.each(ROWS)('$rule ($layer) $defect: $what', async ({ defect, rule, level }) => {
    // Only the checks that carry the rule: enough to prove the catch, and keeps the table fast.
    const report = await runSuite(await mockTarget(new Set([defect]), { rules: [rule] }));
    const carrying = report.checks.filter((c) => c.rules.includes(rule));
    const failed = carrying.filter((c) => c.status === 'failed');
    expect(carrying.length, `checks carrying ${rule}`).toBeGreaterThan(0);
    expect(failed.map((c) => c.check), `a check carrying ${rule} fails with ${defect} switched on`).not.toEqual([]);
    // The catch must come from a check's own assertion, with evidence naming the rule, not only from a crash or a broken setup.
    const genuine = failed.filter((c) => !/^(check crashed|setup failed)/.test(c.message) && (c.evidence ?? []).some((e) => e.rule === rule));
    expect(genuine.map((c) => c.check), `a check carrying ${rule} fails by its own assertion, with evidence naming ${rule}`).not.toEqual([]);
    // Per-rule attribution: the defect's rule is the one that fails, no other rule is blamed for it.
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed' && r.baselined === undefined).map((r) => r.rule))];
    expect(failing, `only ${rule} fails with ${defect}`).toEqual([rule]);
    // Only the checks of one rule ran, so the verdicts are incomplete unless something failed; the gate is judged as with --allow-incomplete.
    const gate = failsGate(report, { allowIncomplete: true });
    if (level === 'core') {
      expect(report.verdict.core, `the core verdict fails with ${defect}`).toBe('failed');
      expect(gate, `verify exits 1 with ${defect}`).toBe(1);
    } else {
      expect(report.verdict.profile, `the profile verdict fails with ${defect}`).toBe('failed');
      expect(report.verdict.core, `a SHOULD failure alone does not fail core (${defect})`).not.toBe('failed');
      expect(gate, `a SHOULD failure alone does not fail the gate (${defect})`).toBe(0);
    }
  });
});
