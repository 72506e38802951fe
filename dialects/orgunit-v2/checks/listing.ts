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

/** Children enough for a page of 50 and one more (a server capping pages at 50 shows), 51 = 3 × 17 (an exact multiple). */
const MANY = 51;

/**
 * The (filter, per-page, page) cases the pagination headers are judged on: exact multiples,
 * one a page, the last page, one past it, a single match, none, and name/code filters
 * combined with the parent. Each names the units it should count.
 */
function pagingCases(units: readonly OrgUnit[]): Array<{ filter: Record<string, unknown>; perPage: number; page: number; matches: number; what: string }> {
  const count = (f: (u: OrgUnit) => boolean): number => units.filter(f).length;
  const one = units[7] as OrgUnit;
  const byName = (part: string) => (u: OrgUnit) => u.name.toLowerCase().includes(part.toLowerCase());
  const cases: Array<{ filter: Record<string, unknown>; perPage: number; page: number; matches: number; what: string }> = [];
  const add = (filter: Record<string, unknown>, matches: number, what: string, perPages: readonly number[]): void => {
    for (const perPage of perPages) {
      const last = Math.max(1, Math.ceil(matches / perPage));
      for (const page of new Set([1, last, last + 1])) cases.push({ filter, perPage, page, matches, what });
    }
  };
  add({}, units.length, `the ${MANY} children`, [100, 50, 17, 1]);
  add({ name: 'M0' }, count(byName('M0')), 'the children whose name contains "M0"', [5, 3]);
  add({ name: '3' }, count(byName('3')), 'the children whose name contains "3"', [2]);
  add({ code: one.code }, 1, "one child's code", [1, 20]);
  add({ name: 'no such name' }, 0, 'a name nothing matches', [20]);
  return cases;
}

/** A pause long enough that two creations get distinct created_at on a millisecond clock (a coarser one ties them, which is judged too). */
const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A pause after which no clock may give a new unit the created_at of the units made before it. */
const PAST_ANY_CLOCK_MS = 1100;

/** Units of equal names made at least, and at most while their ids come in creation order. */
const MIN_TWINS = 4;
const MAX_TWINS = 10;

/** Names equal to `twin <prefix>` once lower-cased (every case of "twin", the prefix in either case), raw order descending. */
function caseVariants(prefix: string): string[] {
  const twins = Array.from({ length: 16 }, (_, bits) => [...'twin'].map((c, k) => ((bits >> k) & 1 ? c.toUpperCase() : c)).join(''));
  return twins.flatMap((t) => [`${t} ${prefix}`, `${t} ${prefix.toLowerCase()}`]).sort().reverse();
}

/** Units made at most beyond the five until one's id is below an earlier one's (random ids need one more in 5 of 6 cases). */
const MORE_FOR_ID_ORDER = 9;

const inCreationOrder = (ids: readonly string[]): boolean => ids.every((id, k) => k === 0 || (ids[k - 1] as string) < id);

/**
 * sort=created_at and -created_at over units made one after the other (names in reverse order,
 * so a name sort cannot pass). The page does not show created_at, so the check judges pairs:
 * a pair in the same relative order both ways must be a tie (ascending org_unit_id); a pair
 * reversed between the two must be in creation order ascending.
 *
 * A server that ignores the `-` gives the same order both ways, which passes as "all tied" when
 * the ids happen to sort in creation order (1 in 120 for five random ids, always for a sequence)
 * or its clock ties them all (seconds). So when no pair came out reversed, one more unit is made
 * after a pause longer than a second: it must be last ascending and first descending.
 *
 * A server sorting by org_unit_id (both ways) passes wherever ids sort in creation order (1 in 120
 * for five random ids): units are made until one id is below an earlier one's. Where ids always
 * come in creation order (a sequence), the two sorts cannot differ.
 */
async function expectCreatedOrder(ctx: CheckContext, api: V2Api, box: string): Promise<void> {
  const parent = await fixture(ctx, api, { name: 'created', parent: box });
  const made: string[] = [];
  const make = async (name: string): Promise<void> => {
    made.push((await fixture(ctx, api, { name, parent: parent.org_unit_id })).org_unit_id);
  };
  for (const name of ['e4', 'd3', 'c2', 'b1', 'a0']) {
    await make(name);
    await tick();
  }
  // A server sorting by org_unit_id instead shows only where an id is out of creation order.
  for (let k = 1; inCreationOrder(made) && k <= MORE_FOR_ID_ORDER; k++) {
    await make(`${10 - k} more`);
    await tick();
  }
  if (inCreationOrder(made)) ctx.note(`the ${made.length} ids came in creation order: a sort by org_unit_id could not be told from one by created_at`);
  const filter = { parent_org_unit_id: parent.org_unit_id };
  const both = async (): Promise<{ asc: string[]; desc: string[] }> => {
    const asc = ids((await walk(ctx, api, { filter, sort: 'created_at' }, 'sort created_at')).items);
    const desc = ids((await walk(ctx, api, { filter, sort: '-created_at' }, 'sort -created_at')).items);
    const complete = (xs: string[]): boolean => xs.length === made.length && made.every((id) => xs.includes(id));
    ctx.require(complete(asc) && complete(desc), `sort=created_at and -created_at list each of the ${made.length} units once (got ${asc.length} and ${desc.length})`);
    return { asc, desc };
  };
  const { asc, desc } = await both();
  const wrong: string[] = [];
  let reversed = 0;
  for (const [i, a] of made.entries()) {
    for (const b of made.slice(i + 1)) {
      const sameWay = asc.indexOf(a) < asc.indexOf(b) === desc.indexOf(a) < desc.indexOf(b);
      if (!sameWay) reversed += 1;
      const ok = sameWay ? asc.indexOf(a) < asc.indexOf(b) === a < b : asc.indexOf(a) < asc.indexOf(b);
      if (!ok) wrong.push(`${a} (made first) and ${b}`);
    }
  }
  ctx.expect(wrong.length === 0, `sort=created_at oldest first, -created_at newest first, equal times by ascending org_unit_id both ways (out of order: ${wrong.join('; ')})`);
  if (reversed > 0) return;
  await tick(PAST_ANY_CLOCK_MS);
  await make('_9');
  const last = made[made.length - 1] as string;
  const later = await both();
  ctx.expect(
    later.asc.at(-1) === last && later.desc[0] === last,
    `a unit made more than a second after the others (which all came out tied): last with sort=created_at, first with -created_at (got position ${later.asc.indexOf(last) + 1} and ${later.desc.indexOf(last) + 1} of ${made.length})`,
  );
}

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
      // The boundaries: exact multiples, the last page, one past it, one match, none, filters combined.
      const box = await sandboxId(ctx);
      const many: OrgUnit[] = [];
      for (let i = 0; i < MANY; i++) many.push(await fixture(ctx, api, { name: `m${String(i).padStart(2, '0')}`, parent: box }));
      for (const c of pagingCases(many)) {
        const pages = Math.ceil(c.matches / c.perPage);
        const count = Math.max(0, Math.min(c.perPage, c.matches - (c.page - 1) * c.perPage));
        const what = `${c.what}, ${c.perPage} a page, page ${c.page}`;
        const { ex: got, p: at } = await page(ctx, api, { filter: { ...c.filter, parent_org_unit_id: box }, page: c.page, 'per-page': c.perPage }, what);
        ctx.expect(
          at.total === c.matches && at.pages === pages && at.page === c.page && at.perPage === c.perPage && at.items.length === count,
          `${what}: ${count} items, X-Pagination-Total-Count ${c.matches}, -Page-Count ${pages}, -Current-Page ${c.page}, -Per-Page ${c.perPage} (got ${at.items.length} items, ${at.total}, ${at.pages}, ${at.page}, ${at.perPage})`,
          got,
        );
      }
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
      for (const name of ['Alpha Team', 'alphabet soup', 'Beta', 'a.c', 'abc', '100%', 'Ärzte Über']) made.set(name, await fixture(ctx, api, { name, parent: box }));
      const beta = made.get('Beta') as OrgUnit;
      // A code that extends Beta's: an exact match must not take it.
      made.set('Betas 2', await fixture(ctx, api, { name: 'Betas 2', parent: box, code: `${beta.code as string}2` }));
      const beta2 = made.get('Betas 2') as OrgUnit;
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
      await expectNames({ ...parent, name: 'a ' }, ['Alpha Team'], 'name "a " with its white space (taken literally, not trimmed)');
      await expectNames({ ...parent, name: 'ärzte' }, ['Ärzte Über'], 'name "ärzte" (case-insensitive beyond ASCII)');
      await expectNames({ ...parent, name: 'ÜBER' }, ['Ärzte Über'], 'name "ÜBER" (case-insensitive beyond ASCII)');
      await expectNames({ ...parent, name: '' }, [...made.keys()], 'name "" (every name contains it)');
      await expectNames({ code: beta.code }, ['Beta'], 'code exactly');
      await expectNames({ code: (beta.code as string).toLowerCase() }, [], 'the code in lower case (codes compare exactly)');
      await expectNames({ code: (beta.code as string).slice(0, -1) }, [], "a prefix of Beta's code (codes compare exactly)");
      await expectNames({ code: `${beta.code as string} ` }, [], "Beta's code with a trailing space (codes compare exactly)");
      await expectNames({ ...parent, name: 'alpha', code: beta.code }, [], 'name and code together (AND)');
      await expectNames({ ...parent, name: 'beta', code: beta2.code }, ['Betas 2'], 'parent, name and code together (AND)');
      await expectNames({ parent_org_unit_id: beta.org_unit_id, code: beta.code }, [], "Beta's code among Beta's children (AND)");
      const top = await page(ctx, api, { filter: { parent_org_unit_id: null, name: 'Alpha Team' }, 'per-page': 100 }, 'parent null and the name of a unit below the top level');
      ctx.expect(top.p.items.every((u) => u.parent_org_unit_id === null), 'parent_org_unit_id null with a name: top-level units only (null is the top level, not "no filter")', top.ex);
      const root = await viewed(api, ctx.rootId);
      if (root.unit !== undefined) {
        const { ex, p } = await page(ctx, api, { filter: { parent_org_unit_id: null, name: root.unit.name } }, 'parent_org_unit_id null');
        ctx.expect(ids(p.items).includes(ctx.rootId) && p.items.every((u) => u.parent_org_unit_id === null), 'parent_org_unit_id null: top-level units only, the run root among them', ex);
      }
      for (const filter of [{ names: 'x' }, { name: 'alpha', names: 'x' }, { Name: 'alpha' }, { parent_org_unit_id: box, org_unit_id: box }]) {
        const unknown = await api.index({ filter });
        ctx.expect(names422(unknown, 'filter'), `an unknown filter key (${Object.keys(filter).join(', ')}) answers 422 naming filter, beside known keys too`, unknown);
      }
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
      await expectCreatedOrder(ctx, api, box);
      // Ties: names equal once lower-cased, each under its own parent. They are renamed (the
      // largest id first) so that their raw (case-sensitive) order and the order of the renames are
      // the reverse of their id order, and made until their creation order is not their id order:
      // only the id may break the tie.
      const twin = `twin ${prefix}`;
      const twins: string[] = [];
      for (let k = 0; k < MIN_TWINS || (inCreationOrder(twins) && k < MAX_TWINS); k++) {
        const p = await fixture(ctx, api, { name: `side ${k}`, parent: box });
        twins.push((await fixture(ctx, api, { name: `${twin} ${k}`, parent: p.org_unit_id })).org_unit_id);
      }
      if (inCreationOrder(twins)) ctx.note(`the ${twins.length} ids of equal names came in creation order: ties broken by creation could not be told from ties by org_unit_id`);
      const byId = [...twins].sort();
      const cases = caseVariants(prefix).slice(0, byId.length);
      for (const [i, id] of [...byId.entries()].reverse()) ctx.requireStatus(await api.update(id, { name: cases[i] as string }), 200, `rename a twin to ${cases[i] as string}`);
      for (const sort of ['name', '-name']) {
        const got = ids((await walk(ctx, api, { filter: { name: twin }, sort }, `sort ${sort} of ${byId.length} equal names`)).items);
        ctx.expect(JSON.stringify(got) === JSON.stringify(byId), `sort=${sort}: names equal lower-cased in ascending org_unit_id, whatever their case (got ${got.join(', ')})`);
        // One a page: the tie-break holds across page boundaries (paging is stable and total).
        const paged: string[] = [];
        for (let n = 1; n <= byId.length; n++) paged.push(...ids((await page(ctx, api, { filter: { name: twin }, sort, page: n, 'per-page': 1 }, `sort ${sort}, page ${n} of 1`)).p.items));
        ctx.expect(JSON.stringify(paged) === JSON.stringify(byId), `sort=${sort}, one a page: the equal names page by page in ascending org_unit_id (got ${paged.join(', ')})`);
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
      for (const sort of ['foo', 'NAME', '+name', '--name', 'name,code', '', 'org_unit_id', ' name', 'name ', '-name\t', '-', '- name', 'created-at']) expect422(ctx, await api.index({ sort }), 'sort', `sort=${JSON.stringify(sort)}`);
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
