/**
 * AD-A2 with another tenant whose domain holds nothing: its ids are still tried (the check makes
 * one object there and deletes it after), so a filter that reads across tenants is caught.
 */
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';

const RULE = 'AD-A2';

async function withEmptyOther(defects?: ReadonlySet<string>) {
  const { app, config } = await mockSetup(defects, { dialect: 'admanager', rules: [RULE] });
  app.directory.createTenant('vacant');
  return { app, config: { ...config, otherTenantId: 'vacant', otherToken: await app.issueToken({ tenant_id: 'vacant' }) } };
}

describe(`admanager ${RULE} when the other tenant has no object`, () => {
  it('the correct mock passes, and the other domain is left empty', async () => {
    const { app, config } = await withEmptyOther();
    const report = await runSuite(config);
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.status} ${c.message}`)).toEqual([]);
    expect(app.directory.tenant('vacant').queryUnits().total).toBe(0);
  });

  it('ad-foreign-guid-visible fails ad.auth.other-domain', async () => {
    const { config } = await withEmptyOther(new Set(['ad-foreign-guid-visible']));
    const report = await runSuite(config);
    expect(report.checks.find((c) => c.check === 'ad.auth.other-domain')?.status).toBe('failed');
  });
});
