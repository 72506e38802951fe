/** V2-D1..D5: delete with and without force, the 409 preview, and unknown ids. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { V2Api } from '../client.ts';
import { relatedOf } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { chain, expect422, fixture, sandboxId, unknownUuid, v2Api, viewed } from './kit.ts';

/**
 * A unit `x` whose subtree is three levels deep (x → c1 → g → gg, and c2), holds a unit `m`
 * (with child `mc`) made elsewhere before them and moved in, and lost `o` (moved out); beside
 * it, `x extended` (a name that extends x's, with a child) and `y`: the units a delete of `x`
 * must leave (`kept`), whatever index or path prefix an implementation relies on.
 */
async function family(ctx: CheckContext, api: V2Api): Promise<{ box: string; x: OrgUnit; related: OrgUnit[]; kept: OrgUnit[] }> {
  const box = await sandboxId(ctx);
  const [m, mc] = (await chain(ctx, api, box, ['m', 'mc'])) as [OrgUnit, OrgUnit];
  const [x, c1, g, gg] = (await chain(ctx, api, box, ['x', 'c1', 'g', 'gg'])) as [OrgUnit, OrgUnit, OrgUnit, OrgUnit];
  const c2 = await fixture(ctx, api, { name: 'c2', parent: x.org_unit_id });
  const o = await fixture(ctx, api, { name: 'o', parent: c1.org_unit_id });
  const [ext, extChild] = (await chain(ctx, api, box, ['x extended', 'xc'])) as [OrgUnit, OrgUnit];
  const y = await fixture(ctx, api, { name: 'y', parent: box });
  ctx.requireStatus(await api.update(m.org_unit_id, { parent_org_unit_id: g.org_unit_id }), 200, 'move m (and its child) under g');
  ctx.requireStatus(await api.update(o.org_unit_id, { parent_org_unit_id: box }), 200, 'move o out of the subtree');
  return { box, x, related: [c1, c2, g, gg, m, mc], kept: [ext, extChild, y, o] };
}

/** Ids that `view` still answers with 200 (404 expected for deleted ones). */
async function alive(api: V2Api, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) if ((await viewed(api, id)).unit !== undefined) out.push(id);
  return out;
}

const sortedIds = (xs: ReadonlyArray<{ org_unit_id: string }>): string => JSON.stringify(xs.map((u) => u.org_unit_id).sort());

export const deleteChecks: Check[] = [
  {
    id: 'v2.delete.force_param',
    title: 'force defaults to false; a value other than true/false answers 422',
    rules: ['V2-D1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const [x, child] = await chain(ctx, api, box, ['x', 'child']);
      const id = (x as OrgUnit).org_unit_id;
      const bad = ['yes', '1', '0', 'TRUE', 'True', ' true', 'true ', 'false ', '', 'null', 'false,true'];
      for (const force of bad) expect422(ctx, await api.delete(id, force), 'force', `delete with force=${JSON.stringify(force)}`);
      // A bad value is refused whatever the unit holds: a leaf too, and it stays.
      const leaf = await fixture(ctx, api, { name: 'leaf', parent: box });
      for (const force of ['yes', 'true ']) expect422(ctx, await api.delete(leaf.org_unit_id, force), 'force', `delete of a leaf with force=${JSON.stringify(force)}`);
      ctx.expect((await alive(api, [leaf.org_unit_id])).length === 1, 'the refused deletes left the leaf in place');
      const ex = await api.delete(id);
      ctx.expectStatus(ex, 409, 'delete without force of a unit with a child (force=false by default)');
      const left = await alive(api, [id, (child as OrgUnit).org_unit_id]);
      ctx.expect(left.length === 2, 'delete without force deleted nothing', ex);
    },
  },
  {
    id: 'v2.delete.leaf',
    title: 'a unit without related entities is deleted with force=false or true: 204',
    rules: ['V2-D2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      for (const force of [false, true]) {
        const leaf = await fixture(ctx, api, { name: `leaf ${String(force)}`, parent: box });
        const ex = await api.delete(leaf.org_unit_id, force);
        ctx.expectStatus(ex, 204, `delete with force=${String(force)} of a unit without children or users`);
        if (ex.status === 204) ctx.expectStatus(await api.view(leaf.org_unit_id), 404, 'the deleted unit answers 404');
      }
    },
  },
  {
    id: 'v2.delete.preview',
    title: 'force=false with related entities: 409 listing every descendant (and user) force=true would delete, and nothing changes',
    rules: ['V2-D3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const { x, related, kept } = await family(ctx, api);
      const ex = await api.delete(x.org_unit_id, false);
      ctx.require(ex.status === 409, 'delete with force=false of a unit with descendants: 409', ex);
      const rel = relatedOf(ex);
      ctx.require(rel !== undefined, 'the 409 carries "related": {"org_units": [...], "users": [...]}', ex);
      ctx.expect(sortedIds(rel.org_units) === sortedIds(related), `related.org_units are exactly the descendants at every depth, moved-in ones too (${related.map((u) => u.name).sort().join(', ')}), got ${rel.org_units.map((u) => u.name).sort().join(', ')}`, ex);
      const shown = new Map(rel.org_units.map((u) => [u.org_unit_id, u]));
      ctx.expect(related.every((u) => shown.get(u.org_unit_id)?.code === u.code && shown.get(u.org_unit_id)?.name === u.name), 'each related org unit shows its code and name', ex);
      ctx.expect(rel.users.length === 0, 'no users are related (none were put in the units)', ex);
      const all = [x, ...related, ...kept];
      const left = await alive(api, all.map((u) => u.org_unit_id));
      ctx.expect(left.length === all.length, 'the refused delete changed nothing');
    },
  },
  {
    id: 'v2.delete.preview_users',
    title: "the 409 preview lists the users in the unit and in its descendants, as force=true would delete them",
    rules: ['V2-D3'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const pool = ctx.users();
      const box = await sandboxId(ctx);
      // Users in the unit and at every depth below it (a grandchild's and great-grandchild's too).
      const [x, c, g, gg] = (await chain(ctx, api, box, ['x', 'c', 'g', 'gg'])) as [OrgUnit, OrgUnit, OrgUnit, OrgUnit];
      const users = [await pool.create(x.org_unit_id), await pool.create(c.org_unit_id), await pool.create(g.org_unit_id), await pool.create(gg.org_unit_id)];
      const ex = await api.delete(x.org_unit_id, false);
      ctx.require(ex.status === 409, 'delete with force=false of a unit with descendants and users: 409', ex);
      const rel = relatedOf(ex);
      ctx.require(rel !== undefined, 'the 409 carries "related"', ex);
      const listed = rel.users.map((u) => u.id).sort();
      ctx.expect(JSON.stringify(listed) === JSON.stringify(users.map((u) => u.id).sort()), `related.users are the users of the unit and of its descendants at every depth (got ${listed.join(', ')})`, ex);
      const emails = new Map(rel.users.map((u) => [u.id, u.email]));
      ctx.expect(users.every((u) => u.email === undefined || emails.get(u.id) === u.email), 'each related user shows its email', ex);
      // Users alone are related entities: a unit with a user and no child is not deleted by force=false.
      const held = await fixture(ctx, api, { name: 'held', parent: box });
      const member = await pool.create(held.org_unit_id);
      const alone = await api.delete(held.org_unit_id, false);
      ctx.expectStatus(alone, 409, 'delete with force=false of a unit with a user and no child');
      const aloneRel = relatedOf(alone);
      if (alone.status === 409) ctx.expect(aloneRel !== undefined && aloneRel.org_units.length === 0 && aloneRel.users.map((u) => u.id).join() === member.id, 'its 409 lists the user and no unit', alone);
      ctx.expect((await alive(api, [held.org_unit_id])).length === 1, 'the unit with a user is still there after force=false', alone);
    },
  },
  {
    id: 'v2.delete.force',
    title: 'force=true deletes the unit and every related entity in one step, and nothing else',
    rules: ['V2-D4'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const { box, x, related, kept } = await family(ctx, api);
      const ex = await api.delete(x.org_unit_id, true);
      ctx.require(ex.status === 204, 'delete with force=true of a unit with descendants: 204', ex);
      const gone = [x, ...related];
      const left = await alive(api, gone.map((u) => u.org_unit_id));
      ctx.expect(left.length === 0, `every deleted unit answers 404, at every depth and moved-in ones too; still there: ${gone.filter((u) => left.includes(u.org_unit_id)).map((u) => u.name).join(', ')}`);
      const stay = await alive(api, [box, ...kept.map((u) => u.org_unit_id)]);
      ctx.expect(stay.length === kept.length + 1, `the parent and the units outside the subtree are still there (${kept.map((u) => u.name).join(', ')}); gone: ${kept.filter((u) => !stay.includes(u.org_unit_id)).map((u) => u.name).join(', ')}`);
    },
  },
  {
    id: 'v2.delete.force_users',
    title: "force=true deletes the users of the unit and of its descendants with them, and no one else's",
    rules: ['V2-D4'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const pool = ctx.users();
      const box = await sandboxId(ctx);
      const keeper = await fixture(ctx, api, { name: 'keeper', parent: box });
      const [x, c, g] = (await chain(ctx, api, box, ['x', 'c', 'g'])) as [OrgUnit, OrgUnit, OrgUnit];
      const staying = await pool.create(keeper.org_unit_id);
      for (const unit of [x, c, g]) await pool.create(unit.org_unit_id);
      ctx.requireStatus(await api.delete(x.org_unit_id, true), 204, 'delete with force=true of a unit with descendants and users');
      // The users are not served here; the sandbox's own preview shows which are left in its subtree.
      const after = await api.delete(box, false);
      const rel = relatedOf(after);
      ctx.require(after.status === 409 && rel !== undefined, "the sandbox's force=false preview: 409 with related", after);
      const users = rel.users.map((u) => u.id);
      ctx.expect(users.length === 1 && users[0] === staying.id, `only the user outside the deleted subtree is left below the sandbox (got ${users.join(', ') || 'none'})`, after);
    },
  },
  {
    id: 'v2.delete.unknown',
    title: 'delete of an unknown id answers 404',
    rules: ['V2-D5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      for (const id of [unknownUuid(ctx), 'not-a-uuid']) ctx.expectStatus(await api.delete(id, true), 404, `delete of ${id}`);
      const leaf = await fixture(ctx, api, { name: 'twice', parent: box });
      if ((await api.delete(leaf.org_unit_id, false)).status === 204) ctx.expectStatus(await api.delete(leaf.org_unit_id, false), 404, 'a second delete of the same unit');
    },
  },
];
