/** V2-D1..D5: delete with and without force, the 409 preview, and unknown ids. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { V2Api } from '../client.ts';
import { relatedOf } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { chain, expect422, fixture, sandboxId, unknownUuid, v2Api, viewed } from './kit.ts';

/** A unit `x` with children c1 (with child g) and c2, and an unrelated sibling `y`. */
async function family(ctx: CheckContext, api: V2Api): Promise<{ box: string; x: OrgUnit; related: OrgUnit[]; y: OrgUnit }> {
  const box = await sandboxId(ctx);
  const [x, c1, g] = await chain(ctx, api, box, ['x', 'c1', 'g']);
  const c2 = await fixture(ctx, api, { name: 'c2', parent: (x as OrgUnit).org_unit_id });
  const y = await fixture(ctx, api, { name: 'y', parent: box });
  return { box, x: x as OrgUnit, related: [c1 as OrgUnit, c2, g as OrgUnit], y };
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
      for (const force of ['yes', '1', 'TRUE', '', 'null', 'false,true']) expect422(ctx, await api.delete(id, force), 'force', `delete with force=${JSON.stringify(force)}`);
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
      const { x, related, y } = await family(ctx, api);
      const ex = await api.delete(x.org_unit_id, false);
      ctx.require(ex.status === 409, 'delete with force=false of a unit with descendants: 409', ex);
      const rel = relatedOf(ex);
      ctx.require(rel !== undefined, 'the 409 carries "related": {"org_units": [...], "users": [...]}', ex);
      ctx.expect(sortedIds(rel.org_units) === sortedIds(related), `related.org_units are exactly the descendants at every depth (${related.map((u) => u.name).join(', ')}), got ${rel.org_units.map((u) => u.name).join(', ')}`, ex);
      const shown = new Map(rel.org_units.map((u) => [u.org_unit_id, u]));
      ctx.expect(related.every((u) => shown.get(u.org_unit_id)?.code === u.code && shown.get(u.org_unit_id)?.name === u.name), 'each related org unit shows its code and name', ex);
      ctx.expect(rel.users.length === 0, 'no users are related (none were put in the units)', ex);
      const left = await alive(api, [x, ...related, y].map((u) => u.org_unit_id));
      ctx.expect(left.length === related.length + 2, 'the refused delete changed nothing');
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
      const [x, c] = await chain(ctx, api, box, ['x', 'c']);
      const users = [await pool.create((x as OrgUnit).org_unit_id), await pool.create((c as OrgUnit).org_unit_id)];
      const ex = await api.delete((x as OrgUnit).org_unit_id, false);
      ctx.require(ex.status === 409, 'delete with force=false of a unit with a child and users: 409', ex);
      const rel = relatedOf(ex);
      ctx.require(rel !== undefined, 'the 409 carries "related"', ex);
      const listed = rel.users.map((u) => u.id).sort();
      ctx.expect(JSON.stringify(listed) === JSON.stringify(users.map((u) => u.id).sort()), `related.users are the users of the unit and its child (got ${listed.join(', ')})`, ex);
      const emails = new Map(rel.users.map((u) => [u.id, u.email]));
      ctx.expect(users.every((u) => u.email === undefined || emails.get(u.id) === u.email), 'each related user shows its email', ex);
    },
  },
  {
    id: 'v2.delete.force',
    title: 'force=true deletes the unit and every related entity in one step, and nothing else',
    rules: ['V2-D4'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const { box, x, related, y } = await family(ctx, api);
      const ex = await api.delete(x.org_unit_id, true);
      ctx.require(ex.status === 204, 'delete with force=true of a unit with descendants: 204', ex);
      const gone = [x, ...related];
      const left = await alive(api, gone.map((u) => u.org_unit_id));
      ctx.expect(left.length === 0, `every deleted unit answers 404; still there: ${gone.filter((u) => left.includes(u.org_unit_id)).map((u) => u.name).join(', ')}`);
      const kept = await alive(api, [box, y.org_unit_id]);
      ctx.expect(kept.length === 2, 'the parent and the unrelated sibling are still there');
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
