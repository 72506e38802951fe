import { describe, expect, it } from 'vitest';
import type { OUTreeNode } from '../dto.ts';
import { NotFoundError } from '../../../mock/http/typed-errors.ts';
import { build, makeDirectory, makeTenant } from './helpers.ts';

describe('getOu', () => {
  it('OU-G1: answers the OU by id, NotFoundError for an unknown id', () => {
    const t = makeTenant();
    const { A: a } = build(t, 'A');
    expect(t.getOu(a!.id)).toMatchObject({ id: a!.id, name: 'A', path: '/A' });
    expect(() => t.getOu('nope')).toThrow(NotFoundError);
  });

  it('OU-G2: children are the direct children as OUChildInfo, by lower-cased name, each with children: []', () => {
    const t = makeTenant();
    const made = build(t, 'Root', 'Root/beta', 'Root/Alpha', 'Root/gamma', 'Root/Alpha/Deep');
    t.addUser({ email: 'u@x.io', display_name: 'U', ou_id: made['Root/beta']!.id });
    expect(t.getOu(made.Root!.id).children).toEqual([
      { ou_id: made['Root/Alpha']!.id, name: 'Alpha', path: '/Root/Alpha', user_count: 0, children: [] },
      { ou_id: made['Root/beta']!.id, name: 'beta', path: '/Root/beta', user_count: 1, children: [] },
      { ou_id: made['Root/gamma']!.id, name: 'gamma', path: '/Root/gamma', user_count: 0, children: [] },
    ]);
    expect(t.getOu(made['Root/Alpha/Deep']!.id).children).toEqual([]);
  });

  it('OU-H6: child_ou_count counts direct children and user_count direct users, not nested ones', () => {
    const t = makeTenant();
    const made = build(t, 'A', 'A/B', 'A/C', 'A/B/D');
    t.addUser({ email: 'a@x.io', display_name: 'a', ou_id: made.A!.id });
    t.addUser({ email: 'b@x.io', display_name: 'b', ou_id: made['A/B']!.id });
    t.addUser({ email: 'd@x.io', display_name: 'd', ou_id: made['A/B/D']!.id });
    expect(t.getOu(made.A!.id)).toMatchObject({ child_ou_count: 2, user_count: 1 });
    expect(t.getOu(made['A/B']!.id)).toMatchObject({ child_ou_count: 1, user_count: 1 });
    expect(t.getOu(made['A/B/D']!.id)).toMatchObject({ child_ou_count: 0, user_count: 1 });
    expect(t.listOus({}).data.map((o) => [o.path, o.user_count])).toEqual([
      ['/A', 1], ['/A/B', 1], ['/A/B/D', 1], ['/A/C', 0],
    ]);
    expect(t.getOu(made.A!.id).children!.map((c) => c.user_count)).toEqual([1, 0]);
  });
});

describe('tree', () => {
  it('OU-R1 / OU-R2: top-level OUs with children to full depth, siblings by lower-cased name, leaves with children: []', () => {
    const t = makeTenant();
    const m = build(t, 'b', 'A', 'b/z', 'b/Y', 'b/Y/x', 'b/Y/x/w');
    const leaf = (k: string) => ({ id: m[k]!.id, name: m[k]!.name, path: `/${k}`, children: [] });
    expect(t.tree()).toEqual([
      leaf('A'),
      {
        id: m.b!.id,
        name: 'b',
        path: '/b',
        children: [
          {
            id: m['b/Y']!.id,
            name: 'Y',
            path: '/b/Y',
            children: [{ id: m['b/Y/x']!.id, name: 'x', path: '/b/Y/x', children: [leaf('b/Y/x/w')] }],
          },
          leaf('b/z'),
        ],
      },
    ]);
  });

  it('OU-R1: an empty tenant has an empty tree; a 5,000-deep chain does not overflow the stack', () => {
    const t = makeTenant();
    expect(t.tree()).toEqual([]);
    let parent: string | null = null;
    for (let i = 0; i < 5000; i++) parent = t.createOu({ name: 'n', parent_id: parent }).id;
    let depth = 0;
    for (let node: OUTreeNode | undefined = t.tree()[0]; node !== undefined; node = node.children?.[0]) depth++;
    expect(depth).toBe(5000);
  });
});

describe('tenants', () => {
  it('OU-T1: an OU id of another tenant is NotFoundError everywhere, exactly like an unknown id', () => {
    const dir = makeDirectory();
    const a = dir.createTenant('a');
    const b = dir.createTenant('b');
    const { X: x } = build(a, 'X');
    a.addUser({ email: 'u@x.io', display_name: 'U', ou_id: x!.id });
    expect(() => b.getOu(x!.id)).toThrow(NotFoundError);
    expect(() => b.updateOu(x!.id, { name: 'Y' })).toThrow(NotFoundError);
    expect(() => b.deleteOu(x!.id, 'CASCADE')).toThrow(NotFoundError);
    expect(() => b.listUsers(x!.id, {})).toThrow(NotFoundError);
    expect(() => b.createOu({ name: 'C', parent_id: x!.id })).toThrow(NotFoundError);
    expect(() => b.addUser({ email: 'v@x.io', display_name: 'V', ou_id: x!.id })).toThrow(NotFoundError);
    const { Y: y } = build(b, 'Y');
    expect(() => b.updateOu(y!.id, { parent_id: x!.id })).toThrow(NotFoundError);
    expect(b.listOus({ parent_id: x!.id }).pagination.total_items).toBe(0);
    expect(b.listOus({}).data.map((o) => o.name)).toEqual(['Y']);
    expect(a.getOu(x!.id)).toMatchObject({ name: 'X', user_count: 1 });
    expect(a.counts()).toEqual({ ous: 1, users: 1 });
  });
});
