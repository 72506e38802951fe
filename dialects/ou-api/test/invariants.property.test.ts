/**
 * Random sequences of create, rename, move, delete (each strategy), add-user, remove-user and
 * export/import keep every invariant after every step (OU-H1..H4, OU-H6, OU-E5, OU-D3, OU-D4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TestDirectory as Directory } from './helpers.ts';
import type { DeleteStrategy } from '../dto.ts';
import { OuError } from '../../../mock/http/typed-errors.ts';
import type { Tenant } from './helpers.ts';
import { makeDirectory, violations } from './helpers.ts';

type Op =
  | { kind: 'create'; parent: number | null; name: string }
  | { kind: 'rename'; target: number; name: string }
  | { kind: 'move'; target: number; parent: number | null; name: string | null }
  | { kind: 'delete'; target: number; strategy: DeleteStrategy | undefined }
  | { kind: 'addUser'; ou: number | null }
  | { kind: 'removeUser'; user: number }
  | { kind: 'reload' };

// Few names with case variants, so sibling clashes are frequent; two are invalid.
const name = fc.constantFrom('a', 'A', 'b', 'B', 'Ops', 'ops', ' ops ', 'x y', '  ', 'a/b');
const index = fc.nat({ max: 40 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), parent: fc.option(index), name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), target: index, name }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), target: index, parent: fc.option(index), name: fc.option(name) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      target: index,
      strategy: fc.constantFrom<DeleteStrategy | undefined>(undefined, 'BLOCK', 'MOVE_UP', 'CASCADE'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('addUser' as const), ou: fc.option(index) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeUser' as const), user: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reload' as const) }) },
);

function pick<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

/**
 * Applies one op; ids are picked from the live state so most ops hit real OUs and users.
 * For a delete, returns the deleted OU's parent: where its users must end up (OU-D3, OU-D4).
 */
function apply(dir: Directory, t: Tenant, o: Op, serial: number): { parentOfDeleted: string | null } | undefined {
  const snap = t.toSnapshot();
  const ou = (i: number | null) => (i === null ? null : (pick(snap.ous, i)?.id ?? null));
  switch (o.kind) {
    case 'create':
      t.createOu({ name: o.name, parent_id: ou(o.parent) });
      return;
    case 'rename':
      t.updateOu(ou(o.target) ?? 'missing', { name: o.name });
      return;
    case 'move':
      t.updateOu(ou(o.target) ?? 'missing', { parent_id: ou(o.parent), ...(o.name === null ? {} : { name: o.name }) });
      return;
    case 'delete': {
      const target = ou(o.target);
      t.deleteOu(target ?? 'missing', o.strategy);
      return { parentOfDeleted: snap.ous.find((x) => x.id === target)!.parent_id };
    }
    case 'addUser':
      t.addUser({ email: `user${serial}@x.io`, display_name: `U${serial}`, ou_id: ou(o.ou) });
      return;
    case 'removeUser':
      t.removeUser(pick(snap.users, o.user)?.id ?? 'missing');
      return;
    case 'reload':
      // Export then import must give the same state back (the snapshot format is lossless).
      dir.loadTenant(JSON.parse(JSON.stringify(snap)) as typeof snap);
      expect(t.toSnapshot()).toEqual(snap);
      return;
  }
}

describe('invariants under random operations (property)', () => {
  it('OU-H1 / OU-H2 / OU-H3 / OU-H4 / OU-H6 / OU-E5: every step keeps the forest, paths, counts and names right; no delete loses or misplaces a user', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 35, size: 'max' }), (ops) => {
        const dir = makeDirectory();
        const t = dir.createTenant('acme');
        ops.forEach((o, serial) => {
          const before = t.toSnapshot();
          let failed: unknown;
          let deleted: ReturnType<typeof apply>;
          try {
            deleted = apply(dir, t, o, serial);
          } catch (e) {
            failed = e;
          }
          const after = t.toSnapshot();
          if (failed !== undefined) {
            // Only typed errors, and a failed call changes nothing (OU-E5).
            expect(failed).toBeInstanceOf(OuError);
            expect(after).toEqual(before);
          }
          if (deleted !== undefined) {
            // No user is lost; users of deleted OUs sit in the deleted OU's parent, others stay put.
            const live = new Set(after.ous.map((x) => x.id));
            const expected = before.users.map((u) => ({
              ...u,
              ou_id: u.ou_id === null || live.has(u.ou_id) ? u.ou_id : deleted.parentOfDeleted,
            }));
            expect(after.users).toEqual(expected);
          }
          expect(violations(t)).toEqual([]);
        });
      }),
      { numRuns: 150 },
    );
  });
});
