import type { Check, CheckContext } from '../check.ts';
import { findInTree, pageOf, treeOf } from '../data.ts';
import type { Ou, UserItem } from '../data.ts';
import { chain } from './fixtures.ts';
import { childrenOf, expectDetail, expectGone, expectValidation, fetchOu, unknownId } from './expect.ts';

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
      for (const strategy of ['FOO', 'block', 'cascade', '', 'BLOCK ', 'DELETE']) {
        const ex = await ctx.api.delete(leaf.id, strategy);
        expectValidation(ctx, ex, 'query', 'strategy', `DELETE ?strategy=${JSON.stringify(strategy)}`);
      }
      await fetchOu(ctx, leaf.id, 'the OU survives the refused deletes');
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
      if (ctx.expectStatus(ex, 409, 'DELETE ?strategy=BLOCK of an OU with a child')) expectDetail(ctx, ex, 'BLOCK refusal');
      for (const ou of [x, child, grandchild]) {
        const now = await fetchOu(ctx, ou.id, `${ou.name} after the refused BLOCK`);
        ctx.expect(now.path === ou.path && now.parent_id === ou.parent_id, `${ou.name} unchanged`);
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
      ctx.expectStatus(ex, 409, 'DELETE ?strategy=BLOCK of an OU with a user');
      const now = await fetchOu(ctx, x.id, 'the OU after the refused BLOCK');
      ctx.expect(now.user_count === 1, `the OU keeps its user (user_count 1, got ${now.user_count})`);
      ctx.expect((await userIds(ctx, x.id, 'users after the refused BLOCK')).includes(user.id), 'the user is still listed in the OU');
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
      const before = await fetchOu(ctx, box.id, 'parent before');
      ctx.expect(before.child_ou_count === 2, `parent child_ou_count 2 before, got ${before.child_ou_count}`);
      const ex = await ctx.api.delete(leaf.id, 'BLOCK');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=BLOCK of an empty leaf');
      await expectGone(ctx, leaf.id, 'the deleted OU answers 404');
      const after = await fetchOu(ctx, box.id, 'parent after');
      ctx.expect(after.child_ou_count === 1, `parent child_ou_count 1 after the delete, got ${after.child_ou_count}`);
      await expectVanished(ctx, [leaf.id], box.id, 'after BLOCK');
      await fetchOu(ctx, keep.id, 'the sibling survives');
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
      const ex = await ctx.api.delete(x.id, 'MOVE_UP');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=MOVE_UP of an OU with nested subtrees');
      await expectGone(ctx, x.id, 'the deleted OU answers 404');
      const base = `${box.path}/p`;
      for (const [ou, parent, path] of [
        [c1, p.id, `${base}/c1`],
        [c2, p.id, `${base}/c2`],
        [g1, c1.id, `${base}/c1/g1`],
        [gg1, g1.id, `${base}/c1/g1/gg1`],
      ] as const) {
        const now = await fetchOu(ctx, ou.id, `${ou.name} after MOVE_UP`);
        ctx.expect(now.parent_id === parent && now.path === path, `${ou.name}: parent ${parent}, path ${path}; got ${String(now.parent_id)}, ${now.path}`);
      }
      const pNow = await fetchOu(ctx, p.id, 'the parent after MOVE_UP');
      ctx.expect(pNow.child_ou_count === 2, `the parent now has the 2 moved children, child_ou_count ${pNow.child_ou_count}`);
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
    rules: ['OU-D3', 'OU-H3'],
    level: 'core',
    async run(ctx: CheckContext) {
      // "Top level" inside the sandbox: a second top-level OU of the run, removed at cleanup.
      const top = await ctx.createTopLevel('move-up-top');
      const k1 = await ctx.createOu({ name: `${ctx.runTag}-k1`, parent_id: top.id });
      const k2 = await ctx.createOu({ name: `${ctx.runTag}-k2`, parent_id: top.id });
      const [k1a] = await chain(ctx, k1.id, ['k1a']);
      const ex = await ctx.api.delete(top.id, 'MOVE_UP');
      ctx.adoptTopLevel(k1.id);
      ctx.adoptTopLevel(k2.id);
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=MOVE_UP of a top-level OU');
      await expectGone(ctx, top.id, 'the deleted OU answers 404');
      for (const ou of [k1, k2]) {
        const now = await fetchOu(ctx, ou.id, `${ou.name} after MOVE_UP`);
        ctx.expect(now.parent_id === null && now.path === `/${ou.name}`, `${ou.name} is top-level with path /${ou.name}; got ${String(now.parent_id)}, ${now.path}`);
      }
      if (k1a !== undefined) {
        const now = await fetchOu(ctx, k1a.id, 'grandchild after MOVE_UP');
        ctx.expect(now.path === `/${k1.name}/k1a`, `the grandchild path follows: /${k1.name}/k1a, got ${now.path}`);
      }
    },
  },
  {
    id: 'delete.move_up_clash',
    title: "MOVE_UP with a child name clashing at the parent answers 409 and changes nothing",
    rules: ['OU-D3', 'OU-H4', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      await ctx.createOu({ name: 'Dup', parent_id: p.id });
      const x = await ctx.createOu({ name: 'x', parent_id: p.id });
      // Clash in the middle: a one-by-one move would have moved some child before failing.
      const kids: Ou[] = [];
      for (const name of ['aaa-ok', 'dup', 'zzz-ok']) kids.push(await ctx.createOu({ name, parent_id: x.id }));
      const ex = await ctx.api.delete(x.id, 'MOVE_UP');
      if (ctx.expectStatus(ex, 409, 'DELETE ?strategy=MOVE_UP when a child clashes with a sibling at the parent')) expectDetail(ctx, ex, 'MOVE_UP clash');
      await fetchOu(ctx, x.id, 'the OU survives the refused MOVE_UP');
      for (const kid of kids) {
        const now = await fetchOu(ctx, kid.id, `${kid.name} after the refused MOVE_UP`);
        ctx.expect(now.parent_id === x.id && now.path === kid.path, `${kid.name} still under x at ${kid.path}; got ${String(now.parent_id)}, ${now.path}`);
      }
      const names = (await childrenOf(ctx, p.id, 'children of the parent')).map((c) => c.name).sort();
      ctx.expect(JSON.stringify(names) === JSON.stringify(['Dup', 'x']), `the parent still has exactly Dup and x, got ${names.join(', ')}`);
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
      const ex = await ctx.api.delete(x.id, 'CASCADE');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=CASCADE of a deep subtree');
      const gone = [...deep, side];
      for (const ou of gone) await expectGone(ctx, ou.id, `${ou.name} is deleted with the subtree`);
      await expectVanished(ctx, gone.map((o) => o.id), p.id, 'after CASCADE');
      const pNow = await fetchOu(ctx, p.id, 'the parent after CASCADE');
      ctx.expect(pNow.child_ou_count === 1, `the parent child_ou_count is 1, got ${pNow.child_ou_count}`);
      await fetchOu(ctx, sibling.id, 'the sibling survives');
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
      const ex = await ctx.api.delete(x.id, 'CASCADE');
      ctx.requireStatus(ex, 204, 'DELETE ?strategy=CASCADE of a subtree with users');
      const ids = await userIds(ctx, p.id, 'users of the parent after CASCADE');
      const lost = [own, ...moved].filter((u) => !ids.includes(u.id)).map((u) => u.id);
      ctx.expect(lost.length === 0, `the parent lists its own user and the 4 users of the subtree; missing ${lost.join(', ')}`);
      const pNow = await fetchOu(ctx, p.id, 'the parent after CASCADE');
      ctx.expect(pNow.user_count === 5, `the parent user_count is 5, got ${pNow.user_count}`);
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
        if (ctx.expectStatus(ex, 404, `DELETE unknown OU${strategy === undefined ? '' : ` ?strategy=${strategy}`}`)) expectDetail(ctx, ex, 'DELETE unknown OU');
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
      const child = await ctx.api.create({ name: 'orphan', parent_id: ou.id });
      ctx.expectStatus(child, [404, 422], 'POST a child of the deleted OU');
      await expectVanished(ctx, [ou.id], box.id, 'after DELETE');
    },
  },
];
