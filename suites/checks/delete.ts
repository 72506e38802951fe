import type { Check, CheckContext } from '../check.ts';
import { findInTree, pageOf, treeOf } from '../data.ts';
import type { Ou, UserItem } from '../data.ts';
import { chain } from './fixtures.ts';
import { childrenOf, expectDetail, expectGone, expectValidation, fetchOu, pathJoiner, refused, unknownId } from './expect.ts';

/** Ids of the users listed directly in `ouId` (one page of 100). */
async function userIds(ctx: CheckContext, ouId: string, what: string): Promise<string[]> {
  const ex = await ctx.api.users(ouId, { per_page: 100 });
  const page = pageOf<UserItem>(ex);
  ctx.require(ex.status === 200 && page !== undefined, `${what}: users list answers 200 with a page`, ex);
  return page.data.map((u) => u.id);
}

/** The OU is absent from the tree and from its former parent's list. */
async function expectVanished(ctx: CheckContext, ids: readonly string[], parentId: string, what: string): Promise<void> {
  const tree = await ctx.api.tree();
  const nodes = treeOf(tree) ?? [];
  const inTree = ids.filter((id) => findInTree(nodes, id) !== undefined);
  ctx.expect(inTree.length === 0, `${what}: deleted OUs vanish from the tree; still there: ${inTree.join(', ')}`, tree);
  const listed = (await childrenOf(ctx, parentId, `${what}: list of the parent`)).map((i) => i.id);
  const inList = ids.filter((id) => listed.includes(id));
  ctx.expect(inList.length === 0, `${what}: deleted OUs vanish from the list; still there: ${inList.join(', ')}`);
}

/** Children of the OU that delete.move_up_clash deletes, in name order (plain and lower-cased alike). */
const CLASH_KIDS = ['aaa-0', 'aaa-1', 'mmm-2', 'zzz-3', 'zzz-4'] as const;

/**
 * The child to make clash: neither first nor last in creation order, name order or id order,
 * either way round. A server that moves children one by one (OU-E5's broken variant), in any of
 * those orders, then moves some child before it meets the clash, whatever ids it hands out:
 * with the clash first in its order, nothing would move and the check could not see the break.
 * Of five children three are inner by creation (so by name) and three by id: one is both.
 */
export function clashingKid<T extends { id: string }>(kids: readonly T[]): T {
  const inner = (list: readonly T[]): readonly T[] => list.slice(1, -1);
  const byId = [...kids].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const both = inner(kids).find((k) => inner(byId).includes(k));
  if (both === undefined) throw new Error(`clashingKid needs at least 5 children, got ${kids.length}`);
  return both;
}

export const deleteChecks: Check[] = [
  {
    id: 'delete.default_block',
    title: 'the default strategy is BLOCK: an OU with a child is not deleted',
    rules: ['OU-D1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const [x, child] = await chain(ctx, box.id, ['x', 'child']);
      if (x === undefined || child === undefined) return;
      const ex = await ctx.api.delete(x.id);
      ctx.expectStatus(ex, 409, 'DELETE without strategy of an OU with a child (BLOCK)');
      await fetchOu(ctx, x.id, 'the OU is still there');
      await fetchOu(ctx, child.id, 'its child is still there');
      const leaf = await ctx.api.delete(child.id);
      ctx.expectStatus(leaf, 204, 'DELETE without strategy of a leaf');
    },
  },
  {
    id: 'delete.unknown_strategy',
    title: 'a strategy other than BLOCK, MOVE_UP, CASCADE answers 422 and deletes nothing',
    rules: ['OU-D1', 'OU-E3', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
      const sent = [];
      for (const strategy of ['FOO', 'block', 'cascade', '', 'BLOCK ', 'DELETE']) {
        const ex = await ctx.api.delete(leaf.id, strategy);
        sent.push(ex);
        expectValidation(ctx, ex, 'query', 'strategy', `DELETE ?strategy=${JSON.stringify(strategy)}`, 'OU-D1');
      }
      if (refused(...sent)) await fetchOu(ctx.rule('OU-E5'), leaf.id, 'the OU survives the refused deletes');
    },
  },
  {
    id: 'delete.block_children',
    title: 'BLOCK of an OU with child OUs answers 409 and changes nothing',
    rules: ['OU-D2', 'OU-E4', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const [x, child, grandchild] = await chain(ctx, box.id, ['x', 'child', 'grandchild']);
      if (x === undefined || child === undefined || grandchild === undefined) return;
      const ex = await ctx.api.delete(x.id, 'BLOCK');
      if (ctx.expectStatus(ex, 409, 'DELETE ?strategy=BLOCK of an OU with a child', 'OU-D2')) expectDetail(ctx.rule('OU-E4'), ex, 'BLOCK refusal');
      const e5 = ctx.rule('OU-E5');
      if (!refused(ex)) return;
      for (const ou of [x, child, grandchild]) {
        const now = await fetchOu(e5, ou.id, `${ou.name} after the refused BLOCK`);
        e5.expect(now.path === ou.path && now.parent_id === ou.parent_id, `${ou.name} unchanged`);
      }
    },
  },
  {
    id: 'delete.block_users',
    title: 'BLOCK of an OU with users answers 409 and changes nothing',
    rules: ['OU-D2', 'OU-E5'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const x = await ctx.createOu({ name: 'x', parent_id: box.id });
      const user = await users.create(x.id);
      const ex = await ctx.api.delete(x.id, 'BLOCK');
      ctx.expectStatus(ex, 409, 'DELETE ?strategy=BLOCK of an OU with a user', 'OU-D2');
      if (!refused(ex)) return;
      const e5 = ctx.rule('OU-E5');
      const now = await fetchOu(e5, x.id, 'the OU after the refused BLOCK');
      e5.expect(now.user_count === 1, `the OU keeps its user (user_count 1, got ${now.user_count})`);
      e5.expect((await userIds(e5, x.id, 'users after the refused BLOCK')).includes(user.id), 'the user is still listed in the OU');
    },
  },
  {
    id: 'delete.block_empty',
    title: 'BLOCK of an OU with no children and no users deletes it (204); the parent counts follow',
    rules: ['OU-D2', 'OU-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const keep = await ctx.createOu({ name: 'keep', parent_id: box.id });
      const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
      const d5 = ctx.rule('OU-D5');
      // A wrong count before the delete is OU-H6's finding (counts.child_ou_count), not this check's.
      const before = (await fetchOu(d5, box.id, 'parent before')).child_ou_count;
      const ex = await ctx.api.delete(leaf.id, 'BLOCK');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=BLOCK of an empty leaf', 'OU-D2');
      await expectGone(d5, leaf.id, 'the deleted OU answers 404');
      const after = await fetchOu(d5, box.id, 'parent after');
      d5.expect(after.child_ou_count === before - 1, `parent child_ou_count goes from ${before} to ${before - 1} with the delete, got ${after.child_ou_count}`);
      await expectVanished(d5, [leaf.id], box.id, 'after BLOCK');
      await fetchOu(ctx.rule('OU-D2'), keep.id, 'the sibling survives');
    },
  },
  {
    id: 'delete.move_up_subtree',
    title: 'MOVE_UP moves the child OUs with their subtrees to the parent; their paths follow',
    rules: ['OU-D3', 'OU-H3', 'OU-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const x = await ctx.createOu({ name: 'x', parent_id: p.id });
      const [c1, g1, gg1] = await chain(ctx, x.id, ['c1', 'g1', 'gg1']);
      const c2 = await ctx.createOu({ name: 'c2', parent_id: x.id });
      if (c1 === undefined || g1 === undefined || gg1 === undefined) return;
      const d3 = ctx.rule('OU-D3');
      const countBefore = (await fetchOu(d3, p.id, 'the parent before MOVE_UP')).child_ou_count;
      const ex = await ctx.api.delete(x.id, 'MOVE_UP');
      d3.requireStatus(ex, 204, 'DELETE ?strategy=MOVE_UP of an OU with nested subtrees');
      await expectGone(ctx.rule('OU-D5'), x.id, 'the deleted OU answers 404');
      // Paths follow the API's own form (OU-H2's is only a SHOULD), learned before the delete.
      const join = pathJoiner(ctx.rule('OU-H3'), p, x);
      const pathOf = new Map([[p.id, p.path]]);
      for (const [ou, parent] of [
        [c1, p.id],
        [c2, p.id],
        [g1, c1.id],
        [gg1, g1.id],
      ] as const) {
        const now = await fetchOu(d3, ou.id, `${ou.name} after MOVE_UP`);
        if (!d3.expect(now.parent_id === parent, `${ou.name}: parent ${parent} after MOVE_UP, got ${String(now.parent_id)}`)) continue;
        pathOf.set(ou.id, now.path);
        const want = join(pathOf.get(parent) ?? '', ou.name);
        ctx.expect(now.path === want, `${ou.name}: path ${want} after MOVE_UP, got ${now.path}`, undefined, 'OU-H3');
      }
      const pNow = await fetchOu(d3, p.id, 'the parent after MOVE_UP');
      // A count that was already wrong before the delete is OU-H6's finding (counts.child_ou_count).
      if (countBefore === 1) ctx.expect(pNow.child_ou_count === 2, `the parent now has the 2 moved children, child_ou_count ${pNow.child_ou_count}`, undefined, 'OU-D5');
    },
  },
  {
    id: 'delete.move_up_users',
    title: "MOVE_UP moves the OU's users to its parent",
    rules: ['OU-D3'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const x = await ctx.createOu({ name: 'x', parent_id: p.id });
      const inP = await users.create(p.id);
      const moved = [await users.create(x.id), await users.create(x.id)];
      const ex = await ctx.api.delete(x.id, 'MOVE_UP');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=MOVE_UP of an OU with users');
      const ids = await userIds(ctx, p.id, 'users of the parent after MOVE_UP');
      ctx.expect([inP, ...moved].every((u) => ids.includes(u.id)) && ids.length === 3, `the parent lists its own user and the 2 moved users, got ${ids.length}`);
      const pNow = await fetchOu(ctx, p.id, 'the parent after MOVE_UP');
      ctx.expect(pNow.user_count === 3, `the parent user_count is 3, got ${pNow.user_count}`);
    },
  },
  {
    id: 'delete.move_up_top_level',
    title: 'MOVE_UP of a top-level OU moves its child OUs to the top level',
    rules: ['OU-D3', 'OU-H3', 'OU-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      // "Top level" inside the sandbox: a second top-level OU of the run, removed at cleanup.
      const top = await ctx.createOu({ name: `${ctx.runTag}-move-up-top`, parent_id: null });
      ctx.adoptTopLevel(top.id);
      const k1 = await ctx.createOu({ name: `${ctx.runTag}-k1`, parent_id: top.id });
      const k2 = await ctx.createOu({ name: `${ctx.runTag}-k2`, parent_id: top.id });
      const [k1a] = await chain(ctx, k1.id, ['k1a']);
      const join = pathJoiner(ctx.rule('OU-H3'), top, k1);
      const ex = await ctx.api.delete(top.id, 'MOVE_UP');
      ctx.adoptTopLevel(k1.id);
      ctx.adoptTopLevel(k2.id);
      const d3 = ctx.rule('OU-D3');
      const h3 = ctx.rule('OU-H3');
      d3.requireStatus(ex, 204, 'DELETE ?strategy=MOVE_UP of a top-level OU');
      await expectGone(ctx.rule('OU-D5'), top.id, 'the deleted OU answers 404');
      const moved = new Map<string, string>();
      for (const ou of [k1, k2]) {
        const now = await fetchOu(d3, ou.id, `${ou.name} after MOVE_UP`);
        if (!d3.expect(now.parent_id === null, `${ou.name} is top-level after MOVE_UP; got parent ${String(now.parent_id)}`)) continue;
        moved.set(ou.id, now.path);
        h3.expect(now.path === join('', ou.name), `${ou.name}: path ${join('', ou.name)} at the top level, got ${now.path}`);
      }
      const k1Path = moved.get(k1.id);
      if (k1a !== undefined && k1Path !== undefined) {
        const now = await fetchOu(d3, k1a.id, 'grandchild after MOVE_UP');
        h3.expect(now.path === join(k1Path, 'k1a'), `the grandchild path follows: ${join(k1Path, 'k1a')}, got ${now.path}`);
      }
    },
  },
  {
    id: 'delete.move_up_clash',
    title: "MOVE_UP with a child name clashing at the parent answers 409 and changes nothing",
    rules: ['OU-D3', 'OU-E4', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const x = await ctx.createOu({ name: 'x', parent_id: p.id });
      // Created one after another, in name order: creation order and name order agree.
      const kids: Ou[] = [];
      for (const name of CLASH_KIDS) kids.push(await ctx.createOu({ name, parent_id: x.id }));
      const clash = clashingKid(kids);
      // The clash is in the same case: case-insensitive clashes are OU-H4's (siblings.unique_ci).
      await ctx.createOu({ name: clash.name, parent_id: p.id });
      const ex = await ctx.api.delete(x.id, 'MOVE_UP');
      if (ctx.expectStatus(ex, 409, `DELETE ?strategy=MOVE_UP when child "${clash.name}" clashes with a sibling at the parent`, 'OU-D3')) {
        expectDetail(ctx.rule('OU-E4'), ex, 'MOVE_UP clash');
      }
      if (!refused(ex)) return;
      const e5 = ctx.rule('OU-E5');
      await fetchOu(e5, x.id, 'the OU survives the refused MOVE_UP');
      for (const kid of kids) {
        const now = await fetchOu(e5, kid.id, `${kid.name} after the refused MOVE_UP`);
        e5.expect(now.parent_id === x.id && now.path === kid.path, `${kid.name} still under x at ${kid.path}; got ${String(now.parent_id)}, ${now.path}`);
      }
      const names = (await childrenOf(e5, p.id, 'children of the parent')).map((c) => c.name).sort();
      const want = [clash.name, 'x'].sort();
      e5.expect(JSON.stringify(names) === JSON.stringify(want), `the parent still has exactly ${want.join(' and ')}, got ${names.join(', ')}`);
    },
  },
  {
    id: 'delete.cascade',
    title: 'CASCADE deletes the OU and its whole subtree; they vanish and the parent counts follow',
    rules: ['OU-D4', 'OU-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const deep = await chain(ctx, p.id, ['x', 'y', 'z', 'w']);
      const side = await ctx.createOu({ name: 'side', parent_id: deep[1]?.id ?? p.id });
      const sibling = await ctx.createOu({ name: 'sibling', parent_id: p.id });
      const x = deep[0];
      if (x === undefined) return;
      const d4 = ctx.rule('OU-D4');
      const d5 = ctx.rule('OU-D5');
      const ex = await ctx.api.delete(x.id, 'CASCADE');
      d4.requireStatus(ex, 204, 'DELETE ?strategy=CASCADE of a deep subtree');
      const gone = [...deep, side];
      for (const ou of gone) await expectGone(d5, ou.id, `${ou.name} is deleted with the subtree: its id answers 404`);
      await expectVanished(d5, gone.map((o) => o.id), p.id, 'after CASCADE');
      const pNow = await fetchOu(d4, p.id, 'the parent after CASCADE');
      d5.expect(pNow.child_ou_count === 1, `the parent child_ou_count is 1, got ${pNow.child_ou_count}`);
      await fetchOu(d4, sibling.id, 'the sibling survives');
    },
  },
  {
    id: 'delete.cascade_users',
    title: 'CASCADE moves every user of the deleted subtree to the parent; none is deleted',
    rules: ['OU-D4', 'OU-D5'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const [x, y, z] = await chain(ctx, p.id, ['x', 'y', 'z']);
      if (x === undefined || y === undefined || z === undefined) return;
      const own = await users.create(p.id);
      const moved = [await users.create(x.id), await users.create(y.id), await users.create(z.id), await users.create(z.id)];
      const d4 = ctx.rule('OU-D4');
      const ex = await ctx.api.delete(x.id, 'CASCADE');
      d4.requireStatus(ex, 204, 'DELETE ?strategy=CASCADE of a subtree with users');
      const ids = await userIds(d4, p.id, 'users of the parent after CASCADE');
      const lost = [own, ...moved].filter((u) => !ids.includes(u.id)).map((u) => u.id);
      // Users that did not move make the count wrong too: one cause, judged once (OU-D4).
      if (!d4.expect(lost.length === 0, `the parent lists its own user and the 4 users of the subtree; missing ${lost.join(', ')}`)) return;
      const pNow = await fetchOu(d4, p.id, 'the parent after CASCADE');
      ctx.expect(pNow.user_count === 5, `the parent user_count is 5, got ${pNow.user_count}`, undefined, 'OU-D5');
    },
  },
  {
    id: 'delete.unknown_id',
    title: 'deleting an unknown OU answers 404, whatever the strategy',
    rules: ['OU-D6', 'OU-E4'],
    level: 'core',
    async run(ctx: CheckContext) {
      for (const strategy of [undefined, 'BLOCK', 'MOVE_UP', 'CASCADE']) {
        const ex = await ctx.api.delete(unknownId(ctx), strategy);
        if (ctx.expectStatus(ex, 404, `DELETE unknown OU${strategy === undefined ? '' : ` ?strategy=${strategy}`}`, 'OU-D6')) {
          expectDetail(ctx.rule('OU-E4'), ex, 'DELETE unknown OU');
        }
      }
    },
  },
  {
    id: 'use_after_free',
    title: 'after DELETE the id answers 404 on every operation and vanishes from list and tree',
    rules: ['OU-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const ou = await ctx.createOu({ name: 'freed', parent_id: box.id });
      ctx.requireStatus(await ctx.api.delete(ou.id, 'BLOCK'), 204, 'DELETE the new OU');
      ctx.expectStatus(await ctx.api.get(ou.id), 404, 'GET after DELETE');
      ctx.expectStatus(await ctx.api.update(ou.id, { description: 'zombie' }), 404, 'PATCH after DELETE');
      ctx.expectStatus(await ctx.api.users(ou.id), 404, 'GET users after DELETE');
      ctx.expectStatus(await ctx.api.delete(ou.id), 404, 'DELETE again');
      await expectVanished(ctx, [ou.id], box.id, 'after DELETE');
    },
  },
];
