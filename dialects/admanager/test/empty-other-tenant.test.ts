/**
 * The cross-tenant probes of admanager (AD-A2) and orgunit-v2 (V2-A1) when the other tenant holds
 * nothing: its ids are still tried (the check makes one unit there and deletes it after), so a
 * server that reads across tenants, or moves a unit under another tenant's, is caught.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';

const ROWS = [
  { dialect: 'admanager', rule: 'AD-A2', check: 'ad.auth.other-domain', defect: 'ad-foreign-guid-visible' },
  { dialect: 'orgunit-v2', rule: 'V2-A1', check: 'v2.auth.isolation', defect: 'v2-cross-project-move' },
] as const;

async function withEmptyOther(row: (typeof ROWS)[number], defects?: ReadonlySet<string>) {
  const { app, config } = await mockSetup(defects, { dialect: row.dialect, rules: [row.rule] });
  app.directory.createTenant('vacant');
  return { app, config: { ...config, otherTenantId: 'vacant', otherToken: await app.issueToken({ tenant_id: 'vacant' }) } };
}

describe.each(ROWS)('$dialect $rule when the other tenant has no unit', (row) => {
  it('the correct mock passes, and the other tenant is left empty', async () => {
    const { app, config } = await withEmptyOther(row);
    const report = await runSuite(config);
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.status} ${c.message}`)).toEqual([]);
    expect(app.directory.tenant('vacant').queryUnits().total).toBe(0);
  });

  it(`${row.defect} fails ${row.check}`, async () => {
    const { config } = await withEmptyOther(row, new Set([row.defect]));
    const report = await runSuite(config);
    expect(report.checks.find((c) => c.check === row.check)?.status).toBe('failed');
  });
});
