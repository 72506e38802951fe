import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserItem } from '../dto.ts';
import type { Tenant } from './helpers.ts';
import { build, makeTenant } from './helpers.ts';

/** The reference order: lower-cased email, then id (OU-S4). */
function reference(users: readonly UserItem[]): string[] {
  return [...users]
    .sort((a, b) => {
      const ka = a.email.toLowerCase();
      const kb = b.email.toLowerCase();
      if (ka !== kb) return ka < kb ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((u) => u.id);
}

const listed = (t: Tenant, ouId: string, nested = false) =>
  t.listUsers(ouId, { per_page: 100, include_nested: nested }).data.map((u) => u.id);
const usersIn = (t: Tenant, ouIds: readonly string[]) => t.toSnapshot().users.filter((u) => u.ou_id !== null && ouIds.includes(u.ou_id));

describe('user order', () => {
  it('OU-S4: an OU stays ordered as users are added and removed after it was first listed', () => {
    const t = makeTenant();
    const { A: a } = build(t, 'A');
    const add = (email: string) => t.addUser({ email, display_name: email, ou_id: a!.id }).id;
    for (const e of ['m@x.io', 'B@x.io', 'z@x.io', 'b@x.io']) add(e);
    expect(listed(t, a!.id)).toEqual(reference(usersIn(t, [a!.id])));
    const late = ['a@x.io', 'N@x.io', 'b@x.io', 'zz@x.io'].map(add);
    expect(listed(t, a!.id)).toEqual(reference(usersIn(t, [a!.id])));
    t.removeUser(late[1]!);
    t.removeUser(late[0]!);
    expect(listed(t, a!.id)).toEqual(reference(usersIn(t, [a!.id])));
    expect(t.listUsers(a!.id, {}).data.map((u) => u.email)).toEqual(['B@x.io', 'b@x.io', 'b@x.io', 'm@x.io', 'z@x.io', 'zz@x.io']); // equal emails: by id (id-3, id-5, id-8)
  });

  it('OU-D3 / OU-D4 / OU-S4: users moved into a listed OU (sorted and unsorted sources) keep the order', () => {
    const t = makeTenant();
    const m = build(t, 'P', 'P/Sorted', 'P/Unsorted', 'P/Sorted/Deep');
    const add = (email: string, path: string) => t.addUser({ email, display_name: email, ou_id: m[path]!.id });
    ['k@x.io', 'c@x.io'].forEach((e) => add(e, 'P'));
    ['q@x.io', 'a@x.io', 'l@x.io'].forEach((e) => add(e, 'P/Sorted'));
    ['b@x.io', 'y@x.io'].forEach((e) => add(e, 'P/Unsorted'));
    ['d@x.io'].forEach((e) => add(e, 'P/Sorted/Deep'));
    listed(t, m.P!.id);
    listed(t, m['P/Sorted']!.id);
    t.deleteOu(m['P/Sorted']!.id, 'MOVE_UP');
    expect(listed(t, m.P!.id)).toEqual(reference(usersIn(t, [m.P!.id])));
    t.deleteOu(m['P/Unsorted']!.id, 'MOVE_UP');
    t.deleteOu(m['P/Sorted/Deep']!.id, 'CASCADE');
    expect(t.listUsers(m.P!.id, {}).data.map((u) => u.email)).toEqual([
      'a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'k@x.io', 'l@x.io', 'q@x.io', 'y@x.io',
    ]);
  });

  it('OU-S1 / OU-S2 / OU-S4: every page of a nested list equals the same page of the fully sorted subtree (property)', () => {
    const email = fc.constantFrom('a@x.io', 'A@x.io', 'b@x.io', 'carol@x.io', 'Carol@x.io', 'dave@x.io', 'zed@x.io');
    const placement = fc.record({ email, ou: fc.nat({ max: 5 }), listFirst: fc.boolean() });
    fc.assert(
      fc.property(fc.array(placement, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (users, perPage) => {
        const t = makeTenant();
        const m = build(t, 'R', 'R/a', 'R/b', 'R/a/c', 'R/a/d', 'R/b/e');
        const ids = Object.values(m).map((o) => o.id);
        for (const u of users) {
          t.addUser({ email: u.email, display_name: 'u', ou_id: ids[u.ou]! });
          if (u.listFirst) listed(t, ids[u.ou]!);
        }
        const expected = reference(usersIn(t, ids));
        const pages = Math.ceil(expected.length / perPage);
        const walked: string[] = [];
        for (let page = 1; page <= pages + 1; page++) {
          const res = t.listUsers(m.R!.id, { page, per_page: perPage, include_nested: true });
          expect(res.pagination).toEqual({ page, per_page: perPage, total_items: expected.length, total_pages: pages });
          walked.push(...res.data.map((u) => u.id));
        }
        expect(walked).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
