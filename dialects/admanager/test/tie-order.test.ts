/**
 * AD-L6's tie-break by DN against servers that break ties otherwise, with ids counting down (so
 * OBJECT_GUID order is the reverse of creation order, which was the fixture's DN order): the check
 * renames the tied units' parents so that their DN order is neither, and both are caught.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup, mockTarget } from '../../../suites/test/target.ts';

vi.mock('../../../mock/writes.ts', async (importOriginal) => {
  const { withIds, sequentialId } = await import('../../../test/id-order.ts');
  return withIds(await importOriginal(), sequentialId('descending'));
});

const RULE = 'AD-L6';

describe(`admanager ${RULE} with ids counting down`, () => {
  it('the mock hands out these ids', async () => {
    const { app } = await mockSetup(undefined, { dialect: 'admanager' });
    expect(app.directory.tenant('acme').createUnit({ name: 'probe' }).id).toBe('fffffffe-abcd-4ef0-8abc-def012345678');
  });

  it('the correct mock passes', async () => {
    const report = await runSuite(await mockTarget(undefined, { dialect: 'admanager', rules: [RULE] }));
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
  });

  it.each(['ad-sort-ties-by-guid', 'ad-sort-ties-by-creation'])('%s fails ad.list.sort', async (defect) => {
    const report = await runSuite(await mockTarget(new Set([defect]), { dialect: 'admanager', rules: [RULE] }));
    expect(report.checks.find((c) => c.check === 'ad.list.sort')?.status).toBe('failed');
  });
});
