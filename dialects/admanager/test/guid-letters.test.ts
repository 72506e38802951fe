/**
 * AD-L4's upper-case OBJECT_GUID is judged on an id with a letter. An implementation whose ids
 * have none at first (a counter: 00000000-0000-4000-8000-000000000001, …) must not pass a
 * lower-casing GUID column: the check makes units until one has a letter.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup, mockTarget } from '../../../suites/test/target.ts';

/** How many ids of each mock are digits only; the ones after have letters. */
const DIGITS_ONLY = 12;

vi.mock('../../../mock/writes.ts', async (importOriginal) =>
  (await import('../../../test/id-order.ts')).withIds(await importOriginal(), (n) => `00000000-0000-4000-8000-${n <= DIGITS_ONLY ? String(n).padStart(12, '0') : `abcdef${String(n).padStart(6, '0')}`}`),
);

const RULE = 'AD-L4';

describe(`admanager ${RULE} with ids of digits only for the first ${DIGITS_ONLY} units`, () => {
  it('the mock hands out these ids', async () => {
    const { app } = await mockSetup(undefined, { dialect: 'admanager' });
    expect(app.directory.tenant('acme').createUnit({ name: 'probe' }).id).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('the correct mock passes', async () => {
    const report = await runSuite(await mockTarget(undefined, { dialect: 'admanager', rules: [RULE] }));
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
  });

  it('a GUID column in lower case fails ad.list.columns', async () => {
    const report = await runSuite(await mockTarget(new Set(['ad-guid-lower-case']), { dialect: 'admanager', rules: [RULE] }));
    const columns = report.checks.find((c) => c.check === 'ad.list.columns');
    expect(columns?.status).toBe('failed');
    // Judged on a unit made for it: the fixture's own ids had no letter.
    expect(columns?.message).toMatch(/the first unit whose id has a letter .*OBJECT_GUID/);
  });
});
