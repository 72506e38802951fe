import type { Check, CheckContext } from '../check.ts';
import { chain } from './fixtures.ts';
import { fetchPage, unknownId } from './expect.ts';

export const listFilterChecks: Check[] = [
  {
    id: 'list.search',
    title: 'search keeps names containing the text, case-insensitively, as plain text',
    rules: ['OU-L5'],
    level: 'core',
    async run(ctx: CheckContext) {
      // The run tag makes every expectation depend only on OUs this check created. All are direct
      // children of the sandbox and searched under it, so how the list treats depth (OU-L6, L7) does not count here.
      const box = await ctx.sandbox();
      const tag = `${ctx.runTag}.s`;
      const names = {
        dotted: `${tag} Alpha.Beta`,
        plain: `${tag} alphaXbeta`,
        paren: `${tag} ALPHA(beta)`,
        star: `${tag} gamma*`,
        like: `${tag} 100%_done`,
        likeish: `${tag} 100xydone`,
        other: `${tag} zulu`,
        // Beyond ASCII: searched as 'ärzte', which differs from it only in a letter outside A-Z.
        unicode: `${tag} Ärzte`,
      };
      await Promise.all(Object.values(names).map((name) => ctx.createOu({ name, parent_id: box.id })));
      const cases: Array<[string, string[]]> = [
        [`${tag} alpha`, [names.dotted, names.plain, names.paren]],
        [`${tag} ALPHA`.toUpperCase(), [names.dotted, names.plain, names.paren]],
        [`${tag} aLpHa.bEtA`, [names.dotted]],
        [`${tag} alpha(beta)`, [names.paren]],
        [`${tag} ärzte`, [names.unicode]],
        [`${tag} gamma*`, [names.star]],
        [`${tag} 100%_`, [names.like]],
        [`${tag} [`, []],
        [`${tag} .*`, []],
        [tag, Object.values(names)],
      ];
      for (const [search, want] of cases) {
        const { ex, page } = await fetchPage(ctx, { search, parent_id: box.id, per_page: 100 }, `search=${JSON.stringify(search)}`);
        const got = page.data.map((i) => i.name).sort();
        ctx.expect(
          JSON.stringify(got) === JSON.stringify([...want].sort()) && page.pagination.total_items === want.length,
          `search=${JSON.stringify(search)} keeps exactly ${JSON.stringify(want)}; got ${JSON.stringify(got)} (total_items ${page.pagination.total_items})`,
          ex,
        );
      }
    },
  },
  {
    id: 'list.parent_filter',
    title: 'parent_id keeps the direct children only; an unknown parent_id gives an empty list or 404',
    rules: ['OU-L6'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const a = await ctx.createOu({ name: 'a', parent_id: box.id });
      const b = await ctx.createOu({ name: 'b', parent_id: box.id });
      await chain(ctx, a.id, ['a1', 'a2']);
      const { ex, page } = await fetchPage(ctx, { parent_id: box.id }, 'parent_id filter');
      const ids = page.data.map((i) => i.id).sort();
      ctx.expect(JSON.stringify(ids) === JSON.stringify([a.id, b.id].sort()) && page.pagination.total_items === 2, `parent_id lists exactly the 2 direct children, got ${ids.length}`, ex);
      ctx.expect(
        page.data.every((i) => i.parent_id === undefined || i.parent_id === box.id),
        'every item of a parent_id list has that parent_id',
        ex,
      );
      const leaf = await fetchPage(ctx, { parent_id: b.id }, 'parent_id of a leaf');
      ctx.expect(leaf.page.data.length === 0 && leaf.page.pagination.total_items === 0, 'parent_id of a leaf lists nothing', leaf.ex);
      const unknown = await ctx.api.list({ parent_id: unknownId(ctx) });
      if (ctx.expectStatus(unknown, [200, 404], 'unknown parent_id') && unknown.status === 200) {
        const body = unknown.body as { data?: unknown[]; pagination?: { total_items?: number } };
        ctx.expect(Array.isArray(body.data) && body.data.length === 0 && body.pagination?.total_items === 0, 'unknown parent_id gives an empty list', unknown);
      }
    },
  },
  {
    id: 'list.all_depths',
    title: 'without parent_id the list spans OUs at every depth',
    rules: ['OU-L7'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const tag = `${ctx.runTag}.d`;
      const ous = await chain(ctx, box.id, [`${tag} one`, `${tag} two`, `${tag} three`]);
      const { ex, page } = await fetchPage(ctx, { search: tag, per_page: 100 }, 'list without parent_id');
      const ids = new Set(page.data.map((i) => i.id));
      const missing = ous.filter((o) => !ids.has(o.id)).map((o) => o.path);
      ctx.expect(missing.length === 0, `the list (search=${tag}, no parent_id) holds the OUs at depths 3, 4 and 5; missing ${missing.join(', ')}`, ex);
      const all = await fetchPage(ctx, { per_page: 1 }, 'list of the whole tenant');
      ctx.expect(all.page.pagination.total_items >= ous.length + 2, `total_items of the whole tenant counts nested OUs (at least ${ous.length + 2} known), got ${all.page.pagination.total_items}`, all.ex);
    },
  },
];
