/** GetOrganizationalUnitIdByExternalId (ID-X1): 200 {organizationalUnitId}, 404 for an external id no unit has, 400 without a parameter. */
import type { Check } from '../../../suites/check.ts';
import { fieldsOf, fixture, idaas, read, sandbox } from './support.ts';

const PARAMETERS = ['organizationalUnitExternalId', 'organizationalUnitSourceType', 'organizationalUnitSourceId'] as const;

const lookupCheck: Check = {
  id: 'idaas.lookup',
  title: 'The lookup action finds a unit by its external id (given or default), answers 404 when none has it and 400 without a parameter',
  rules: ['ID-X1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const value = `lookup-${ctx.runTag}-${ctx.seed}`;
    const given = await fixture(ctx, parent, 'given', { organizationalUnitExternalId: value });
    const plain = await fixture(ctx, parent, 'default');
    for (const id of [given, plain]) {
      const unit = await read(ctx, id);
      const key = Object.fromEntries(PARAMETERS.map((p) => [p, unit[p]]));
      const ex = await d.lookupRaw(key);
      if (ctx.expectStatus(ex, 200, `looking up the external id ${JSON.stringify(unit['organizationalUnitExternalId'])}`)) {
        ctx.expect(fieldsOf(ex)?.['organizationalUnitId'] === id, `the lookup answers {"organizationalUnitId": "${id}"}`, ex);
      }
      for (const p of PARAMETERS) {
        const { [p]: _left, ...without } = key;
        ctx.expectStatus(await d.lookupRaw(without), 400, `looking up without ${p}`);
      }
    }
    const source = await read(ctx, given);
    const unknown = { organizationalUnitExternalId: `${value}-none`, organizationalUnitSourceType: source['organizationalUnitSourceType'], organizationalUnitSourceId: source['organizationalUnitSourceId'] };
    ctx.expectStatus(await d.lookupRaw(unknown), 404, 'looking up an external id no unit has');
    // Deleting is ID-D1's; only once it worked is the external id of a deleted unit looked up.
    if ((await d.deleteRaw(given)).status === 200) {
      ctx.expectStatus(await d.lookupRaw({ ...unknown, organizationalUnitExternalId: value }), 404, 'looking up the external id of a deleted unit');
    }
  },
};

export const lookupChecks: readonly Check[] = [lookupCheck];
