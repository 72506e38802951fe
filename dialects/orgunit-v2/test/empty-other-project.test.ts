/**
 * V2-A1 with another project that holds no unit: the move across projects is still tried (the
 * check makes a unit there and deletes it after), so a server that takes the foreign parent is caught.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';

const RULE = 'V2-A1';

async function withEmptyOther(defects?: ReadonlySet<string>) {
  const { app, config } = await mockSetup(defects, { dialect: 'orgunit-v2', rules: [RULE] });
  app.directory.createTenant('vacant');
  return { app, config: { ...config, otherTenantId: 'vacant', otherToken: await app.issueToken({ tenant_id: 'vacant' }) } };
}

describe(`orgunit-v2 ${RULE} when the other project has no unit`, () => {
  it('the correct mock passes, and the other project is left empty', async () => {
    const { app, config } = await withEmptyOther();
    const report = await runSuite(config);
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.status} ${c.message}`)).toEqual([]);
    expect(app.directory.tenant('vacant').queryUnits().total).toBe(0);
  });

  it('v2-cross-project-move fails v2.auth.isolation', async () => {
    const { config } = await withEmptyOther(new Set(['v2-cross-project-move']));
    const report = await runSuite(config);
    expect(report.checks.find((c) => c.check === 'v2.auth.isolation')?.status).toBe('failed');
  });
});
