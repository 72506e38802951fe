/** DeleteOrganizationalUnit (ID-D1): 200 {} for a unit without children or users; 409 with either and for the root, changing nothing; 404 unknown. */
import type { Check } from '../../../suites/check.ts';
import { childNames, fieldsOf, fixture, idaas, sandbox } from './support.ts';

const deleteCheck: Check = {
  id: 'idaas.delete',
  title: 'Delete removes a childless unit (200 {}), refuses a unit with children and the root (409, nothing changes), 404 for an unknown one',
  rules: ['ID-D1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const child = await fixture(ctx, parent, 'leaf');
    ctx.expectStatus(await d.deleteRaw(parent), 409, 'deleting a unit with a child unit');
    ctx.expectStatus(await d.getRaw(parent), 200, 'the refused unit is still there');
    ctx.expect((await childNames(ctx, parent)).includes('leaf'), 'its child is still there');

    const gone = await d.deleteRaw(child);
    if (ctx.expectStatus(gone, 200, 'deleting a unit without children or users')) ctx.expect(JSON.stringify(fieldsOf(gone)) === '{}', 'the answer is {}', gone);
    ctx.expectStatus(await d.getRaw(child), 404, 'GET of the deleted unit');
    ctx.expectStatus(await d.deleteRaw(child), 404, 'deleting it again');
    ctx.expectStatus(await d.deleteRaw(parent), 200, 'deleting the parent once its child is gone');

    ctx.expectStatus(await d.deleteRaw(d.topParent), 409, `deleting the root ${d.topParent}`);
    ctx.expectStatus(await d.getRaw(d.topParent), 200, 'the root is still there');
  },
};

const usersCheck: Check = {
  id: 'idaas.delete.users',
  title: 'Delete refuses a unit that has users (409) and keeps it',
  rules: ['ID-D1'],
  level: 'core',
  needs: ['users'],
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const unit = await fixture(ctx, parent, 'staffed');
    await ctx.users().create(unit);
    ctx.expectStatus(await d.deleteRaw(unit), 409, 'deleting a unit with a user');
    ctx.expectStatus(await d.getRaw(unit), 200, 'the refused unit is still there');
  },
};

export const deleteChecks: readonly Check[] = [deleteCheck, usersCheck];
