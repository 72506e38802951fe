/** AD-U1..U4: the bulk update's targets, its items, renames and moves, preventDeletion. */
import { isDeepStrictEqual } from 'node:util';
import type { Check, CheckContext } from '../../../suites/check.ts';
import { adDriverOf, column, fixture, guidFilter, objects, statusCodes, within } from './support.ts';

type Item = { object?: Record<string, unknown>; status?: { status_code?: unknown; status_message?: unknown } };

export const targetsCheck: Check = {
  id: 'ad.update.targets',
  title: 'the targets are the filter window in sort order; without a filter, the OU named `name` inside `OUName`; no such OU is data []',
  rules: ['AD-U1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['t1', 't2', 't3', 't4']);
    const hit = `hit-${ctx.runTag}`;
    const windowed = await ad.patch({ filter: within(f, 'NAME sw "t"'), sort: '-NAME', from: 2, limit: 2 }, { description: hit });
    ctx.expect(objects(windowed).map((i) => (i as Item).object?.['OU Name']).join() === 't3,t2', 'filter NAME sw t, sort=-NAME, from=2, limit=2 updates t3 then t2', windowed);
    const listed = await ad.list({ filter: within(f), sort: 'NAME', fields: 'DESCRIPTION' });
    ctx.expect(column(listed, 'DESCRIPTION').join() === `-,${hit},${hit},-`, 'afterwards only t2 and t3 carry the description', listed);
    const direct = await ad.patch({}, { name: 'T1', OUName: f.dn.toLowerCase(), description: 'direct' });
    ctx.expect(objects(direct).map((i) => (i as Item).object?.['OU Name']).join() === 't1' && statusCodes(direct).join() === '1', 'without a filter: name T1 inside OUName (any case) updates t1 alone', direct);
    const t1 = f.units['t1'];
    if (t1 === undefined) throw new TypeError('fixture unit missing');
    const read = await ad.list({ filter: guidFilter(t1.id), fields: 'NAME,DESCRIPTION' });
    ctx.expect(isDeepStrictEqual(objects(read), [{ NAME: 't1', DESCRIPTION: 'direct' }]), 'without a filter, name and OUName find the target and change neither', read);
    const none = await ad.patch({}, { name: `no-such-${ctx.runTag}`, OUName: f.dn, description: 'x' });
    const meta = (none.body as { meta?: { total_no_of_objects?: unknown } } | undefined)?.meta;
    ctx.expect(none.status === 200 && objects(none).length === 0 && meta?.total_no_of_objects === 0, 'a name that no OU in OUName has: data [] with total 0', none);
  },
};

export const itemsCheck: Check = {
  id: 'ad.update.items',
  title: 'each target gets one item {object, status}; a target that cannot change gets status_code 0 with the reason and stays as it was, the others change',
  rules: ['AD-U2'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['P1', 'P1/x', 'P1/Target', 'P2', 'P2/z']);
    const ex = await ad.patch({ filter: within(f, '(NAME eq x) or (NAME eq z)'), sort: 'NAME' }, { name: 'Target', managedBy: 'Manager 1' });
    const items = objects(ex) as Item[];
    ctx.require(items.length === 2, 'two targets (x and z): two items', ex);
    const [x, z] = items as [Item, Item];
    const xDn = `OU=x,OU=P1,${f.dn}`;
    ctx.expect(x.status?.status_code === 0 && typeof x.status.status_message === 'string' && x.status.status_message !== '', 'x (a sibling is named Target): status_code 0 with the reason', ex);
    ctx.expect(x.object?.['Distinguished Name'] === xDn && x.object['OU Name'] === 'x' && x.object['Managed by'] === '-', `x's item shows it unchanged (${xDn}, no manager)`, ex);
    const zDn = `OU=Target,OU=P2,${f.dn}`;
    ctx.expect(
      z.status?.status_code === 1 && z.object?.['Distinguished Name'] === zDn && z.object['Container Name'] === `OU=P2,${f.dn}` && z.object['OU Name'] === 'Target' && z.object['Managed by'] === 'Manager 1',
      `z's item: status_code 1, the object after the change (${zDn}, Managed by Manager 1)`,
      ex,
    );
    const after = await ad.list({ filter: within(f, 'MANAGER pr'), fields: 'DISTINGUISHED_NAME' });
    ctx.expect(column(after, 'DISTINGUISHED_NAME').join() === zDn, 'afterwards only z changed (renamed, with the manager); x kept its name and has none', after);
  },
};

export const renameMoveCheck: Check = {
  id: 'ad.update.rename-move',
  title: 'with a filter, `name` renames and `OUName` moves the targets; DNs and canonical names below follow; `c` is two letters, stored upper-case',
  rules: ['AD-U3'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['A', 'A/child', 'B']);
    const a = f.units['A'];
    const child = f.units['A/child'];
    if (a === undefined || child === undefined) throw new TypeError('fixture unit missing');
    const moved = await ad.patch({ filter: guidFilter(a.id) }, { name: 'A, moved', OUName: `OU=B,${f.dn}` });
    const newDn = `OU=A\\, moved,OU=B,${f.dn}`;
    ctx.expect(statusCodes(moved).join() === '1' && (objects(moved)[0] as Item | undefined)?.object?.['Distinguished Name'] === newDn, `renaming A to "A, moved" and moving it into B: status_code 1, DN ${newDn}`, moved);
    const below = await ad.list({ filter: guidFilter(child.id), fields: 'DISTINGUISHED_NAME,OU_NAME' });
    const canonical = `${objects(below)[0]?.['OU_NAME'] ?? ''}`;
    ctx.expect(objects(below)[0]?.['DISTINGUISHED_NAME'] === `OU=child,${newDn}` && canonical.endsWith('/B/A, moved/child'), `the child below follows: OU=child,${newDn}, canonical …/B/A, moved/child`, below);
    const read = await ctx.driver.get(child.id);
    ctx.expect(read.value?.parentId === a.id, 'the child still has A as its parent', read.ex);
    const code = await ad.patch({ filter: guidFilter(a.id) }, { c: 'in' });
    ctx.expect(statusCodes(code).join() === '1', 'c=in is accepted', code);
    const bad = await ad.patch({ filter: guidFilter(a.id) }, { c: 'IND' });
    ctx.expect(statusCodes(bad).join() === '0', 'c=IND (three letters) fails the item', bad);
    const stored = await ad.list({ filter: guidFilter(a.id), fields: 'COUNTRY_CODE' });
    ctx.expect(column(stored, 'COUNTRY_CODE').join() === 'IN', 'COUNTRY_CODE is IN: stored upper-case, the failed item changed nothing', stored);
  },
};

export const preventDeletionCheck: Check = {
  id: 'ad.update.prevent-deletion',
  title: '`preventDeletion: true` refuses deleting the OU (through the delete the run has) until it is set back to false',
  rules: ['AD-U4'],
  level: 'profile',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['guarded']);
    const unit = f.units['guarded'];
    if (unit === undefined) throw new TypeError('fixture unit missing');
    const on = await ad.patch({ filter: guidFilter(unit.id) }, { preventDeletion: true });
    ctx.require(statusCodes(on).join() === '1', 'preventDeletion: true is accepted', on);
    try {
      const refused = await ctx.driver.delete(unit.id);
      ctx.expect(refused.value === undefined && ctx.driver.isError(refused.ex, 'conflict'), 'deleting the protected OU is refused (conflict)', refused.ex);
    } finally {
      const off = await ad.patch({ filter: guidFilter(unit.id) }, { preventDeletion: false });
      ctx.expect(statusCodes(off).join() === '1' || objects(off).length === 0, 'preventDeletion: false is accepted', off);
    }
    const still = await ad.list({ filter: guidFilter(unit.id), fields: 'PREVENT_DELETION' });
    if (objects(still).length === 0) return;
    const deleted = await ctx.driver.delete(unit.id);
    ctx.expect(deleted.value === true, 'with preventDeletion false again, the delete goes through', deleted.ex);
  },
};
