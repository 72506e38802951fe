import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../mock/http/typed-errors.ts';
import type { Tenant } from './helpers.ts';
import { build, issuesOf, makeTenant, violations } from './helpers.ts';

/** A: users a1; A/B: users b1, b2; A/B/C: user c1; A/D; E. */
function sample(): { t: Tenant; m: ReturnType<typeof build> } {
  const t = makeTenant();
  const m = build(t, 'A', 'A/B', 'A/B/C', 'A/D', 'E');
  const put = (email: string, path: string) => t.addUser({ email, display_name: email, ou_id: m[path]!.id });
  put('a1@x.io', 'A');
  put('b1@x.io', 'A/B');
  put('b2@x.io', 'A/B');
  put('c1@x.io', 'A/B/C');
  return { t, m };
}

const emailsIn = (t: Tenant, ouId: string) => t.listUsers(ouId, {}).data.map((u) => u.email);
const paths = (t: Tenant) => t.listOus({}).data.map((o) => o.path);

describe('deleteOu', () => {
  it('OU-D1: the default strategy is BLOCK; any other value is a ValidationError at query.strategy, checked first', () => {
    const { t, m } = sample();
    expect(() => t.deleteOu(m.A!.id)).toThrow(ConflictError);
    for (const bad of ['block', 'DELETE', '', 1]) {
      expect(issuesOf(() => t.deleteOu(m.E!.id, bad as never))).toEqual([
        { loc: ['query', 'strategy'], msg: expect.any(String), type: 'enum' },
      ]);
    }
    expect(issuesOf(() => t.deleteOu('unknown', 'nope' as never))[0]!.loc).toEqual(['query', 'strategy']);
    t.deleteOu(m.E!.id);
    expect(paths(t)).toEqual(['/A', '/A/B', '/A/B/C', '/A/D']);
  });

  it('OU-D2: BLOCK refuses an OU with child OUs or with users, and changes nothing', () => {
    const { t, m } = sample();
    const before = t.toSnapshot();
    expect(() => t.deleteOu(m['A/B']!.id, 'BLOCK')).toThrow(ConflictError); // children and users
    expect(() => t.deleteOu(m['A/B/C']!.id, 'BLOCK')).toThrow(ConflictError); // users only
    expect(t.toSnapshot()).toEqual(before);
  });

  it('OU-D2 / OU-D5: BLOCK deletes an empty OU; the parent count drops', () => {
    const { t, m } = sample();
    t.deleteOu(m['A/D']!.id, 'BLOCK');
    expect(() => t.getOu(m['A/D']!.id)).toThrow(NotFoundError);
    expect(t.getOu(m.A!.id).child_ou_count).toBe(1);
    expect(paths(t)).toEqual(['/A', '/A/B', '/A/B/C', '/E']);
  });

  it('OU-D3: MOVE_UP moves child OUs (with subtrees) and users to the parent, paths follow', () => {
    const { t, m } = sample();
    t.deleteOu(m['A/B']!.id, 'MOVE_UP');
    expect(paths(t)).toEqual(['/A', '/A/C', '/A/D', '/E']);
    expect(t.getOu(m['A/B/C']!.id)).toMatchObject({ parent_id: m.A!.id, path: '/A/C', user_count: 1 });
    expect(t.getOu(m.A!.id)).toMatchObject({ child_ou_count: 2, user_count: 3 });
    expect(emailsIn(t, m.A!.id)).toEqual(['a1@x.io', 'b1@x.io', 'b2@x.io']);
    expect(t.counts()).toEqual({ ous: 4, users: 4 });
    expect(violations(t)).toEqual([]);
  });

  it('OU-D3: MOVE_UP at the top level moves children to the top level and users to unassigned', () => {
    const { t, m } = sample();
    t.deleteOu(m.A!.id, 'MOVE_UP');
    expect(paths(t)).toEqual(['/B', '/B/C', '/D', '/E']);
    expect(t.getOu(m['A/B']!.id).parent_id).toBeNull();
    const a1 = t.toSnapshot().users.find((u) => u.email === 'a1@x.io');
    expect(a1?.ou_id).toBeNull();
    expect(t.counts()).toEqual({ ous: 4, users: 4 });
  });

  it('OU-D3: a child may take the name of the OU being deleted', () => {
    const t = makeTenant();
    const m = build(t, 'P', 'P/Ops', 'P/Ops/ops');
    t.deleteOu(m['P/Ops']!.id, 'MOVE_UP');
    expect(paths(t)).toEqual(['/P', '/P/ops']);
  });

  it('OU-D3 / OU-E5: a name clash at the parent is ConflictError and nothing changes, not even earlier children', () => {
    const t = makeTenant();
    const m = build(t, 'P', 'P/O', 'P/O/alpha', 'P/O/ZETA', 'P/zeta');
    t.addUser({ email: 'u@x.io', display_name: 'u', ou_id: m['P/O']!.id });
    const before = t.toSnapshot();
    expect(() => t.deleteOu(m['P/O']!.id, 'MOVE_UP')).toThrow(ConflictError);
    expect(t.toSnapshot()).toEqual(before);
    expect(paths(t)).toEqual(['/P', '/P/O', '/P/O/alpha', '/P/O/ZETA', '/P/zeta']);
  });

  it('OU-D4: CASCADE deletes the subtree and moves all its users to the parent; no user is deleted', () => {
    const { t, m } = sample();
    t.deleteOu(m['A/B']!.id, 'CASCADE');
    expect(paths(t)).toEqual(['/A', '/A/D', '/E']);
    for (const gone of ['A/B', 'A/B/C']) expect(() => t.getOu(m[gone]!.id)).toThrow(NotFoundError);
    expect(emailsIn(t, m.A!.id)).toEqual(['a1@x.io', 'b1@x.io', 'b2@x.io', 'c1@x.io']);
    expect(t.getOu(m.A!.id)).toMatchObject({ child_ou_count: 1, user_count: 4 });
    expect(t.counts()).toEqual({ ous: 3, users: 4 });
  });

  it('OU-D4: CASCADE at the top level leaves the users unassigned', () => {
    const { t, m } = sample();
    t.deleteOu(m.A!.id, 'CASCADE');
    expect(paths(t)).toEqual(['/E']);
    expect(t.counts()).toEqual({ ous: 1, users: 4 });
    expect(t.toSnapshot().users.map((u) => u.ou_id)).toEqual([null, null, null, null]);
  });

  it('OU-D5: deleted ids answer 404 and vanish from list and tree; parent counts reflect it', () => {
    const { t, m } = sample();
    t.deleteOu(m['A/B']!.id, 'CASCADE');
    expect(() => t.getOu(m['A/B']!.id)).toThrow(NotFoundError);
    expect(() => t.listUsers(m['A/B/C']!.id, {})).toThrow(NotFoundError);
    expect(() => t.updateOu(m['A/B']!.id, {})).toThrow(NotFoundError);
    expect(t.tree().map((n) => [n.path, n.children!.map((c) => c.path)])).toEqual([['/A', ['/A/D']], ['/E', []]]);
    expect(t.listOus({ search: 'b' }).pagination.total_items).toBe(0);
    expect(t.getOu(m.A!.id).children!.map((c) => c.name)).toEqual(['D']);
  });

  it('OU-D6: deleting an unknown (or already deleted) OU is NotFoundError', () => {
    const { t, m } = sample();
    expect(() => t.deleteOu('nope', 'CASCADE')).toThrow(NotFoundError);
    t.deleteOu(m.E!.id);
    expect(() => t.deleteOu(m.E!.id)).toThrow(NotFoundError);
  });

  it('OU-E5: a failed call changes nothing (every kind of failure)', () => {
    const { t, m } = sample();
    const before = JSON.stringify(t.toSnapshot());
    const failing = [
      () => t.createOu({ name: 'a' }),
      () => t.createOu({ name: '' }),
      () => t.createOu({ name: 'N', parent_id: 'nope' }),
      () => t.updateOu(m['A/B']!.id, { name: 'd', description: 'x' }),
      () => t.updateOu(m.A!.id, { parent_id: m['A/B/C']!.id, description: 'x' }),
      () => t.updateOu(m.A!.id, { parent_id: 'nope', description: 'x' }),
      () => t.updateOu(m.A!.id, { custom_attributes: [] as never, description: 'x' }),
      () => t.deleteOu(m.A!.id, 'BLOCK'),
      () => t.deleteOu(m.A!.id, 'X' as never),
      () => t.addUser({ email: 'z@x.io', display_name: 'z', ou_id: 'nope' }),
      () => t.addUser({ email: 'a1@x.io', display_name: 'z', ou_id: null, id: t.toSnapshot().users[0]!.id }),
      () => t.removeUser('nope'),
    ];
    for (const fn of failing) {
      expect(fn).toThrow();
      expect(JSON.stringify(t.toSnapshot())).toBe(before);
    }
  });
});
