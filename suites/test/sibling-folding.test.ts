/**
 * OU-H4 says "compared case-insensitively" and no more: lower-casing, upper-casing (ß = SS) and
 * full case folding (ß = ss, ſ = s) are all case-insensitive comparisons, and they disagree only on
 * such letters. The checks of OU-H4 must pass each of them and fail a server that folds A-Z only.
 * The mock's sibling key is swapped for each comparison (the core policy the defect switches use).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Suites from '../index.ts';
import type * as Target from './target.ts';

let fold: ((name: string) => string) | undefined;

vi.mock('../../dialects/ou-api/defect-policies.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../dialects/ou-api/defect-policies.ts')>();
  return {
    ...real,
    defectPolicies: (defects: Parameters<typeof real.defectPolicies>[0]) => {
      const policies = real.defectPolicies(defects);
      return fold === undefined ? policies : { ...policies, siblingKey: fold };
    },
  };
});

let suites: typeof Suites;
let target: typeof Target;

beforeAll(async () => {
  // Test files may share one process (vitest.config.ts): modules another file loaded before the
  // mock above was registered are loaded again, so the mock app gets the swapped policies.
  vi.resetModules();
  suites = await import('../index.ts');
  target = await import('./target.ts');
});

async function h4Failures(key: (name: string) => string): Promise<string[]> {
  fold = key;
  try {
    const checks = suites.CHECKS.filter((c) => c.rules.includes('OU-H4') && c.id !== 'model.differential');
    const report = await suites.runSuite(await target.mockTarget(undefined, { rules: ['OU-H4'] }), {}, checks);
    return report.results.filter((r) => r.status === 'failed').map((r) => `${r.check}: ${r.rule}`);
  } finally {
    fold = undefined;
  }
}

describe('the OU-H4 checks under each case-insensitive comparison a server may use', () => {
  it.each([
    { name: 'lower-casing', key: (s: string) => s.toLowerCase(), sharp: false },
    { name: 'upper-casing (ß = SS)', key: (s: string) => s.toUpperCase(), sharp: true },
    { name: 'full case folding (ß = ss, ſ = s)', key: (s: string) => s.toUpperCase().toLowerCase(), sharp: true },
  ])('pass with $name', async ({ key, sharp }) => {
    // The comparisons really differ: 'Straße' and 'STRASSE' clash under some of them only.
    expect(key('Straße') === key('STRASSE')).toBe(sharp);
    expect(await h4Failures(key)).toEqual([]);
  });

  it('fail when only A-Z are folded (SQLite NOCASE)', async () => {
    expect(await h4Failures((s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()))).toContain('siblings.unique_ci: OU-H4');
  });
});
