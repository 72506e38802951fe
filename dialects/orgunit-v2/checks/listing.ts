/** V2-L1..L5: `index`'s paging, headers, filters, sort and Link header. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import type { V2Api } from '../client.ts';
import { indexPageOf, names422, parseLink } from '../shapes.ts';
import type { IndexPage } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { PATHS } from '../wire.ts';
import { codeFor, expect422, fixture, sandboxId, v2Api, viewed } from './kit.ts';

/** One page, required to be 200 with an array of OrgUnits (the headers are judged by the caller). */
async function page(ctx: CheckContext, api: V2Api, body: Record<string, unknown> | undefined, what: string): Promise<{ ex: Exchange; p: IndexPage }> {
  const ex = await api.index(body);
  const p = indexPageOf(ex);
  ctx.require(p !== undefined, `${what}: 200 with a JSON array of OrgUnits`, ex);
  return { ex, p };
}

/** Every item of a filtered, sorted list, walked page by page (100 a page, at most `maxPages`). */
async function walk(ctx: CheckContext, api: V2Api, body: Record<string, unknown>, what: string, maxPages = 20): Promise<{ items: OrgUnit[]; complete: boolean }> {
  const items: OrgUnit[] = [];
  for (let n = 1; n <= maxPages; n++) {
    const { p } = await page(ctx, api, { ...body, page: n, 'per-page': 100 }, `${what}, page ${n}`);
    items.push(...p.items);
    if (p.items.length < 100) return { items, complete: true };
  }
  return { items, complete: false };
}

const FIVE = 5;

/** Five children of one unit, shared by the paging checks (read-only). */
function fiveChildren(ctx: CheckContext, api: V2Api): Promise<{ parent: string; ids: string[] }> {
  return ctx.shared('v2.five-children', async () => {
    const parent = await fixture(ctx, api, { name: 'v2-five', parent: ctx.rootId, code: codeFor(ctx, 'five') });
    const ids: string[] = [];
    for (let i = 1; i <= FIVE; i++) ids.push((await fixture(ctx, api, { name: `child ${i}`, parent: parent.org_unit_id, code: codeFor(ctx, `five-${i}`) })).org_unit_id);
    return { parent: parent.org_unit_id, ids };
  });
}

const ids = (items: readonly OrgUnit[]): string[] => items.map((u) => u.org_unit_id);

export const listingChecks: Check[] = [
  {
    id: 'v2.index.bounds',
    title: 'page ≥ 1 (default 1) and per-page 1–100 (default 20); other values and non-integers answer 422 naming the field',
    rules: ['V2-L1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      for (const body of [undefined, {}]) {
        const { ex, p } = await page(ctx, api, body, `index with ${body === undefined ? 'no body' : 'an empty body'}`);
        ctx.expect(p.page === 1 && p.perPage === 20 && p.items.length <= 20, `index with the defaults: page 1, per-page 20 (got X-Pagination-Current-Page ${p.page}, X-Pagination-Per-Page ${p.perPage}, ${p.items.length} items)`, ex);
      }
      for (const n of [1, 100]) {
        const { ex, p } = await page(ctx, api, { 'per-page': n }, `index with per-page ${n}`);
        ctx.expect(p.perPage === n, `per-page ${n} is taken (X-Pagination-Per-Page ${p.perPage})`, ex);
      }
      for (const value of [0, -1, 1.5, '2', null]) expect422(ctx, await api.index({ page: value }), 'page', `index with page ${JSON.stringify(value)}`);
      for (const value of [0, 101, -5, 2.5, '20', null]) expect422(ctx, await api.index({ 'per-page': value }), 'per-page', `index with per-page ${JSON.stringify(value)}`);
    },
  },
  {
    id: 'v2.index.pagination',
    title: 'index answers a JSON array and the X-Pagination-* headers; a page past the last is [] with the true totals',
    rules: ['V2-L2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const { parent, ids: all } = await fiveChildren(ctx, api);
      const filter = { parent_org_unit_id: parent };
      const pages = Math.ceil(FIVE / 2);
      const seen: string[] = [];
      for (let n = 1; n <= pages + 1; n++) {
        const { ex, p } = await page(ctx, api, { filter, page: n, 'per-page': 2 }, `page ${n} of the five children, 2 a page`);
        const count = Math.max(0, Math.min(2, FIVE - (n - 1) * 2));
        ctx.expect(
          p.total === FIVE && p.pages === pages && p.page === n && p.perPage === 2,
          `page ${n}: X-Pagination-Total-Count ${FIVE}, -Page-Count ${pages}, -Current-Page ${n}, -Per-Page 2 (got ${p.total}, ${p.pages}, ${p.page}, ${p.perPage})`,
          ex,
        );
        ctx.expect(p.items.length === count, `page ${n}: ${count} items (got ${p.items.length})`, ex);
        seen.push(...ids(p.items));
      }
      ctx.expect(seen.length === FIVE && all.every((id) => seen.includes(id)), `the pages together hold each of the five children once (got ${seen.length} items)`);
      const { ex, p } = await page(ctx, api, { filter: { code: `${codeFor(ctx, 'none')}-NONE` } }, 'a filter nothing matches');
      ctx.expect(p.items.length === 0 && p.total === 0 && p.pages === 0, `nothing matches: [], X-Pagination-Total-Count 0, -Page-Count 0 (got ${p.items.length} items, ${p.total}, ${p.pages})`, ex);
    },
  },
  {
    id: 'v2.index.filters',
    title: 'filter.name contains case-insensitively and literally, filter.code is exact, filter.parent_org_unit_id gives direct children (null: top level); AND; unknown keys 422',
    rules: ['V2-L3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const made = new Map<string, OrgUnit>();
      for (const name of ['Alpha Team', 'alphabet soup', 'Beta', 'a.c', 'abc', '100%']) made.set(name, await fixture(ctx, api, { name, parent: box }));
      const beta = made.get('Beta') as OrgUnit;
      await fixture(ctx, api, { name: 'alpha grandchild', parent: beta.org_unit_id });
      const names = async (filter: Record<string, unknown>, what: string): Promise<string[]> => {
        const { p } = await page(ctx, api, { filter, 'per-page': 100 }, what);
        return p.items.map((u) => u.name).sort();
      };
      const expectNames = async (filter: Record<string, unknown>, want: string[], what: string): Promise<void> => {
        const got = await names(filter, what);
        ctx.expect(JSON.stringify(got) === JSON.stringify([...want].sort()), `${what}: ${JSON.stringify([...want].sort())}, got ${JSON.stringify(got)}`);
      };
      const parent = { parent_org_unit_id: box };
      await expectNames({ ...parent }, [...made.keys()], 'the direct children (not the grandchild)');
      await expectNames({ ...parent, name: 'ALPHA' }, ['Alpha Team', 'alphabet soup'], 'name "ALPHA" (case-insensitive contains)');
      await expectNames({ ...parent, name: 'a.c' }, ['a.c'], 'name "a.c" taken literally');
      await expectNames({ ...parent, name: 'et s' }, ['alphabet soup'], 'name "et s" (a substring)');
      await expectNames({ ...parent, name: '%' }, ['100%'], 'name "%" taken literally (no SQL wildcard)');
      await expectNames({ ...parent, name: 'a_c' }, [], 'name "a_c" taken literally (no SQL wildcard)');
      await expectNames({ code: beta.code }, ['Beta'], 'code exactly');
      await expectNames({ code: (beta.code as string).toLowerCase() }, [], 'the code in lower case (codes compare exactly)');
      await expectNames({ ...parent, name: 'alpha', code: beta.code }, [], 'name and code together (AND)');
      const root = await viewed(api, ctx.rootId);
      if (root.unit !== undefined) {
        const { ex, p } = await page(ctx, api, { filter: { parent_org_unit_id: null, name: root.unit.name } }, 'parent_org_unit_id null');
        ctx.expect(ids(p.items).includes(ctx.rootId) && p.items.every((u) => u.parent_org_unit_id === null), 'parent_org_unit_id null: top-level units only, the run root among them', ex);
      }
      const unknown = await api.index({ filter: { names: 'x' } });
      ctx.expect(names422(unknown, 'filter'), 'an unknown filter key answers 422 naming filter', unknown);
    },
  },
  {
    id: 'v2.index.sort',
    title: 'sort by name (lower-cased), code or created_at, - for descending; no code last both ways; ties by ascending id; other values 422',
    rules: ['V2-L4'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const prefix = codeFor(ctx, 'sort');
      // Code order (suffixes) deliberately differs from name order.
      const specs = [
        { name: 'delta', code: `${prefix}-B` },
        { name: 'Bravo', code: `${prefix}-D` },
        { name: 'alpha', code: `${prefix}-C` },
        { name: 'Charlie', code: `${prefix}-A` },
      ];
      for (const s of specs) await fixture(ctx, api, { ...s, parent: box });
      const sorted = async (sort: string): Promise<string[]> => (await walk(ctx, api, { filter: { parent_org_unit_id: box }, sort }, `sort ${sort}`)).items.map((u) => u.name);
      const expectOrder = async (sort: string, want: string[]): Promise<void> => {
        const got = await sorted(sort);
        ctx.expect(JSON.stringify(got) === JSON.stringify(want), `sort=${sort}: ${want.join(', ')} (got ${got.join(', ')})`);
      };
      await expectOrder('name', ['alpha', 'Bravo', 'Charlie', 'delta']);
      await expectOrder('-name', ['delta', 'Charlie', 'Bravo', 'alpha']);
      await expectOrder('code', ['Charlie', 'delta', 'alpha', 'Bravo']);
      await expectOrder('-code', ['Bravo', 'alpha', 'delta', 'Charlie']);
      for (const sort of ['created_at', '-created_at']) {
        const got = await sorted(sort);
        ctx.expect(got.length === specs.length && new Set(got).size === specs.length, `sort=${sort} lists each unit once (got ${got.join(', ')})`);
      }
      // Ties: the same name under two parents; both directions keep ascending ids.
      const twin = `twin ${prefix}`;
      const twins = [];
      for (const side of ['left', 'right']) {
        const p = await fixture(ctx, api, { name: side, parent: box });
        twins.push((await fixture(ctx, api, { name: twin, parent: p.org_unit_id })).org_unit_id);
      }
      const byId = [...twins].sort();
      for (const sort of ['name', '-name']) {
        const got = ids((await walk(ctx, api, { filter: { name: twin }, sort }, `sort ${sort} of two equal names`)).items);
        ctx.expect(JSON.stringify(got) === JSON.stringify(byId), `sort=${sort}: equal names in ascending org_unit_id (got ${got.join(', ')})`);
      }
      // Units without a code (made by other dialects) come last in both directions, ties by id. The
      // top level holds the run root (coded) and usually few units, so one page reads it at one instant.
      for (const sort of ['code', '-code']) {
        const { items, complete } = await walk(ctx, api, { filter: { parent_org_unit_id: null }, sort }, `the top-level units, sort ${sort}`);
        const firstNull = items.findIndex((u) => u.code === null);
        const uncoded = firstNull < 0 ? [] : items.slice(firstNull);
        if (firstNull < 0) ctx.note(`sort=${sort}: no top-level unit is without a code${complete ? '' : ' in the first 2000'}; their place was not judged`);
        ctx.expect(uncoded.every((u) => u.code === null), `sort=${sort}: every unit without a code comes after every unit with one`);
        const nullIds = ids(uncoded);
        ctx.expect(JSON.stringify(nullIds) === JSON.stringify([...nullIds].sort()), `sort=${sort}: units without a code in ascending org_unit_id`);
      }
      for (const sort of ['foo', 'NAME', '+name', '--name', 'name,code', '', 'org_unit_id']) expect422(ctx, await api.index({ sort }), 'sort', `sort=${JSON.stringify(sort)}`);
    },
  },
  {
    id: 'v2.index.link',
    title: "index's Link header has self, first, last, and next/prev where they exist, at the same endpoint with the page in the query",
    rules: ['V2-L5'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const { parent } = await fiveChildren(ctx, api);
      const filter = { parent_org_unit_id: parent };
      const { ex } = await page(ctx, api, { filter, page: 2, 'per-page': 2 }, 'page 2 of 3');
      const links = parseLink(ex.headers['link']);
      const want: Array<[string, number]> = [['self', 2], ['first', 1], ['prev', 1], ['next', 3], ['last', 3]];
      for (const [rel, n] of want) {
        const url = links.get(rel);
        ctx.expect(url !== undefined && url.pathname === PATHS.index && url.searchParams.get('page') === String(n), `Link rel=${rel}: ${PATHS.index} with page=${n} in the query (got ${url?.href ?? 'none'})`, ex);
      }
      const first = await page(ctx, api, { filter, page: 1, 'per-page': 2 }, 'page 1 of 3');
      ctx.expect(!parseLink(first.ex.headers['link']).has('prev'), 'page 1 has no rel=prev', first.ex);
      const next = links.get('next');
      if (next !== undefined) {
        const followed = await api.send({ method: 'POST', path: next.pathname, query: Object.fromEntries(next.searchParams), json: { filter } });
        const p = indexPageOf(followed);
        ctx.expect(p?.page === 3, `following rel=next answers page 3 (got X-Pagination-Current-Page ${p?.page ?? 'none'})`, followed);
      }
    },
  },
];
