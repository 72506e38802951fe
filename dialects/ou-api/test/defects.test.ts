/**
 * Every core-layer defect switch, proven both ways: with it off the rule holds (the healthy
 * value), with it on the behaviour breaks (the broken value). One scenario per defect.
 */
import { describe, expect, it } from 'vitest';
import { DEFECTS, type Defect } from '../../../mock/defects.ts';
import type { TestDirectory as Directory } from './helpers.ts';
import type { Tenant } from './helpers.ts';
import { build, makeDirectory, outcome, tick } from './helpers.ts';

interface Case {
  defect: Defect;
  /** Runs the scenario on a fresh tenant 'acme' of `dir` and returns what a client would observe. */
  run(t: Tenant, dir: Directory): unknown;
  healthy: unknown;
  broken: unknown;
}

const names = (t: Tenant, q: Parameters<Tenant['listOus']>[0]) => t.listOus(q).data.map((o) => o.name);
const user = (t: Tenant, email: string, ouId: string | null) => t.addUser({ email, display_name: email, ou_id: ouId });

const CASES: Case[] = [
  {
    defect: 'tenant-leak',
    run: (t, dir) => {
      const other = dir.createTenant('other');
      const { X: x } = build(other, 'X');
      return outcome(() => t.getOu(x!.id));
    },
    healthy: 'NotFoundError',
    broken: 'ok',
  },
  {
    defect: 'allow-cycles',
    run: (t) => {
      const m = build(t, 'A', 'A/B');
      return outcome(() => t.updateOu(m.A!.id, { parent_id: m['A/B']!.id }));
    },
    healthy: 'ConflictError',
    broken: 'ok',
  },
  {
    defect: 'stale-descendant-paths',
    run: (t) => {
      const m = build(t, 'A', 'A/B', 'A/B/C');
      t.updateOu(m.A!.id, { name: 'X' });
      return [t.getOu(m.A!.id).path, t.getOu(m['A/B/C']!.id).path];
    },
    healthy: ['/X', '/X/B/C'],
    broken: ['/X', '/A/B/C'],
  },
  {
    defect: 'case-sensitive-siblings',
    run: (t) => {
      build(t, 'Sales');
      return outcome(() => t.createOu({ name: 'sales' }));
    },
    healthy: 'ConflictError',
    broken: 'ok',
  },
  {
    defect: 'ascii-case-siblings',
    run: (t) => {
      build(t, 'Ärzte', 'Sales');
      return [outcome(() => t.createOu({ name: 'ärzte' })), outcome(() => t.createOu({ name: 'sales' }))];
    },
    healthy: ['ConflictError', 'ConflictError'],
    broken: ['ok', 'ConflictError'],
  },
  {
    defect: 'accept-blank-name',
    run: (t) => outcome(() => t.createOu({ name: '   ' })),
    healthy: 'ValidationError',
    broken: 'ok',
  },
  {
    defect: 'count-nested-users',
    run: (t) => {
      const m = build(t, 'A', 'A/B');
      user(t, 'b@x.io', m['A/B']!.id);
      return t.getOu(m.A!.id).user_count;
    },
    healthy: 0,
    broken: 1,
  },
  {
    defect: 'wrong-child-count',
    run: (t) => t.getOu(build(t, 'A', 'A/B', 'A/B/C').A!.id).child_ou_count,
    healthy: 1,
    broken: 2,
  },
  {
    defect: 'non-atomic-move-up',
    run: (t) => {
      const m = build(t, 'P', 'P/O', 'P/O/alpha', 'P/O/zeta', 'P/zeta');
      return [outcome(() => t.deleteOu(m['P/O']!.id, 'MOVE_UP')), names(t, { parent_id: m.P!.id })];
    },
    healthy: ['ConflictError', ['O', 'zeta']],
    broken: ['ConflictError', ['alpha', 'O', 'zeta']],
  },
  {
    defect: 'default-per-page-10',
    run: (t) => t.listOus({}).pagination.per_page,
    healthy: 20,
    broken: 10,
  },
  {
    defect: 'total-pages-floor',
    run: (t) => {
      build(t, 'A', 'B', 'C');
      return t.listOus({ per_page: 2 }).pagination.total_pages;
    },
    healthy: 2,
    broken: 1,
  },
  {
    defect: 'past-last-page-404',
    run: (t) => {
      build(t, 'A');
      return outcome(() => t.listOus({ page: 2 }));
    },
    healthy: 'ok',
    broken: 'NotFoundError',
  },
  {
    defect: 'overlapping-pages',
    run: (t) => {
      build(t, 'A', 'B', 'C');
      return names(t, { page: 2, per_page: 2 });
    },
    healthy: ['C'],
    broken: ['B', 'C'],
  },
  {
    defect: 'search-case-sensitive',
    run: (t) => {
      build(t, 'Engineering');
      return names(t, { search: 'engi' });
    },
    healthy: ['Engineering'],
    broken: [],
  },
  {
    defect: 'search-ascii-case',
    run: (t) => {
      build(t, 'Ärzte', 'Engineering');
      return [names(t, { search: 'ärz' }), names(t, { search: 'engi' })];
    },
    healthy: [['Ärzte'], ['Engineering']],
    broken: [[], ['Engineering']],
  },
  {
    defect: 'search-as-regex',
    run: (t) => {
      build(t, 'a.b', 'axb');
      return names(t, { search: 'a.b' });
    },
    healthy: ['a.b'],
    broken: ['a.b', 'axb'],
  },
  {
    defect: 'parent-filter-nested',
    run: (t) => names(t, { parent_id: build(t, 'A', 'A/B', 'A/B/C').A!.id }),
    healthy: ['B'],
    broken: ['B', 'C'],
  },
  {
    defect: 'list-top-level-only',
    run: (t) => {
      build(t, 'A', 'A/B');
      return names(t, {});
    },
    healthy: ['A', 'B'],
    broken: ['A'],
  },
  {
    defect: 'create-sets-updated-at',
    run: (t) => t.createOu({ name: 'A' }).updated_at,
    healthy: null,
    broken: tick(0),
  },
  {
    defect: 'create-unknown-parent-top-level',
    run: (t) => outcome(() => t.createOu({ name: 'A', parent_id: 'nope' })),
    healthy: 'NotFoundError',
    broken: 'ok',
  },
  {
    defect: 'custom-attributes-proto-lost',
    run: (t) => {
      const made = t.createOu({ name: 'A', custom_attributes: JSON.parse('{"__proto__": {"x": 1}, "k": 1}') });
      return Object.keys(t.getOu(made.id).custom_attributes!);
    },
    healthy: ['__proto__', 'k'],
    broken: ['k'],
  },
  {
    defect: 'tree-depth-2',
    run: (t) => {
      build(t, 'A', 'A/B', 'A/B/C');
      return t.tree()[0]!.children![0]!.children!.map((n) => n.name);
    },
    healthy: ['C'],
    broken: [],
  },
  {
    defect: 'get-unknown-crash',
    run: (t) => outcome(() => t.getOu('nope')),
    healthy: 'NotFoundError',
    broken: 'TypeError',
  },
  {
    defect: 'patch-null-ignored',
    run: (t) => t.updateOu(t.createOu({ name: 'A', description: 'd' }).id, { description: null }).description,
    healthy: null,
    broken: 'd',
  },
  {
    defect: 'no-updated-at',
    run: (t) => t.updateOu(t.createOu({ name: 'A' }).id, { description: 'x' }).updated_at,
    healthy: tick(1),
    broken: null,
  },
  {
    defect: 'updated-at-set-once',
    run: (t) => {
      const id = t.createOu({ name: 'A' }).id;
      t.updateOu(id, { description: 'x' });
      return t.updateOu(id, { description: 'y' }).updated_at;
    },
    healthy: tick(2),
    broken: tick(1),
  },
  {
    defect: 'default-strategy-cascade',
    run: (t) => outcome(() => t.deleteOu(build(t, 'A', 'A/B').A!.id)),
    healthy: 'ConflictError',
    broken: 'ok',
  },
  {
    defect: 'block-ignores-users',
    run: (t) => {
      const { A: a } = build(t, 'A');
      user(t, 'a@x.io', a!.id);
      return outcome(() => t.deleteOu(a!.id, 'BLOCK'));
    },
    healthy: 'ConflictError',
    broken: 'ok',
  },
  {
    defect: 'move-up-drops-users',
    run: (t) => {
      const m = build(t, 'P', 'P/O');
      user(t, 'o@x.io', m['P/O']!.id);
      t.deleteOu(m['P/O']!.id, 'MOVE_UP');
      return t.listUsers(m.P!.id, {}).pagination.total_items;
    },
    healthy: 1,
    broken: 0,
  },
  {
    defect: 'cascade-deletes-users',
    run: (t) => {
      const m = build(t, 'P', 'P/O');
      user(t, 'o@x.io', m['P/O']!.id);
      t.deleteOu(m['P/O']!.id, 'CASCADE');
      return t.counts().users;
    },
    healthy: 1,
    broken: 0,
  },
  {
    defect: 'stale-parent-counts',
    run: (t) => {
      const m = build(t, 'P', 'P/O');
      t.deleteOu(m['P/O']!.id);
      return t.getOu(m.P!.id).child_ou_count;
    },
    healthy: 0,
    broken: 1,
  },
  {
    defect: 'delete-unknown-204',
    run: (t) => outcome(() => t.deleteOu('nope')),
    healthy: 'NotFoundError',
    broken: 'ok',
  },
  {
    defect: 'users-total-pages-floor',
    run: (t) => {
      const { A: a } = build(t, 'A');
      for (const e of ['a@x.io', 'b@x.io', 'c@x.io']) user(t, e, a!.id);
      return t.listUsers(a!.id, { per_page: 2 }).pagination.total_pages;
    },
    healthy: 2,
    broken: 1,
  },
  {
    defect: 'include-nested-ignored',
    run: (t) => {
      const m = build(t, 'A', 'A/B');
      user(t, 'b@x.io', m['A/B']!.id);
      return t.listUsers(m.A!.id, { include_nested: true }).pagination.total_items;
    },
    healthy: 1,
    broken: 0,
  },
  {
    defect: 'users-unknown-ou-empty',
    run: (t) => outcome(() => t.listUsers('nope', {})),
    healthy: 'NotFoundError',
    broken: 'ok',
  },
];

function observe(c: Case, on: boolean): unknown {
  const dir = makeDirectory(on ? [c.defect] : []);
  return c.run(dir.createTenant('acme'), dir);
}

describe('core defect switches', () => {
  it('every core-layer defect has exactly one case here, and every case is a core-layer defect', () => {
    const core = Object.entries(DEFECTS)
      .filter(([, d]) => d.layer === 'core')
      .map(([name]) => name)
      .sort();
    expect(CASES.map((c) => c.defect).sort()).toEqual(core);
  });

  describe.each(CASES.map((c) => [`${c.defect} (${DEFECTS[c.defect].rule})`, c] as const))('%s', (_title, c) => {
    it('off: the rule holds', () => {
      expect(observe(c, false)).toEqual(c.healthy);
    });
    it('on: the behaviour breaks as described', () => {
      expect(c.broken).not.toEqual(c.healthy);
      expect(observe(c, true)).toEqual(c.broken);
    });
  });
});
