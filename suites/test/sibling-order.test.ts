/**
 * The order checks (OU-R2 tree siblings, OU-G2 children, OU-S4 users, OU-L4's SHOULD list order)
 * must catch a server that does not sort, whatever its ids: one that answers in creation order
 * (an auto-increment key, insertion order) or in id order, either way round, or one that sorts
 * without lower-casing. Such a server is the mock behind a wrapper that reorders every list it answers.
 */
import { describe, expect, it } from 'vitest';
import { around } from '../../dialects/orgunit-v2/test/around.ts';
import { isRecord } from '../contract-model.ts';
import { namingRanks } from '../checks/fixtures.ts';
import { orderExercised } from '../checks/users-list.ts';
import { CHECKS, runSuite } from '../index.ts';
import { mockSetup, mockTarget } from './target.ts';

type Order = 'creation' | 'reverse creation' | 'id' | 'reverse id' | 'plain string (case-sensitive)';
const ORDERS: Order[] = ['creation', 'reverse creation', 'id', 'reverse id', 'plain string (case-sensitive)'];

const ORDER_CHECKS = ['tree.order', 'get.children', 'users.items', 'pagination.order'];

/** The mock answering every list (list, tree levels, children, users) in `order` instead of sorting it. */
async function unsortedServer(order: Order) {
  const { app, config } = await mockSetup();
  const created: string[] = [];
  const place = (id: unknown): number => (typeof id === 'string' && created.includes(id) ? created.indexOf(id) : Number.MAX_SAFE_INTEGER);
  const compare = (a: unknown, b: unknown): number => {
    switch (order) {
      case 'creation':
        return place(a) - place(b);
      case 'reverse creation':
        return place(b) - place(a);
      case 'id':
        return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
      case 'reverse id':
        return String(a) < String(b) ? 1 : String(a) > String(b) ? -1 : 0;
      case 'plain string (case-sensitive)':
        return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    }
  };
  // What each order compares: the path (OUs) or the email (users) for the plain string order, else the id.
  const keyOf = (item: unknown): unknown => {
    if (!isRecord(item)) return undefined;
    return order === 'plain string (case-sensitive)' ? (item['path'] ?? item['email']) : (item['id'] ?? item['ou_id']);
  };
  const sorted = (items: unknown): unknown => (Array.isArray(items) ? [...items].sort((a, b) => compare(keyOf(a), keyOf(b))) : items);
  const tree = (nodes: unknown): unknown => (Array.isArray(nodes) ? (sorted(nodes) as unknown[]).map((n) => (isRecord(n) ? { ...n, children: tree(n['children']) } : n)) : nodes);
  const handle = around(app.handle, {
    response: ({ request, status, headers, json }) => {
      if (!isRecord(json)) return { headers, json };
      const data = json['data'];
      if (status === 201 && isRecord(data) && typeof data['id'] === 'string') created.push(data['id']);
      if (request.method !== 'GET' || status !== 200) return { headers, json };
      const path = request.url.pathname;
      if (/\/ous\/tree$/.test(path)) return { headers, json: { ...json, data: tree(data) } };
      if (/\/ous$/.test(path) || /\/users$/.test(path)) return { headers, json: { ...json, data: sorted(data) } };
      if (isRecord(data) && Array.isArray(data['children'])) return { headers, json: { ...json, data: { ...data, children: sorted(data['children']) } } };
      return { headers, json };
    },
  });
  return { ...config, app: handle };
}

describe('the order checks catch a server that does not sort', () => {
  it.each(ORDERS)('answering in %s order: each order check fails', async (order) => {
    const report = await runSuite(await unsortedServer(order), {}, CHECKS.filter((c) => ORDER_CHECKS.includes(c.id)));
    const status = Object.fromEntries(report.checks.map((c) => [c.check, c.status]));
    expect(status).toEqual(Object.fromEntries(ORDER_CHECKS.map((id) => [id, 'failed'])));
    // Failed by their order assertions, not by a broken setup.
    for (const c of report.checks) expect(c.message, c.check).toMatch(/ordered by lower-cased|in that order/);
  });

  it('the sorting mock passes them', async () => {
    const report = await runSuite(await mockTarget(), {}, CHECKS.filter((c) => ORDER_CHECKS.includes(c.id)));
    expect(Object.fromEntries(report.checks.map((c) => [c.check, c.status]))).toEqual(Object.fromEntries(ORDER_CHECKS.map((id) => [id, 'passed'])));
  });
});

describe('namingRanks', () => {
  const permutations = (xs: readonly string[]): string[][] => (xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
  const orderOf = (ranks: readonly number[]): string => ranks.map((_, i) => ranks.indexOf(i)).join(',');

  it.each([3, 4])('for every id assignment of %i siblings, name order is none of creation and id order either way', (n) => {
    const all = permutations(['a', 'b', 'c', 'd'].slice(0, n));
    for (const ids of all) {
      const ranks = namingRanks(ids);
      // The siblings (by creation index) in name order.
      const byName = orderOf(ranks);
      const creation = ids.map((_, i) => i);
      const byId = [...creation].sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
      for (const wrong of [creation, [...creation].reverse(), byId, [...byId].reverse()]) expect(byName, `ids ${ids.join('')}`).not.toBe(wrong.join(','));
    }
  });
});

describe('orderExercised', () => {
  it('tells whether lower-cased email order differs from creation and id order, both ways', () => {
    const u = (id: string, email: string) => ({ id, email });
    expect(orderExercised([u('1', 'amy@x'), u('2', 'Bob@x'), u('3', 'cal@x')])).toBe(false);
    expect(orderExercised([u('3', 'amy@x'), u('2', 'Bob@x'), u('1', 'cal@x')])).toBe(false);
    expect(orderExercised([u('1', 'Bob@x'), u('2', 'amy@x'), u('3', 'cal@x')])).toBe(true);
    expect(orderExercised([u('2', 'Bob@x'), u('1', 'amy@x'), u('3', 'cal@x')])).toBe(false);
    // Plain order (upper case first) is lower-cased order here, Bob, Dee, gus, ivy, and no other order is.
    expect(orderExercised([u('b', 'Dee@x'), u('d', 'ivy@x'), u('c', 'Bob@x'), u('a', 'gus@x')])).toBe(false);
    expect(orderExercised([u('b', 'Dee@x'), u('a', 'amy@x'), u('c', 'Bob@x'), u('d', 'gus@x')])).toBe(true);
  });
});
