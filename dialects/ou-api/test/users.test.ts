import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../mock/http/typed-errors.ts';
import type { Tenant } from './helpers.ts';
import { build, issuesOf, makeTenant } from './helpers.ts';

function sample(): { t: Tenant; m: ReturnType<typeof build> } {
  const t = makeTenant();
  const m = build(t, 'A', 'A/B', 'A/B/C', 'Z');
  const put = (email: string, path: string | null) =>
    t.addUser({ email, display_name: email.split('@')[0]!, ou_id: path === null ? null : m[path]!.id });
  put('Carol@x.io', 'A');
  put('alice@x.io', 'A');
  put('bob@x.io', 'A/B');
  put('dave@x.io', 'A/B/C');
  put('erin@x.io', 'Z');
  put('nobody@x.io', null);
  return { t, m };
}

describe('listUsers', () => {
  it('OU-S2 / OU-S4: by default the users directly in the OU, ordered by lower-cased email, full items', () => {
    const { t, m } = sample();
    expect(t.listUsers(m.A!.id, {})).toEqual({
      data: [
        { id: 'id-6', email: 'alice@x.io', display_name: 'alice', ou_id: m.A!.id },
        { id: 'id-5', email: 'Carol@x.io', display_name: 'Carol', ou_id: m.A!.id },
      ],
      pagination: { page: 1, per_page: 20, total_items: 2, total_pages: 1 },
    });
    expect(t.listUsers(m.A!.id, { include_nested: false }).pagination.total_items).toBe(2);
  });

  it('OU-S2: include_nested lists the users of the whole subtree', () => {
    const { t, m } = sample();
    expect(t.listUsers(m.A!.id, { include_nested: true }).data.map((u) => u.email)).toEqual([
      'alice@x.io', 'bob@x.io', 'Carol@x.io', 'dave@x.io',
    ]);
    expect(t.listUsers(m['A/B']!.id, { include_nested: true }).data.map((u) => u.email)).toEqual(['bob@x.io', 'dave@x.io']);
    expect(t.listUsers(m['A/B/C']!.id, { include_nested: true }).data.map((u) => u.email)).toEqual(['dave@x.io']);
  });

  it('OU-S2: lists follow moves, adds and removals (no stale cached order)', () => {
    const { t, m } = sample();
    expect(t.listUsers(m.A!.id, { include_nested: true }).pagination.total_items).toBe(4);
    t.updateOu(m['A/B']!.id, { parent_id: m.Z!.id });
    expect(t.listUsers(m.A!.id, { include_nested: true }).data.map((u) => u.email)).toEqual(['alice@x.io', 'Carol@x.io']);
    expect(t.listUsers(m.Z!.id, { include_nested: true }).pagination.total_items).toBe(3);
    const added = t.addUser({ email: 'aaron@x.io', display_name: 'Aaron', ou_id: m.A!.id });
    expect(t.listUsers(m.A!.id, {}).data[0]).toEqual({ id: added.id, email: 'aaron@x.io', display_name: 'Aaron', ou_id: m.A!.id });
    t.removeUser(added.id);
    expect(t.listUsers(m.A!.id, {}).data.map((u) => u.email)).toEqual(['alice@x.io', 'Carol@x.io']);
  });

  it('OU-S1: the same paging rules and math as the OU list', () => {
    const t = makeTenant();
    const { A: a } = build(t, 'A');
    for (let i = 0; i < 25; i++) t.addUser({ email: `u${String(i).padStart(2, '0')}@x.io`, display_name: 'u', ou_id: a!.id });
    expect(t.listUsers(a!.id, {}).pagination).toEqual({ page: 1, per_page: 20, total_items: 25, total_pages: 2 });
    expect(t.listUsers(a!.id, { page: 2 }).data.map((u) => u.email)).toEqual(['u20@x.io', 'u21@x.io', 'u22@x.io', 'u23@x.io', 'u24@x.io']);
    expect(t.listUsers(a!.id, { page: 3, per_page: 10 })).toEqual({
      data: [{ id: expect.any(String), email: 'u20@x.io', display_name: 'u', ou_id: a!.id }, ...Array(4).fill(expect.anything())],
      pagination: { page: 3, per_page: 10, total_items: 25, total_pages: 3 },
    });
    expect(t.listUsers(a!.id, { page: 9 })).toEqual({ data: [], pagination: { page: 9, per_page: 20, total_items: 25, total_pages: 2 } });
    expect(issuesOf(() => t.listUsers(a!.id, { per_page: 101 }))[0]!.loc).toEqual(['query', 'per_page']);
    expect(issuesOf(() => t.listUsers(a!.id, { page: 0 }))[0]!.loc).toEqual(['query', 'page']);
    expect(issuesOf(() => t.listUsers(a!.id, { include_nested: 'yes' as never }))[0]!.loc).toEqual(['query', 'include_nested']);
  });

  it('OU-S3: an unknown OU is NotFoundError', () => {
    const { t } = sample();
    expect(() => t.listUsers('nope', {})).toThrow(NotFoundError);
    expect(() => t.listUsers('nope', { include_nested: true })).toThrow(NotFoundError);
  });
});

describe('addUser / removeUser', () => {
  it('adds to an OU or unassigned; an explicit id is kept; counts follow', () => {
    const { t, m } = sample();
    expect(t.addUser({ email: 'x@x.io', display_name: 'X', ou_id: m.Z!.id, id: 'user-x' })).toEqual({
      id: 'user-x',
      email: 'x@x.io',
      display_name: 'X',
      ou_id: m.Z!.id,
    });
    expect(t.getOu(m.Z!.id).user_count).toBe(2);
    expect(t.counts()).toEqual({ ous: 4, users: 7 });
    t.removeUser('user-x');
    expect(t.getOu(m.Z!.id).user_count).toBe(1);
    expect(t.counts()).toEqual({ ous: 4, users: 6 });
  });

  it('rejects bad fields with the field named, an unknown OU with NotFoundError, a taken id with ConflictError', () => {
    const { t } = sample();
    expect(issuesOf(() => t.addUser({ email: 'no-at', display_name: 'x', ou_id: null }))[0]!.loc).toEqual(['body', 'email']);
    expect(issuesOf(() => t.addUser({ email: 'a@x', display_name: 3 as never, ou_id: null }))[0]!.loc).toEqual(['body', 'display_name']);
    expect(issuesOf(() => t.addUser({ email: 'a@x', display_name: 'x', ou_id: 3 as never }))[0]!.loc).toEqual(['body', 'ou_id']);
    expect(issuesOf(() => t.addUser({ email: 'a@x', display_name: 'x', ou_id: null, id: '' }))[0]!.loc).toEqual(['body', 'id']);
    expect(() => t.addUser({ email: 'a@x', display_name: 'x', ou_id: 'nope' })).toThrow(NotFoundError);
    expect(() => t.addUser({ email: 'a@x', display_name: 'x', ou_id: null, id: 'id-5' })).toThrow(ConflictError);
    expect(() => t.removeUser('nope')).toThrow(NotFoundError);
    expect(t.counts().users).toBe(6);
  });
});
