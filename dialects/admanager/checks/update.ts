/** AD-U1..U4: the bulk update's targets, its items, renames and moves, preventDeletion. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { domainRootDn } from '../dn.ts';
import { listOf } from '../driver.ts';
import { adDriverOf, column, fixture, guidFilter, metaIs, objects, sameDn, sameSet, statusCodes, within } from './support.ts';

type Item = { object?: Record<string, unknown>; status?: { status_code?: unknown; status_message?: unknown } };

/** The `OU Name` of each item. */
const itemNames = (ex: Exchange): unknown[] => objects(ex).map((i) => (i as Item).object?.['OU Name']);

export const targetsCheck: Check = {
  id: 'ad.update.targets',
  title: 'the targets are the filter window in sort order; without a filter, the OU named `name` inside `OUName` (or the only one of that name); no such OU is data []',
  rules: ['AD-U1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const solo = `solo-${ctx.runTag}`;
    const f = await fixture(ctx, ['t1', 't2', 't3', 't4', 'P', 'P/dup', 'Q', 'Q/dup', solo]);
    const hit = `hit-${ctx.runTag}`;
    const windowed = await ad.patch({ filter: within(f, 'NAME sw "T"'), sort: '-NAME', from: 2, limit: 2 }, { description: hit });
    ctx.expect(itemNames(windowed).join() === 't3,t2', 'filter NAME sw T (any case), sort=-NAME, from=2, limit=2 updates t3 then t2', windowed);
    const listed = await ad.list({ filter: within(f, 'NAME sw "t"'), sort: 'NAME', fields: 'DESCRIPTION' });
    ctx.expect(column(listed, 'DESCRIPTION').join() === `-,${hit},${hit},-`, 'afterwards only t2 and t3 carry the description', listed);
    const direct = await ad.patch({}, { name: 'T1', OUName: f.dn.toLowerCase(), description: 'direct' });
    ctx.expect(itemNames(direct).join() === 't1' && statusCodes(direct).join() === '1', 'without a filter: name T1 inside OUName (any case) updates t1 alone', direct);
    const t1 = f.units['t1'];
    if (t1 === undefined) throw new TypeError('fixture unit missing');
    const read = await ad.list({ filter: guidFilter(t1.id), fields: 'NAME,DESCRIPTION' });
    ctx.expect(objects(read).length === 1 && objects(read)[0]?.['NAME'] === 't1' && objects(read)[0]?.['DESCRIPTION'] === 'direct', 'without a filter, name and OUName find the target and change neither', read);
    // The name must match whole: `t` names none of t1..t4.
    const prefix = await ad.patch({}, { name: 't', OUName: f.dn, description: 'prefix' });
    ctx.expect(prefix.status === 200 && objects(prefix).length === 0, 'name t inside the sandbox (only t1..t4 there): data []', prefix);
    const qDn = `OU=Q,${f.dn}`;
    const inQ = await ad.patch({}, { name: 'dup', OUName: qDn, description: 'in Q' });
    const [qItem] = objects(inQ) as Item[];
    ctx.expect(objects(inQ).length === 1 && sameDn(qItem?.object?.['Distinguished Name'], `OU=dup,${qDn}`), `name dup inside ${qDn} updates Q/dup, not P/dup`, inQ);
    const anywhere = await ad.patch({}, { name: 'dup', description: 'ambiguous' });
    ctx.expect(anywhere.status === 200 && objects(anywhere).length === 0, 'name dup without OUName (two OUs have it): data []', anywhere);
    const dups = await ad.list({ filter: within(f, 'NAME eq "dup"'), sort: 'DISTINGUISHED_NAME', fields: 'DESCRIPTION' });
    ctx.expect(sameSet(column(dups, 'DESCRIPTION'), ['-', 'in Q']), 'afterwards P/dup has no description and Q/dup has "in Q"', dups);
    const unique = await ad.patch({}, { name: solo.toUpperCase(), description: 'only one' });
    ctx.expect(itemNames(unique).join() === solo && statusCodes(unique).join() === '1', `name ${solo.toUpperCase()} without OUName (one OU in the domain has it): updates it`, unique);
    const none = await ad.patch({}, { name: `no-such-${ctx.runTag}`, OUName: f.dn, description: 'x' });
    ctx.expect(none.status === 200 && objects(none).length === 0 && listOf(none)?.meta['total_no_of_objects'] === 0, 'a name that no OU in OUName has: data [] with total 0', none);
  },
};

export const itemsCheck: Check = {
  id: 'ad.update.items',
  title: 'each target gets one item {object, status} and meta as a list; a target that cannot change gets status_code 0 with the reason and stays as it was (every attribute), the others change, also when siblings of one batch clash',
  rules: ['AD-U2'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['P1', 'P1/x', 'P1/Target', 'P2', 'P2/z', 'P3', 'P3/s1', 'P3/s2', 'P3/s3']);
    const ex = await ad.patch({ filter: within(f, '(NAME eq x) or (NAME eq z)'), sort: 'NAME' }, { name: 'Target', managedBy: 'Manager 1', description: 'changed' });
    const items = objects(ex) as Item[];
    ctx.require(items.length === 2, 'two targets (x and z): two items', ex);
    ctx.expect(metaIs(ex, { start_index: 1, limit: 10, total_no_of_objects: 2 }), 'meta: start_index 1, limit 10, total_no_of_objects 2', ex);
    const [x, z] = items as [Item, Item];
    const xDn = `OU=x,OU=P1,${f.dn}`;
    ctx.expect(x.status?.status_code === 0 && typeof x.status.status_message === 'string' && x.status.status_message !== '', 'x (a sibling is named Target): status_code 0 with the reason', ex);
    ctx.expect(sameDn(x.object?.['Distinguished Name'], xDn) && x.object?.['OU Name'] === 'x' && x.object['Managed by'] === '-', `x's item shows it unchanged (${xDn}, no manager)`, ex);
    const zDn = `OU=Target,OU=P2,${f.dn}`;
    ctx.expect(
      z.status?.status_code === 1 && sameDn(z.object?.['Distinguished Name'], zDn) && sameDn(z.object?.['Container Name'], `OU=P2,${f.dn}`) && z.object?.['OU Name'] === 'Target' && z.object['Managed by'] === 'Manager 1',
      `z's item: status_code 1, the object after the change (${zDn}, Managed by Manager 1)`,
      ex,
    );
    const after = await ad.list({ filter: within(f, '(MANAGER pr) or (DESCRIPTION pr)'), fields: 'DISTINGUISHED_NAME' });
    ctx.expect(column(after, 'DISTINGUISHED_NAME').length === 1 && sameDn(column(after, 'DISTINGUISHED_NAME')[0], zDn), 'afterwards only z changed (renamed, manager, description); x kept its name and has neither', after);
    // A window of the same targets: meta counts every match (which targets the window takes is AD-U1's).
    const second = await ad.patch({ filter: within(f, '(NAME eq x) or (NAME eq Target)'), sort: 'DISTINGUISHED_NAME', from: 3, limit: 1 }, { street: 'Main Street' });
    ctx.expect(metaIs(second, { start_index: 3, limit: 1, total_no_of_objects: 3 }), 'a window from=3&limit=1 of three matches: meta start_index 3, limit 1, total 3', second);
    // Three siblings renamed alike in one batch: one can take the name, the others fail and stay.
    const clash = await ad.patch({ filter: within(f, 'NAME sw "s"'), sort: 'NAME' }, { name: 'same', description: 'clash' });
    const codes = statusCodes(clash);
    ctx.expect(codes.length === 3 && codes.filter((c) => c === 1).length === 1 && codes.filter((c) => c === 0).length === 2, 's1, s2, s3 all renamed to "same": one item status_code 1, two status_code 0', clash);
    const p3 = await ad.list({ filter: within(f, `DISTINGUISHED_NAME ew ${JSON.stringify(`,OU=P3,${f.dn}`)}`), fields: 'NAME,DESCRIPTION' });
    const rows = objects(p3).map((o) => `${String(o['NAME'])}:${String(o['DESCRIPTION'])}`);
    ctx.expect(rows.length === 3 && rows.filter((r) => r === 'same:clash').length === 1 && rows.filter((r) => /^s[123]:-$/.test(r)).length === 2, 'afterwards one of them is "same" with the description, the other two keep their names and have none', p3);
    // A top-level OU's container is the domain root.
    const top = await ctx.createTopLevel('ad-top');
    const topEx = await ad.patch({ filter: guidFilter(top.id) }, { description: 'top' });
    const [topItem] = objects(topEx) as Item[];
    ctx.expect(statusCodes(topEx).join() === '1' && sameDn(topItem?.object?.['Container Name'], domainRootDn(ad.domain)), `a top-level OU's item: Container Name ${domainRootDn(ad.domain)}`, topEx);
  },
};

export const renameMoveCheck: Check = {
  id: 'ad.update.rename-move',
  title: 'with a filter, `name` renames and `OUName` (an OU of the domain or its root) moves the targets; DNs and canonical names at every depth below follow; a name that only extends a sibling\'s is free; another domain\'s DN moves nothing; `c` is two letters, stored upper-case',
  rules: ['AD-U3'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const root = `root-${ctx.runTag}`;
    const f = await fixture(ctx, ['A', 'A/child', 'A/child/grand', 'B', 'Bee', 'C', root]);
    const a = f.units['A'];
    const child = f.units['A/child'];
    const grand = f.units['A/child/grand'];
    const c = f.units['C'];
    const top = f.units[root];
    if (a === undefined || child === undefined || grand === undefined || c === undefined || top === undefined) throw new TypeError('fixture unit missing');
    const moved = await ad.patch({ filter: guidFilter(a.id) }, { name: 'A, moved', OUName: `ou=b,${f.dn.toLowerCase()}` });
    const newDn = `OU=A\\, moved,OU=B,${f.dn}`;
    ctx.expect(statusCodes(moved).join() === '1' && sameDn((objects(moved)[0] as Item | undefined)?.object?.['Distinguished Name'], newDn), `renaming A to "A, moved" and moving it into B (OUName in lower case): status_code 1, DN ${newDn}`, moved);
    for (const [unit, names] of [[child, ['child']], [grand, ['grand', 'child']]] as const) {
      const below = await ad.list({ filter: guidFilter(unit.id), fields: 'DISTINGUISHED_NAME,OU_NAME' });
      const dn = [...names.map((n) => `OU=${n}`), newDn].join(',');
      const path = `/B/A, moved/${[...names].reverse().join('/')}`;
      ctx.expect(sameDn(objects(below)[0]?.['DISTINGUISHED_NAME'], dn) && `${objects(below)[0]?.['OU_NAME'] ?? ''}`.endsWith(path), `${names[0]} below follows: ${dn}, canonical …${path}`, below);
    }
    const read = await ctx.driver.get(child.id);
    ctx.expect(read.value?.parentId === a.id, 'the child still has A as its parent', read.ex);
    // `Be` extends the sibling B and is extended by the sibling Bee: neither makes it taken.
    const renamed = await ad.patch({ filter: guidFilter(c.id) }, { name: 'Be' });
    ctx.expect(statusCodes(renamed).join() === '1' && itemNames(renamed).join() === 'Be', 'renaming C to "Be" next to B and Bee: status_code 1', renamed);
    // The same path in another domain is no container here.
    const other = ctx.creds.other !== undefined ? ad.as(ctx.creds.other.auth, ctx.creds.other.tenantId).domain : `elsewhere-${ctx.runTag.toLowerCase()}.invalid`;
    const foreignDn = `OU=B,${f.dn.slice(0, f.dn.search(/,DC=/i))},${domainRootDn(other)}`;
    const foreign = await ad.patch({ filter: guidFilter(c.id) }, { OUName: foreignDn });
    ctx.expect(foreign.status < 500 && !statusCodes(foreign).includes(1), `OUName ${foreignDn} (another domain): no item succeeds`, foreign);
    const stayed = await ad.list({ filter: guidFilter(c.id), fields: 'DISTINGUISHED_NAME' });
    ctx.expect(sameDn(column(stayed, 'DISTINGUISHED_NAME')[0], `OU=Be,${f.dn}`), `C (now Be) is still OU=Be,${f.dn}`, stayed);
    // The domain root is a container too.
    const toRoot = await ad.patch({ filter: guidFilter(top.id) }, { OUName: domainRootDn(ad.domain).toLowerCase() });
    if (statusCodes(toRoot).join() === '1') ctx.adoptTopLevel(top.id);
    ctx.expect(statusCodes(toRoot).join() === '1' && sameDn((objects(toRoot)[0] as Item | undefined)?.object?.['Distinguished Name'], `OU=${root},${domainRootDn(ad.domain)}`), `moving ${root} to the domain root: status_code 1, DN OU=${root},${domainRootDn(ad.domain)}`, toRoot);
    const code = await ad.patch({ filter: guidFilter(a.id) }, { c: 'in' });
    ctx.expect(statusCodes(code).join() === '1', 'c=in is accepted', code);
    for (const bad of ['IND', 'I', '1A', 'I1']) {
      const refused = await ad.patch({ filter: guidFilter(a.id) }, { c: bad });
      ctx.expect(statusCodes(refused).join() === '0', `c=${bad} (not two letters) fails the item`, refused);
    }
    const stored = await ad.list({ filter: guidFilter(a.id), fields: 'COUNTRY_CODE' });
    ctx.expect(column(stored, 'COUNTRY_CODE').join() === 'IN', 'COUNTRY_CODE is IN: stored upper-case, the failed items changed nothing', stored);
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
