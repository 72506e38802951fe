import type { Check, CheckContext } from '../check.ts';
import type { CreatedUser } from '../config.ts';
import { pageOf } from '../data.ts';
import type { PageOf, UserItem } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { pageCases } from '../paging.ts';
import { expectDetail, expectPageMath, expectValidation, lowerOrder, unknownId } from './expect.ts';
import type { PageParts } from './expect.ts';

/** OU-S1 is OU-L1..L4 for users: every part of a page under it. */
const USERS_PAGE: PageParts = { echo: 'OU-S1', totals: 'OU-S1', count: 'OU-S1', slice: 'OU-S1' };

const USERS_IN_OU = 5;

async function fetchUsers(ctx: CheckContext, ouId: string, query: Record<string, string | number | boolean | undefined>, what: string): Promise<{ page: PageOf<UserItem>; ex: Exchange }> {
  const ex = await ctx.api.users(ouId, query);
  const page = pageOf<UserItem>(ex);
  ctx.require(ex.status === 200 && page !== undefined, `${what}: 200 with {data: [...], pagination: {…}}`, ex);
  return { ex, page };
}

/** Users of users.items: a few, and more (up to the max) while their emails do not tell the orders apart. */
const USERS_FOR_ORDER = 4;
const USERS_FOR_ORDER_MAX = 12;

/** Whether lower-cased email order differs from plain email order, creation order and id order (both ways round). */
export function orderExercised(created: readonly CreatedUser[]): boolean {
  const plain = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const key = (list: readonly CreatedUser[]): string => list.map((u) => u.id).join('\n');
  const byEmail = key([...created].sort((a, b) => lowerOrder(a.email ?? '', b.email ?? '') || plain(a.id, b.id)));
  const byPlainEmail = [...created].sort((a, b) => plain(a.email ?? '', b.email ?? '') || plain(a.id, b.id));
  const byId = [...created].sort((a, b) => plain(a.id, b.id));
  return ![byPlainEmail, created, [...created].reverse(), byId, [...byId].reverse()].some((order) => key(order) === byEmail);
}

export const usersListChecks: Check[] = [
  {
    id: 'users.pagination',
    title: 'users lists follow the paging rules and math of OU-L1..L4',
    rules: ['OU-S1'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const created = new Set<string>();
      for (let i = 0; i < USERS_IN_OU; i++) created.add((await users.create(box.id)).id);
      const full = await fetchUsers(ctx, box.id, { per_page: 100 }, 'all users of the OU');
      const ordered = full.page.data.map((u) => u.id);
      ctx.require(ordered.length === USERS_IN_OU && ordered.every((id) => created.has(id)), `the OU lists its ${USERS_IN_OU} users, got ${ordered.length}`, full.ex);
      const defaults = await fetchUsers(ctx, box.id, {}, 'defaults');
      expectPageMath(ctx, defaults.ex, defaults.page, { total: USERS_IN_OU, perPage: 20, page: 1, ordered }, 'users defaults page=1 per_page=20', USERS_PAGE);
      for (const c of pageCases(USERS_IN_OU)) {
        const { ex, page } = await fetchUsers(ctx, box.id, { per_page: c.perPage, page: c.page }, `users per_page=${c.perPage} page=${c.page}`);
        expectPageMath(ctx, ex, page, { total: USERS_IN_OU, perPage: c.perPage, page: c.page, ordered }, `users per_page=${c.perPage} page=${c.page}`, USERS_PAGE);
      }
      for (const [name, value] of [
        ['page', '0'],
        ['per_page', '0'],
        ['per_page', '101'],
        ['page', 'x'],
      ] as const) {
        expectValidation(ctx, await ctx.api.users(box.id, { [name]: value }), 'query', name, `users ${name}=${value}`, 'OU-S1');
      }
      const seen: string[] = [];
      for (let p = 1; p <= 3; p++) seen.push(...(await fetchUsers(ctx, box.id, { per_page: 2, page: p }, `walk page ${p}`)).page.data.map((u) => u.id));
      ctx.expect(seen.length === USERS_IN_OU && new Set(seen).size === USERS_IN_OU, `walking pages of 2 returns each of the ${USERS_IN_OU} users once, got ${seen.length} (${new Set(seen).size} distinct)`);
    },
  },
  {
    id: 'users.include_nested',
    title: 'include_nested=false (default) lists direct users; true lists the users of the whole subtree',
    rules: ['OU-S2'],
    level: 'core',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      const c = await ctx.createOu({ name: 'c', parent_id: box.id });
      const g = await ctx.createOu({ name: 'g', parent_id: c.id });
      const direct = [await users.create(box.id)];
      const nested = [await users.create(c.id), await users.create(c.id), await users.create(g.id)];
      const ids = (p: PageOf<UserItem>): string[] => p.data.map((u) => u.id).sort();
      const want = (list: Array<{ id: string }>): string[] => list.map((u) => u.id).sort();
      for (const query of [{}, { include_nested: false }]) {
        const { ex, page } = await fetchUsers(ctx, box.id, query, `include_nested=${String(query.include_nested ?? 'default')}`);
        ctx.expect(JSON.stringify(ids(page)) === JSON.stringify(want(direct)) && page.pagination.total_items === 1, `include_nested=${String(query.include_nested ?? '(default)')} lists the 1 direct user, got ${page.data.length}`, ex);
      }
      const all = await fetchUsers(ctx, box.id, { include_nested: true }, 'include_nested=true');
      ctx.expect(JSON.stringify(ids(all.page)) === JSON.stringify(want([...direct, ...nested])) && all.page.pagination.total_items === 4, `include_nested=true lists the 4 users of the subtree, got ${all.page.data.length}`, all.ex);
      const mid = await fetchUsers(ctx, c.id, { include_nested: true }, 'include_nested=true on a child');
      ctx.expect(mid.page.pagination.total_items === 3, `include_nested=true on the child lists its 3 subtree users, got ${mid.page.pagination.total_items}`, mid.ex);
    },
  },
  {
    id: 'users.unknown_ou',
    title: 'users of an unknown OU answer 404',
    rules: ['OU-S3', 'OU-E4'],
    level: 'core',
    async run(ctx: CheckContext) {
      for (const query of [{}, { include_nested: true }]) {
        const ex = await ctx.api.users(unknownId(ctx), query);
        if (ctx.expectStatus(ex, 404, 'GET users of an unknown OU', 'OU-S3')) expectDetail(ctx.rule('OU-E4'), ex, 'GET users of an unknown OU');
      }
    },
  },
  {
    id: 'users.items',
    title: 'user items carry id, email, display_name, ou_id and are ordered by lower-cased email',
    rules: ['OU-S4'],
    level: 'profile',
    needs: ['users'],
    async run(ctx: CheckContext) {
      const users = ctx.users();
      const box = await ctx.sandbox();
      // Emails are the adapter's: users are added until their lower-cased email order is neither
      // plain email order nor creation or id order (either way round), so a server that does not
      // sort, or sorts by case, cannot pass by luck.
      const created: CreatedUser[] = [];
      const decisive = (): boolean => created.every((u) => u.email !== undefined) && orderExercised(created);
      while (created.length < USERS_FOR_ORDER || (created.length < USERS_FOR_ORDER_MAX && created.every((u) => u.email !== undefined) && !decisive())) {
        created.push(await users.create(box.id));
      }
      if (!decisive()) ctx.note(`the ${created.length} users' emails, as the adapter made them, do not tell lower-cased email order from creation or id order: an unsorted list would pass too`);
      const { ex, page } = await fetchUsers(ctx, box.id, {}, 'users of the OU');
      ctx.expect(
        page.data.every((u) => typeof u.id === 'string' && typeof u.email === 'string' && typeof u.display_name === 'string' && u.ou_id === box.id),
        'every item carries id, email, display_name and ou_id (= the OU)',
        ex,
      );
      const emails = page.data.map((u) => u.email ?? '');
      ctx.expect(JSON.stringify(emails) === JSON.stringify([...emails].sort(lowerOrder)), `ordered by lower-cased email: ${emails.join(', ')}`, ex);
    },
  },
];
