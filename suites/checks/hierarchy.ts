import type { Check, CheckContext } from '../check.ts';
import { findInTree, ouOf, treeEdges, treeOf } from '../data.ts';
import type { Ou } from '../data.ts';
import { chain, unsortedSiblings } from './fixtures.ts';
import { childrenOf, fetchOu, fetchPage, lowerOrder, pathJoiner, refused } from './expect.ts';

/** Expects each OU's current path (GET, list and tree) to be `want[id]`. */
async function expectPaths(ctx: CheckContext, want: ReadonlyMap<string, string>, what: string): Promise<void> {
  for (const [id, path] of want) {
    const ex = await ctx.api.get(id);
    const ou = ouOf(ex);
    ctx.expect(ex.status === 200 && ou?.path === path, `${what}: GET ${id} has path ${path}, got ${ou?.path ?? `status ${ex.status}`}`, ex);
  }
  const tree = await ctx.api.tree();
  const nodes = treeOf(tree) ?? [];
  for (const [id, path] of want) {
    // A node missing from the tree is OU-R1's finding (tree.matches_list); its path is judged where it is.
    const node = findInTree(nodes, id);
    if (node !== undefined) ctx.expect(node.path === path, `${what}: the tree has ${id} with path ${path}, got ${node.path}`, tree);
  }
}

async function createdTree(ctx: CheckContext, box: Ou): Promise<Map<string, string | null>> {
  // root/box/{n0/{n00/{n000/{n0000}}, n01}, n1/{n10}, N2}
  const parents = new Map<string, string | null>();
  const add = async (name: string, parent: Ou): Promise<Ou> => {
    const ou = await ctx.createOu({ name, parent_id: parent.id });
    parents.set(ou.id, parent.id);
    return ou;
  };
  const n0 = await add('n0', box);
  const n00 = await add('n00', n0);
  const n000 = await add('n000', n00);
  await add('n0000', n000);
  await add('n01', n0);
  const n1 = await add('n1', box);
  await add('n10', n1);
  await add('N2', box);
  return parents;
}

export const hierarchyChecks: Check[] = [
  {
    id: 'paths.format',
    title: 'path is / followed by the names from the top-level ancestor down',
    rules: ['OU-H2'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const box = await ctx.sandboxOu();
      const ous = await chain(ctx, box.id, ['Level One', 'level two', 'Ünïcode three']);
      let expected = box.path;
      ctx.expect(box.path === `/${ctx.runTag}/${box.name}`, `the sandbox path is /${ctx.runTag}/${box.name}, got ${box.path}`);
      for (const ou of ous) {
        expected = `${expected}/${ou.name}`;
        const got = await fetchOu(ctx, ou.id, ou.name);
        ctx.expect(got.path === expected, `path of ${ou.name} is ${expected}, got ${got.path}`);
      }
    },
  },
  {
    id: 'paths.rename_subtree',
    title: 'renaming an OU updates its path and the paths of all its descendants',
    rules: ['OU-H3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandboxOu();
      const [a, b, c, d] = await chain(ctx, box.id, ['a', 'b', 'c', 'd']);
      if (a === undefined || b === undefined || c === undefined || d === undefined) return;
      const join = pathJoiner(ctx, box, a);
      const ex = await ctx.api.update(b.id, { name: 'b-renamed' });
      ctx.requireStatus(ex, 200, 'PATCH name of a middle OU');
      const base = join(a.path, 'b-renamed');
      ctx.expect(ouOf(ex)?.path === base, `the PATCH answer carries the new path ${base}`, ex);
      await expectPaths(ctx, new Map([[a.id, a.path], [b.id, base], [c.id, join(base, 'c')], [d.id, join(join(base, 'c'), 'd')]]), 'after rename');
      const list = await fetchPage(ctx, { parent_id: c.id }, 'list under the renamed subtree');
      ctx.expect(list.page.data[0]?.path === join(join(base, 'c'), 'd'), `the list shows the new path ${join(join(base, 'c'), 'd')}`, list.ex);
    },
  },
  {
    id: 'paths.move_subtree',
    title: 'moving an OU updates the paths of its whole subtree',
    rules: ['OU-H3', 'OU-H6'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandboxOu();
      const [a, b, c] = await chain(ctx, box.id, ['a', 'b', 'c']);
      const target = await ctx.createOu({ name: 'target', parent_id: box.id });
      if (a === undefined || b === undefined || c === undefined) return;
      const h3 = ctx.rule('OU-H3');
      const join = pathJoiner(h3, box, a);
      const ex = await ctx.api.update(b.id, { parent_id: target.id });
      h3.requireStatus(ex, 200, 'PATCH parent_id of a middle OU');
      const base = join(target.path, 'b');
      h3.expect(ouOf(ex)?.parent_id === target.id && ouOf(ex)?.path === base, `the PATCH answer has parent_id ${target.id} and path ${base}`, ex);
      await expectPaths(h3, new Map([[b.id, base], [c.id, join(base, 'c')]]), 'after move');
      const h6 = ctx.rule('OU-H6');
      const aNow = await fetchOu(h6, a.id, 'old parent');
      const tNow = await fetchOu(h6, target.id, 'new parent');
      h6.expect(aNow.child_ou_count === 0 && tNow.child_ou_count === 1, `child_ou_count follows the move: old parent 0 (got ${aNow.child_ou_count}), new parent 1 (got ${tNow.child_ou_count})`);
    },
  },
  {
    id: 'tree.matches_list',
    title: 'the tree holds every OU once, under its parent, to full depth; list and tree agree',
    rules: ['OU-R1', 'OU-H1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandboxOu();
      const parents = await createdTree(ctx, box);
      const r1: CheckContext = ctx.rule('OU-R1');
      const ex = await ctx.api.tree();
      const nodes = treeOf(ex);
      r1.require(ex.status === 200 && nodes !== undefined, 'GET tree answers 200 with a list in data', ex);
      const all = treeEdges(nodes, null);
      // Only OUs no one else changes are counted: other checks (and other runs on the tenant) move
      // theirs while the tree is read, and a unit caught mid-move would make the verdict a matter of timing.
      const own = new Set([ctx.rootId, box.id, ...parents.keys()]);
      const seen = new Map<string, number>();
      for (const e of all) if (own.has(e.id)) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
      const dups = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      r1.expect(dups.length === 0, `every OU appears once in the tree; repeated: ${dups.slice(0, 5).join(', ')}`, ex);
      const rootEdge = all.find((e) => e.id === ctx.rootId);
      r1.expect(rootEdge !== undefined && rootEdge.parentId === null, 'the run root is a top-level node of the tree', ex);
      const boxNode = findInTree(nodes, box.id);
      r1.require(boxNode !== undefined, 'the check sandbox is in the tree', ex);
      const sub = treeEdges(boxNode.children ?? [], box.id);
      const got = new Map(sub.map((e) => [e.id, e.parentId]));
      for (const [id, parent] of parents) {
        r1.expect(got.get(id) === parent, `the tree has ${id} under ${parent ?? 'top level'}, got ${got.has(id) ? String(got.get(id)) : 'absent'}`, ex);
      }
      r1.expect(sub.length === parents.size, `the sandbox subtree in the tree holds the ${parents.size} OUs created, got ${sub.length}`, ex);
      // Each OU names the parent it was created under: a forest of existing OUs (the list's parent filter is OU-L6's check).
      const h1 = ctx.rule('OU-H1');
      for (const [id, parent] of parents) {
        const ou = await fetchOu(h1, id, 'an OU of the created tree');
        h1.expect(ou.parent_id === parent, `OU ${id} has parent_id ${String(parent)}, got ${String(ou.parent_id)}`);
      }
    },
  },
  {
    id: 'tree.order',
    title: 'tree siblings are ordered by lower-cased name and leaves carry children: []',
    rules: ['OU-R2'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const box = await ctx.sandboxOu();
      // Lower-cased order n0, n1, N2 is neither plain string order (N2 first) nor creation or id order.
      const [n0] = await unsortedSiblings(ctx, box.id, ['n0', 'n1', 'N2']);
      if (n0 !== undefined) await chain(ctx, n0.id, ['n00', 'n000']);
      const ex = await ctx.api.tree();
      const boxNode = findInTree(treeOf(ex) ?? [], box.id);
      ctx.require(boxNode !== undefined, 'the check sandbox is in the tree', ex);
      for (const { node } of treeEdges([boxNode], null)) {
        const names = (node.children ?? []).map((c) => c.name);
        ctx.expect(JSON.stringify(names) === JSON.stringify([...names].sort(lowerOrder)), `children of ${node.path} ordered by lower-cased name: ${names.join(', ')}`, ex);
        ctx.expect(Array.isArray(node.children), `${node.path} carries a children list ([] for a leaf), got ${JSON.stringify(node.children)}`, ex);
      }
    },
  },
  {
    id: 'siblings.unique_ci',
    title: 'sibling names are unique case-insensitively on create, rename and move, beyond ASCII too (409, nothing changed)',
    rules: ['OU-H4', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const alpha = await ctx.createOu({ name: 'Alpha', parent_id: box.id });
      const beta = await ctx.createOu({ name: 'beta', parent_id: box.id });
      const elsewhere = await ctx.createOu({ name: 'elsewhere', parent_id: box.id });
      const unicode = [await ctx.createOu({ name: 'Ärzte', parent_id: box.id }), await ctx.createOu({ name: 'Отдел', parent_id: box.id })];
      // The same name under another parent is allowed: creating these must have answered 201.
      const mover = await ctx.createOu({ name: 'aLpHa', parent_id: elsewhere.id });
      const unicodeMover = await ctx.createOu({ name: 'оТдЕл', parent_id: elsewhere.id });
      const h4 = ctx.rule('OU-H4');
      const sent = [];
      // Beyond ASCII, each name differs from its sibling only in letters outside A-Z, so a server
      // that folds only A-Z (SQLite NOCASE or lower()) accepts it. Every case-insensitive comparison
      // (lower-, upper-casing, simple or full case folding) takes them as equal; 'ß'/'SS', 'İ'/'i'
      // and final sigma are left out, as those comparisons disagree on them.
      for (const [name, beside] of [
        ['Alpha', 'Alpha'],
        ['ALPHA', 'Alpha'],
        ['alpha', 'Alpha'],
        ['ärzte', 'Ärzte'],
        ['ОТДЕЛ', 'Отдел'],
      ] as const) {
        const ex = await ctx.api.create({ name, parent_id: box.id });
        sent.push(ex);
        h4.expectStatus(ex, 409, `POST "${name}" beside "${beside}"`);
      }
      for (const [name, beside] of [
        ['ALPHA', 'Alpha'],
        ['отдел', 'Отдел'],
      ] as const) {
        const rename = await ctx.api.update(beta.id, { name });
        sent.push(rename);
        h4.expectStatus(rename, 409, `PATCH name "beta" -> "${name}" beside "${beside}"`);
      }
      for (const [ou, beside] of [
        [mover, 'Alpha'],
        [unicodeMover, 'Отдел'],
      ] as const) {
        const move = await ctx.api.update(ou.id, { parent_id: box.id });
        sent.push(move);
        h4.expectStatus(move, 409, `PATCH parent_id moving "${ou.name}" beside "${beside}"`);
      }
      if (!refused(...sent)) return;
      const e5 = ctx.rule('OU-E5');
      const kids = await childrenOf(e5, box.id, 'children after the refused requests');
      const names = kids.map((k) => k.name).sort();
      const want = [alpha, beta, elsewhere, ...unicode].map((o) => o.name).sort();
      e5.expect(JSON.stringify(names) === JSON.stringify(want), `nothing changed under the parent: ${want.join(', ')}; got ${names.join(', ')}`);
      const betaNow = await fetchOu(e5, beta.id, 'renamed sibling');
      e5.expect(betaNow.name === 'beta', `the refused renames changed nothing, name is ${betaNow.name}`);
      for (const ou of [mover, unicodeMover]) {
        const moverNow = await fetchOu(e5, ou.id, 'moved OU');
        e5.expect(moverNow.parent_id === elsewhere.id, `the refused move of "${ou.name}" changed nothing`);
      }
      const alphaNow = await fetchOu(e5, alpha.id, 'existing sibling');
      e5.expect(alphaNow.name === 'Alpha' && alphaNow.path === alpha.path, 'the existing sibling is unchanged');
    },
  },
  {
    id: 'cycles.refused',
    title: 'moving an OU under itself or a descendant answers 409 or 422 and changes nothing',
    rules: ['OU-U2', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const [a, b, c] = await chain(ctx, box.id, ['a', 'b', 'c']);
      if (a === undefined || b === undefined || c === undefined) return;
      const sent = [];
      for (const [target, label] of [
        [a, 'itself'],
        [b, 'its child'],
        [c, 'its grandchild'],
      ] as const) {
        const ex = await ctx.api.update(a.id, { parent_id: target.id });
        sent.push(ex);
        ctx.expectStatus(ex, [409, 422], `PATCH moving an OU under ${label}`, 'OU-U2');
      }
      const bSelf = await ctx.api.update(b.id, { parent_id: b.id, name: 'b-changed' });
      ctx.expectStatus(bSelf, [409, 422], 'PATCH moving an OU under itself together with a rename', 'OU-U2');
      // An accepted cycle is OU-U2's finding; what refused moves left behind is OU-E5's, the tree's shape OU-H1's.
      if (!refused(...sent, bSelf)) return;
      const e5 = ctx.rule('OU-E5');
      for (const [ou, parent] of [
        [a, box.id],
        [b, a.id],
        [c, b.id],
      ] as const) {
        const now = await fetchOu(e5, ou.id, 'after the refused moves');
        e5.expect(now.parent_id === parent && now.name === ou.name && now.path === ou.path, `${ou.name} unchanged: parent ${parent}, path ${ou.path}; got ${String(now.parent_id)}, ${now.path}`);
      }
    },
  },
  {
    id: 'counts.child_ou_count',
    title: 'child_ou_count counts direct children only',
    rules: ['OU-H6'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const c1 = await ctx.createOu({ name: 'c1', parent_id: p.id });
      await ctx.createOu({ name: 'c2', parent_id: p.id });
      await chain(ctx, c1.id, ['g1', 'gg1']);
      const pNow = await fetchOu(ctx, p.id, 'parent');
      ctx.expect(pNow.child_ou_count === 2, `child_ou_count of an OU with 2 children (and 2 deeper OUs) is 2, got ${pNow.child_ou_count}`);
      const c1Now = await fetchOu(ctx, c1.id, 'child');
      ctx.expect(c1Now.child_ou_count === 1, `child_ou_count of an OU with 1 child (and 1 grandchild) is 1, got ${c1Now.child_ou_count}`);
      const boxNow = await fetchOu(ctx, box.id, 'sandbox');
      ctx.expect(boxNow.child_ou_count === 1, `child_ou_count of the sandbox is 1, got ${boxNow.child_ou_count}`);
    },
  },
  {
    id: 'counts.user_count',
    title: 'user_count counts users directly in the OU, in OUResponse, OUListItem and OUChildInfo',
    rules: ['OU-H6'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const p = await ctx.createOu({ name: 'p', parent_id: box.id });
      const c = await ctx.createOu({ name: 'c', parent_id: p.id });
      const g = await ctx.createOu({ name: 'g', parent_id: c.id });
      for (const ou of [p, p, c, g, g]) await users.create(ou.id);
      const pNow = await fetchOu(ctx, p.id, 'parent');
      ctx.expect(pNow.user_count === 2, `OUResponse.user_count of an OU with 2 direct users (3 deeper) is 2, got ${pNow.user_count}`);
      const cNow = await fetchOu(ctx, c.id, 'child');
      ctx.expect(cNow.user_count === 1, `OUResponse.user_count of an OU with 1 direct user is 1, got ${cNow.user_count}`);
      const list = await fetchPage(ctx, { parent_id: box.id }, 'list of the parent');
      const item = list.page.data.find((i) => i.id === p.id);
      ctx.expect(item?.user_count === 2, `OUListItem.user_count is 2, got ${String(item?.user_count)}`, list.ex);
      const pGet = await ctx.api.get(p.id);
      const child = ouOf(pGet)?.children?.find((ch) => ch.ou_id === c.id);
      ctx.expect(child?.user_count === 1, `OUChildInfo.user_count is 1, got ${String(child?.user_count)}`, pGet);
    },
  },
];
