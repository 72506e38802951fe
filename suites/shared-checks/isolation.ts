import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

/**
 * Another tenant's token can neither read nor change this tenant's units: not through its
 * own tenant (the id is unknown there), nor by naming this tenant (refused).
 */
export const isolationCheck: SharedCheckSpec = {
  kind: 'isolation',
  id: 'shared.isolation',
  title: "another tenant's token cannot read, change or delete this tenant's units",
  needs: ['otherTenant'],
  async run(ctx: CheckContext) {
    const other = ctx.creds.other ?? ctx.skip('needs a second tenant');
    const box = await ctx.sandbox();
    const drivers = [
      { label: `as tenant ${other.tenantId}`, driver: ctx.driver.as(other.auth, other.tenantId) },
      { label: `naming tenant ${ctx.tenantId} with the token of ${other.tenantId}`, driver: ctx.driver.as(other.auth) },
    ];
    for (const { label, driver } of drivers) {
      const refused = (ex: Parameters<typeof driver.isError>[0]): boolean => driver.isError(ex, 'not_found') || driver.isError(ex, 'forbidden');
      const get = await driver.get(box.id);
      ctx.expect(get.value === undefined && refused(get.ex), `${label}: reading the unit answers not found or forbidden`, get.ex);
      const update = await driver.update(box.id, { name: 'intruder' });
      ctx.expect(update.value === undefined && refused(update.ex), `${label}: renaming the unit answers not found or forbidden`, update.ex);
      const children = await driver.children(box.id);
      ctx.expect(children.value === undefined || children.value.length === 0, `${label}: the unit's children are not listed`, children.ex);
      const deleted = await driver.delete(box.id);
      ctx.expect(deleted.value === undefined && refused(deleted.ex), `${label}: deleting the unit answers not found or forbidden`, deleted.ex);
    }
    const after = await ctx.driver.get(box.id);
    ctx.expect(after.value !== undefined && after.value.name === box.name, `the unit is unchanged after the refused requests (name "${box.name}")`, after.ex);
  },
};
