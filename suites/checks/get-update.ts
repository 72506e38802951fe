import type { Check, CheckContext } from '../check.ts';
import { canonical, ouOf } from '../data.ts';
import { expectDetail, expectValidation, fetchOu, pathJoiner, refused, unknownId } from './expect.ts';
import { unsortedSiblings } from './fixtures.ts';

/** Longer than one tick of any clock a server stamps with (whole seconds at the coarsest). */
const CLOCK_TICK_PAUSE_MS = 1100;

export const getUpdateChecks: Check[] = [
  {
    id: 'get.unknown_id',
    title: 'GET of an unknown id answers 404 with {"detail": …}',
    rules: ['OU-G1', 'OU-E4'],
    level: 'core',
    async run(ctx: CheckContext) {
      for (const id of [unknownId(ctx), `${ctx.runTag}-missing`, 'tree-not', '%2E%2E']) {
        const ex = await ctx.api.get(id);
        if (ctx.expectStatus(ex, 404, `GET unknown OU ${id}`, 'OU-G1')) expectDetail(ctx.rule('OU-E4'), ex, `GET unknown OU ${id}`);
      }
      const known = await ctx.api.get(ctx.rootId);
      ctx.expect(known.status === 200 && ouOf(known)?.id === ctx.rootId, 'GET of a known id answers 200 with that OU', known, 'OU-G1');
    },
  },
  {
    id: 'get.children',
    title: 'children lists the direct children as OUChildInfo, ordered by lower-cased name, each with children: []',
    rules: ['OU-G2'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      // Lower-cased order Alpha, beta, Delta, gamma is neither plain string order nor creation or id order.
      await unsortedSiblings(ctx, box.id, ['Alpha', 'beta', 'Delta', 'gamma']);
      const ex = await ctx.api.get(box.id);
      const children = ouOf(ex)?.children ?? [];
      const names = children.map((c) => c.name);
      ctx.expect(JSON.stringify(names) === JSON.stringify(['Alpha', 'beta', 'Delta', 'gamma']), `children Alpha, beta, Delta, gamma in that order; got ${names.join(', ')}`, ex);
      // The form of each path is OU-H2's matter (paths.format), not this check's.
      ctx.expect(
        children.every((c) => typeof c.ou_id === 'string' && typeof c.path === 'string' && Array.isArray(c.children) && c.children.length === 0),
        'each child carries ou_id, its path and children: []',
        ex,
      );
    },
  },
  {
    id: 'update.partial',
    title: 'PATCH changes only the fields present; null clears description and custom_attributes; name null is 422',
    rules: ['OU-U1', 'OU-E3', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const attrs = { cost_center: 'CC-1', tags: ['a', 'b'] };
      const ou = await ctx.createOu({ name: 'orig', description: 'desc', parent_id: box.id, custom_attributes: attrs });
      const u1: CheckContext = ctx.rule('OU-U1');
      ctx = u1;
      const rename = await ctx.api.update(ou.id, { name: 'renamed' });
      ctx.requireStatus(rename, 200, 'PATCH {name}');
      let now = await fetchOu(ctx, ou.id, 'after PATCH {name}');
      ctx.expect(
        now.name === 'renamed' && now.description === 'desc' && canonical(now.custom_attributes) === canonical(attrs) && now.parent_id === box.id,
        'PATCH {name} changes the name only',
        rename,
      );
      const desc = await ctx.api.update(ou.id, { description: 'new desc' });
      ctx.requireStatus(desc, 200, 'PATCH {description}');
      now = await fetchOu(ctx, ou.id, 'after PATCH {description}');
      ctx.expect(now.name === 'renamed' && now.description === 'new desc' && canonical(now.custom_attributes) === canonical(attrs), 'PATCH {description} changes the description only', desc);
      const clearDesc = await ctx.api.update(ou.id, { description: null });
      ctx.requireStatus(clearDesc, 200, 'PATCH {description: null}');
      now = await fetchOu(ctx, ou.id, 'after PATCH {description: null}');
      ctx.expect(now.description === null || now.description === undefined, `description: null clears the description, got ${JSON.stringify(now.description)}`, clearDesc);
      ctx.expect(canonical(now.custom_attributes) === canonical(attrs), 'description: null leaves custom_attributes', clearDesc);
      const clearAttrs = await ctx.api.update(ou.id, { custom_attributes: null });
      ctx.requireStatus(clearAttrs, 200, 'PATCH {custom_attributes: null}');
      now = await fetchOu(ctx, ou.id, 'after PATCH {custom_attributes: null}');
      ctx.expect(now.custom_attributes === null || now.custom_attributes === undefined, `custom_attributes: null clears them, got ${JSON.stringify(now.custom_attributes)}`, clearAttrs);
      const empty = await ctx.api.update(ou.id, {});
      ctx.expectStatus(empty, 200, 'PATCH {} (nothing to change)');
      const nullName = await ctx.api.update(ou.id, { name: null });
      expectValidation(ctx, nullName, 'body', 'name', 'PATCH {name: null}', 'OU-U1');
      if (!refused(nullName)) return;
      const e5 = ctx.rule('OU-E5');
      now = await fetchOu(e5, ou.id, 'after PATCH {name: null}');
      e5.expect(now.name === 'renamed', `the refused PATCH {name: null} changed nothing, name is ${now.name}`);
    },
  },
  {
    id: 'update.move_to_top',
    title: 'PATCH parent_id: null moves the OU (and its subtree paths) to the top level',
    rules: ['OU-U1', 'OU-H3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const name = `${ctx.runTag}-moved-top`;
      const ou = await ctx.createOu({ name, parent_id: box.id });
      const kid = await ctx.createOu({ name: 'kid', parent_id: ou.id });
      const u1 = ctx.rule('OU-U1');
      const h3 = ctx.rule('OU-H3');
      const join = pathJoiner(h3, ou, kid);
      const ex = await ctx.api.update(ou.id, { parent_id: null });
      ctx.adoptTopLevel(ou.id);
      u1.requireStatus(ex, 200, 'PATCH {parent_id: null}');
      const now = await fetchOu(u1, ou.id, 'after moving to the top level');
      u1.expect(now.parent_id === null, `parent_id null after the move; got ${String(now.parent_id)}`, ex);
      h3.expect(now.path === join('', name), `path ${join('', name)} at the top level; got ${now.path}`, ex);
      const kidNow = await fetchOu(h3, kid.id, 'child of the moved OU');
      h3.expect(kidNow.path === join(now.path, 'kid'), `the child's path follows: ${join(now.path, 'kid')}, got ${kidNow.path}`);
      const back = await ctx.api.update(ou.id, { parent_id: box.id });
      u1.expectStatus(back, 200, 'PATCH moving it back under the sandbox');
    },
  },
  {
    id: 'update.timestamps',
    title: 'updated_at is set on every update; created_at and id never change',
    rules: ['OU-U3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const ou = await ctx.createOu({ name: 'stamped', parent_id: box.id });
      const stamps: number[] = [];
      for (const [i, patch] of [{ description: 'one' }, { name: 'stamped-2' }, { custom_attributes: { n: 3 } }].entries()) {
        const ex = await ctx.api.update(ou.id, patch);
        ctx.requireStatus(ex, 200, `PATCH ${JSON.stringify(patch)}`);
        const answer = ouOf(ex);
        const now = await fetchOu(ctx, ou.id, `after update ${i + 1}`);
        for (const [label, got] of [
          ['PATCH answer', answer],
          ['GET', now],
        ] as const) {
          ctx.expect(typeof got?.updated_at === 'string' && !Number.isNaN(Date.parse(got.updated_at)), `${label}: updated_at is set after update ${i + 1}, got ${JSON.stringify(got?.updated_at)}`, ex);
          ctx.expect(got?.id === ou.id && got.created_at === ou.created_at, `${label}: id and created_at unchanged after update ${i + 1}`, ex);
        }
        if (typeof now.updated_at === 'string') {
          ctx.expect(Date.parse(now.updated_at) >= Date.parse(ou.created_at), 'updated_at is not before created_at', ex);
          stamps.push(Date.parse(now.updated_at));
        }
      }
      const first = stamps[0];
      if (first === undefined || stamps.length < 3 || stamps.some(Number.isNaN)) return;
      if ((stamps[2] as number) > first) return;
      // Updates within one tick of the server's clock may share a stamp: after a pause past any
      // clock's tick (whole seconds included) the next update must carry a later one.
      await new Promise((resolve) => setTimeout(resolve, CLOCK_TICK_PAUSE_MS));
      const again = await ctx.api.update(ou.id, { description: 'after a pause' });
      ctx.requireStatus(again, 200, 'PATCH after a pause');
      const later = await fetchOu(ctx, ou.id, 'after the update past the clock tick');
      ctx.expect(
        typeof later.updated_at === 'string' && Date.parse(later.updated_at) > first,
        `updated_at is set on every update: an update ${CLOCK_TICK_PAUSE_MS} ms after the first gives a later stamp than ${new Date(first).toISOString()}, got ${JSON.stringify(later.updated_at)}`,
        again,
      );
    },
  },
];
