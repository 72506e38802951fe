/**
 * `verify`'s verdicts hold for an implementation whose ids and clock differ from the mock's:
 * ids that sort in creation order (an auto-increment key) or against it, and a clock with whole
 * seconds (ties in created_at). The correct mock passes under each; every defect switch is still
 * caught under the hardest of them, where ties are everywhere and id order is creation order.
 */
import { describe, expect, it, vi } from 'vitest';
import { DIALECTS, type DialectId } from '../dialects/index.ts';
import { DEFECTS } from '../mock/defects.ts';
import { CHECKS, runSuite } from '../suites/index.ts';
import { mockTarget } from '../suites/test/target.ts';
import { useIdOrder, type IdOrder } from './id-order.ts';

vi.mock('../mock/writes.ts', async (importOriginal) => (await import('./id-order.ts')).withIdOrder(await importOriginal()));

const wholeSeconds = (): Date => new Date(Math.floor(Date.now() / 1000) * 1000);
const RULE_CHECKS = CHECKS.filter((c) => c.id !== 'model.differential');

interface Variant {
  ids: IdOrder;
  seconds: boolean;
}

async function run(dialect: DialectId, variant: Variant, defect?: { name: string; rule: string }) {
  useIdOrder(variant.ids);
  const defects = defect === undefined ? undefined : new Set([defect.name]);
  const rules = defect === undefined ? {} : { rules: [defect.rule] };
  const target = await mockTarget(defects, dialect === 'ou-api' ? rules : { dialect, ...rules }, variant.seconds ? { clock: wholeSeconds } : {});
  return dialect === 'ou-api' ? runSuite(target, {}, RULE_CHECKS) : runSuite(target);
}

const VARIANTS: Variant[] = [
  { ids: 'ascending', seconds: false },
  { ids: 'descending', seconds: false },
  { ids: 'random', seconds: true },
  { ids: 'ascending', seconds: true },
];

describe.each(DIALECTS.map((d) => d.id))('verify --dialect %s on the correct mock', (dialect) => {
  it.each(VARIANTS)('ids $ids, whole-second clock $seconds: no check fails, core and profile pass', async (variant) => {
    const report = await run(dialect, variant);
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  }, 60_000);
});

const ROWS = [
  ...Object.entries(DEFECTS).map(([name, d]) => ({ dialect: 'ou-api' as DialectId, name, rule: d.rule })),
  ...DIALECTS.filter((d) => d.id !== 'ou-api').flatMap((d) => Object.entries(d.defects).map(([name, x]) => ({ dialect: d.id, name, rule: x.rule }))),
];

describe('with ids in creation order and a whole-second clock, every defect is still caught under its rule alone', () => {
  it('the table holds every dialect\'s defects', () => {
    expect(new Set(ROWS.map((r) => r.dialect))).toEqual(new Set(DIALECTS.map((d) => d.id)));
  });

  it.each(ROWS)('$dialect $rule $name', async ({ dialect, name, rule }) => {
    const report = await run(dialect, { ids: 'ascending', seconds: true }, { name, rule });
    expect(report.checks.filter((c) => c.rules.includes(rule) && c.status === 'failed').map((c) => c.check), `a check carrying ${rule} fails`).not.toEqual([]);
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed' && r.baselined === undefined).map((r) => r.rule))];
    expect(failing, `only ${rule} fails`).toEqual([rule]);
  });
});
