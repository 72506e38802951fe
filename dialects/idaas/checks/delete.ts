/** DeleteOrganizationalUnit (ID-D1): 200 {} for a unit without children or users; 409 with either and for the root, changing nothing; 404 unknown. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { CODES } from '../wire.ts';
import { chain, childNames, codeOf, fieldsOf, fixture, idaas, sandbox } from './support.ts';

/** A refused delete: 409 with the page's OperationConflict code (a body of another shape is ID-E1's to judge). */
function expectRefused(ctx: CheckContext, ex: Exchange, what: string): void {
  if (!ctx.expectStatus(ex, 409, what)) return;
  const code = codeOf(ex);
  if (code !== undefined) ctx.expect(code === CODES.operationConflict, `${what}: the code is ${CODES.operationConflict} (got ${code})`, ex);
}

const deleteCheck: Check = {
  id: 'idaas.delete',
  title: 'Delete removes a childless unit (200 {}), refuses a unit with children and the root (409, nothing changes), 404 for an unknown one',
  rules: ['ID-D1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const child = await fixture(ctx, parent, 'leaf');
    expectRefused(ctx, await d.deleteRaw(parent), 'deleting a unit with a child unit');
    ctx.expectStatus(await d.getRaw(parent), 200, 'the refused unit is still there');
    ctx.expect((await childNames(ctx, parent)).includes('leaf'), 'its child is still there');

    const gone = await d.deleteRaw(child);
    if (ctx.expectStatus(gone, 200, 'deleting a unit without children or users')) ctx.expect(JSON.stringify(fieldsOf(gone)) === '{}', 'the answer is {}', gone);
    ctx.expectStatus(await d.getRaw(child), 404, 'GET of the deleted unit');
    ctx.expectStatus(await d.deleteRaw(child), 404, 'deleting it again');
    ctx.expectStatus(await d.deleteRaw(parent), 200, 'deleting the parent once its child is gone');

    expectRefused(ctx, await d.deleteRaw(d.topParent), `deleting the root ${d.topParent}`);
    ctx.expectStatus(await d.getRaw(d.topParent), 200, 'the root is still there');
  },
};

const DEPTH = 4;

const deepCheck: Check = {
  id: 'idaas.delete.deep',
  title: 'Delete refuses every unit of a chain four deep but the last (409), and the refusals remove nothing at any depth; bottom up, each goes',
  rules: ['ID-D1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const ids = await chain(ctx, parent, DEPTH, 'level');
    for (const [i, id] of ids.slice(0, -1).entries()) {
      expectRefused(ctx, await d.deleteRaw(id), `deleting level ${i + 1} of ${DEPTH} (it has descendants down to level ${DEPTH})`);
      for (const [j, below] of ids.entries()) ctx.expectStatus(await d.getRaw(below), 200, `level ${j + 1} is still there after the refused delete of level ${i + 1}`);
    }
    for (const [i, id] of [...ids].reverse().entries()) ctx.expectStatus(await d.deleteRaw(id), 200, `deleting level ${DEPTH - i}, childless by now`);
    ctx.expect((await childNames(ctx, parent)).length === 0, 'the chain is gone');
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
    expectRefused(ctx, await d.deleteRaw(unit), 'deleting a unit with a user');
    ctx.expectStatus(await d.getRaw(unit), 200, 'the refused unit is still there');
    // A user deeper down: the unit above has a child, and the child a user.
    const above = await fixture(ctx, parent, 'above');
    const below = await fixture(ctx, above, 'staffed below');
    await ctx.users().create(below);
    expectRefused(ctx, await d.deleteRaw(below), 'deleting a unit with a user, one level down');
    expectRefused(ctx, await d.deleteRaw(above), 'deleting a unit whose child has a user');
    ctx.expect((await childNames(ctx, above)).includes('staffed below'), 'the unit with the user is still there');
  },
};

export const deleteChecks: readonly Check[] = [deleteCheck, deepCheck, usersCheck];
