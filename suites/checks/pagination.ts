import type { Check, CheckContext } from '../check.ts';
import { pageOf } from '../data.ts';
import type { OuListItem } from '../data.ts';
import { pageCases } from '../paging.ts';
import { expectPageMath, expectValidation, fetchPage, lowerOrder } from './expect.ts';
import type { PageParts } from './expect.ts';

/** What OU-L1 says of a page: the defaults (or bounds) are applied, so page and per_page echo them (the item count is OU-L2's). */
const DEFAULTS: PageParts = { echo: 'OU-L1' };
import { PAGING_CHILDREN, pagingFixture } from './fixtures.ts';

export const paginationChecks: Check[] = [
  {
    id: 'pagination.defaults',
    title: 'page defaults to 1 and per_page to 20',
    rules: ['OU-L1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const { parent } = await pagingFixture(ctx);
      const none = await fetchPage(ctx, { parent_id: parent.id }, 'no page, no per_page');
      expectPageMath(ctx, none.ex, none.page, { total: PAGING_CHILDREN, perPage: 20, page: 1 }, 'defaults page=1 per_page=20', DEFAULTS);
      const onlyPage = await fetchPage(ctx, { parent_id: parent.id, page: 2 }, 'page=2 only');
      expectPageMath(ctx, onlyPage.ex, onlyPage.page, { total: PAGING_CHILDREN, perPage: 20, page: 2 }, 'page=2 with the default per_page=20', DEFAULTS);
      const onlyPerPage = await fetchPage(ctx, { parent_id: parent.id, per_page: 5 }, 'per_page=5 only');
      expectPageMath(ctx, onlyPerPage.ex, onlyPerPage.page, { total: PAGING_CHILDREN, perPage: 5, page: 1 }, 'per_page=5 with the default page=1', DEFAULTS);
    },
  },
  {
    id: 'pagination.bounds',
    title: 'page >= 1 and 1 <= per_page <= 100, otherwise 422 naming the parameter',
    rules: ['OU-L1', 'OU-E3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const { parent } = await pagingFixture(ctx);
      const bad: Array<[string, string]> = [
        ['page', '0'],
        ['page', '-1'],
        ['page', 'abc'],
        ['page', '1.5'],
        ['per_page', '0'],
        ['per_page', '101'],
        ['per_page', '-5'],
        ['per_page', 'x'],
        ['per_page', '1000000'],
      ];
      for (const [name, value] of bad) {
        const ex = await ctx.api.list({ parent_id: parent.id, [name]: value });
        expectValidation(ctx, ex, 'query', name, `${name}=${value}`, 'OU-L1');
      }
      for (const perPage of [1, 100]) {
        const { ex, page } = await fetchPage(ctx.rule('OU-L1'), { parent_id: parent.id, per_page: perPage }, `per_page=${perPage} is in bounds`);
        expectPageMath(ctx, ex, page, { total: PAGING_CHILDREN, perPage, page: 1 }, `per_page=${perPage}`, DEFAULTS);
      }
    },
  },
  {
    id: 'pagination.math',
    title: 'total_items, total_pages, echo and item count over many (total, per_page, page) cases',
    rules: ['OU-L2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const { parent, empty } = await pagingFixture(ctx);
      let cases = 0;
      for (const [target, total] of [
        [empty.id, 0],
        [parent.id, PAGING_CHILDREN],
      ] as const) {
        // Pages past the last are OU-L3's (pagination.past_last_page).
        for (const c of pageCases(total).filter((pc) => pc.page <= Math.max(1, Math.ceil(total / pc.perPage)))) {
          const { ex, page } = await fetchPage(ctx, { parent_id: target, per_page: c.perPage, page: c.page }, `total=${total} per_page=${c.perPage} page=${c.page}`);
          expectPageMath(ctx, ex, page, { total, perPage: c.perPage, page: c.page }, `total=${total} per_page=${c.perPage} page=${c.page}`);
          cases++;
        }
      }
      ctx.note(`${cases} cases`);
    },
  },
  {
    id: 'pagination.past_last_page',
    title: 'a page past the last answers 200 with empty data and the true totals',
    rules: ['OU-L3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const { parent, empty } = await pagingFixture(ctx);
      const cases: Array<[string, number, number, number]> = [
        [parent.id, PAGING_CHILDREN, 20, 3],
        [parent.id, PAGING_CHILDREN, 7, 4],
        [parent.id, PAGING_CHILDREN, 100, 2],
        [parent.id, PAGING_CHILDREN, 1, 1000],
        [empty.id, 0, 20, 2],
      ];
      for (const [target, total, perPage, pageNo] of cases) {
        const ex = await ctx.api.list({ parent_id: target, per_page: perPage, page: pageNo });
        if (!ctx.expectStatus(ex, 200, `page ${pageNo} past the last (total=${total}, per_page=${perPage})`)) continue;
        const page = pageOf<OuListItem>(ex);
        if (page === undefined) {
          ctx.expect(false, 'a well-formed page: {data: [], pagination: {…}}', ex);
          continue;
        }
        // total_pages is OU-L2's (pagination.math): here the true total_items and no items.
        expectPageMath(ctx, ex, page, { total, perPage, page: pageNo }, `page ${pageNo} past the last`, { count: 'OU-L3' });
        ctx.expect(page.pagination.total_items === total, `page ${pageNo} past the last carries the true total_items ${total}, got ${page.pagination.total_items}`, ex);
      }
    },
  },
  {
    id: 'pagination.walk',
    title: 'walking pages 1..total_pages returns every match exactly once, in a stable order',
    rules: ['OU-L4'],
    level: 'core',
    async run(ctx: CheckContext) {
      const { parent, children } = await pagingFixture(ctx);
      const expected = new Set(children.map((c) => c.id));
      const walks: string[][] = [];
      for (const perPage of [4, 5, 4]) {
        const seen: string[] = [];
        const first = await fetchPage(ctx, { parent_id: parent.id, per_page: perPage, page: 1 }, `walk per_page=${perPage} page 1`);
        // The pages a correct total_pages gives: a wrong total_pages is OU-L2's finding, not a reason to miss items here.
        const totalPages = Math.ceil(expected.size / perPage);
        seen.push(...first.page.data.map((i) => i.id));
        for (let p = 2; p <= totalPages; p++) {
          const { ex, page } = await fetchPage(ctx, { parent_id: parent.id, per_page: perPage, page: p }, `walk per_page=${perPage} page ${p}`);
          const dup = page.data.find((i) => seen.includes(i.id));
          ctx.expect(dup === undefined, `walk per_page=${perPage}: page ${p} repeats ${dup?.id ?? ''} from an earlier page (pages must be disjoint)`, ex);
          seen.push(...page.data.map((i) => i.id));
        }
        const missing = [...expected].filter((id) => !seen.includes(id));
        ctx.expect(
          missing.length === 0 && seen.length === expected.size,
          `walk per_page=${perPage}: ${expected.size} distinct children exactly once, got ${seen.length} items, ${missing.length} missing`,
          first.ex,
        );
        walks.push(seen);
      }
      const [a, b, c] = walks;
      ctx.expect(JSON.stringify(a) === JSON.stringify(c), 'the same walk twice gives the same order (stable)');
      ctx.expect(JSON.stringify(a) === JSON.stringify(b), 'walks with per_page 4 and 5 give the same order (total order)');
    },
  },
  {
    id: 'pagination.order',
    title: 'lists are ordered by lower-cased path',
    rules: ['OU-L4'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const { parent } = await pagingFixture(ctx);
      const { ex, page } = await fetchPage(ctx, { parent_id: parent.id, per_page: 100 }, 'one page of the fixture');
      const paths = page.data.map((i: OuListItem) => i.path);
      const sorted = [...paths].sort(lowerOrder);
      ctx.expect(JSON.stringify(paths) === JSON.stringify(sorted), `items ordered by lower-cased path: ${sorted.slice(0, 4).join(', ')}…`, ex);
    },
  },
];
