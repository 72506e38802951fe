/**
 * The step kinds of a sequence, as data, and their generators. References to OUs are
 * indexes into the sequence's live OUs (resolved when the step runs), so any generated
 * sequence, and any shrunk one, can run.
 */
import fc from 'fast-check';
import { anyName, searchSpec, validName } from './names.ts';
import type { NameSpec, SearchSpec } from './names.ts';

/** An OU a step names in a path or in `parent_id`. */
export type IdRef =
  | { kind: 'ou'; ref: number }
  | { kind: 'container' }
  | { kind: 'unknown' }
  | { kind: 'other' }
  | { kind: 'deleted'; ref: number };

/** Where a create puts the new OU. */
export type ParentRef = { kind: 'top' } | IdRef;

/** Where a PATCH moves an OU: also under itself or one of its descendants (OU-U2). */
export type MoveRef = ParentRef | { kind: 'self' } | { kind: 'descendant'; ref: number };

/** Which OUs a list spans: the whole tenant (search then carries the tag) or one parent's children. */
export type ScopeRef = { kind: 'global' } | IdRef;

export type PageSpec = number | 'absent' | 'last' | 'past' | 'x';
export type PerPageSpec = number | 'absent' | 'divisor' | 'total' | 'x';
export type Strategy = 'BLOCK' | 'MOVE_UP' | 'CASCADE' | 'absent' | 'bogus' | 'block';
export type Op = 'list' | 'get' | 'tree' | 'users' | 'create' | 'patch' | 'delete';

export type Spec =
  | { kind: 'create'; parent: ParentRef; name: NameSpec; description?: string | null; attrs?: number | null; users?: number }
  /** An OU with 2 to 4 children (names prone to clash), a grandchild, and users in it and its first child. */
  | { kind: 'family'; parent: ParentRef; names: NameSpec[]; grandchild: NameSpec; users: boolean }
  /** MOVE_UP of an OU one of whose children (not necessarily the first) clashes with a sibling of the OU. */
  | { kind: 'moveUpClash'; parent: ParentRef; names: NameSpec[]; clash: number }
  /** A deep chain (4 to 6 levels), with users in one of its OUs. */
  | { kind: 'chain'; parent: ParentRef; names: NameSpec[]; userAt: number }
  | { kind: 'patch'; target: IdRef; name?: NameSpec | null; parent?: MoveRef; description?: string | null; attrs?: number | null }
  | { kind: 'delete'; target: IdRef; strategy: Strategy }
  | { kind: 'user'; target: IdRef }
  | { kind: 'list'; scope: ScopeRef; search?: SearchSpec; page: PageSpec; perPage: PerPageSpec }
  | { kind: 'walk'; scope: ScopeRef; search?: SearchSpec; perPage: PerPageSpec }
  | { kind: 'users'; target: IdRef; nested?: boolean; page: PageSpec; perPage: PerPageSpec }
  | { kind: 'usersWalk'; target: IdRef; nested?: boolean; perPage: PerPageSpec }
  | { kind: 'get'; target: IdRef }
  | { kind: 'tree' }
  /** `refused`: every credential that must get 401 (none, malformed, alg:none, wrong key, tampered, expired) in turn. */
  | { kind: 'auth'; variant: 'refused' | 'readonly' | 'otherToken' | 'otherPath'; op: Op; ref: number };

/** Mostly one of the newest OUs (where the structure just grew), sometimes any. */
const ref = fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 3 }) }, { weight: 2, arbitrary: fc.nat({ max: 40 }) });
const ou: fc.Arbitrary<IdRef> = ref.map((r) => ({ kind: 'ou' as const, ref: r }));
/** Any OU alike: reads aim at inner OUs as often as at leaves. */
const anyOu: fc.Arbitrary<IdRef> = fc.nat({ max: 40 }).map((r) => ({ kind: 'ou' as const, ref: r }));

/** Mostly the sequence's own OUs; sometimes an unknown, deleted or other tenant's id. */
const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 12, arbitrary: ou },
  { weight: 1, arbitrary: fc.constant<IdRef>({ kind: 'unknown' }) },
  { weight: 1, arbitrary: fc.constant<IdRef>({ kind: 'other' }) },
  { weight: 1, arbitrary: ref.map((r): IdRef => ({ kind: 'deleted', ref: r })) },
);
const readRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 4, arbitrary: anyOu },
  { weight: 2, arbitrary: fc.constant<IdRef>({ kind: 'container' }) },
  { weight: 2, arbitrary: idRef.filter((r) => r.kind !== 'ou') },
);
const parentRef: fc.Arbitrary<ParentRef> = fc.oneof(
  { weight: 8, arbitrary: ou },
  { weight: 3, arbitrary: fc.constant<ParentRef>({ kind: 'container' }) },
  { weight: 2, arbitrary: fc.constant<ParentRef>({ kind: 'top' }) },
  { weight: 2, arbitrary: idRef.filter((r) => r.kind !== 'ou') },
);
const moveRef: fc.Arbitrary<MoveRef> = fc.oneof(
  { weight: 6, arbitrary: parentRef },
  { weight: 1, arbitrary: fc.constant<MoveRef>({ kind: 'self' }) },
  { weight: 2, arbitrary: ref.map((r): MoveRef => ({ kind: 'descendant', ref: r })) },
);
const description = fc.constantFrom<string | null>(null, null, null, '', 'plain', '  padded  ', 'multi\nline', 'Ω % _ *');
/** New OUs mostly carry a description, so that a later PATCH to null or to another value shows. */
const createDescription = fc.constantFrom<string | null>(null, 'plain', '  padded  ', 'multi\nline', 'Ω % _ *');
const attrs = fc.oneof(fc.constant(null), fc.nat({ max: 5 }));
const page: fc.Arbitrary<PageSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<PageSpec>(1, 2, 'absent', 'last', 'past') },
  { weight: 1, arbitrary: fc.constantFrom<PageSpec>(1000, 0, -1, 'x') },
);
const perPage: fc.Arbitrary<PerPageSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom<PerPageSpec>(1, 2, 3, 'divisor', 'total', 100, 'absent') },
  { weight: 1, arbitrary: fc.constantFrom<PerPageSpec>(0, 101, 'x') },
);
const walkPerPage = fc.constantFrom<PerPageSpec>(1, 2, 3, 'divisor', 'total', 100, 'absent');
const scope: fc.Arbitrary<ScopeRef> = fc.oneof({ weight: 2, arbitrary: fc.constant<ScopeRef>({ kind: 'global' }) }, { weight: 3, arbitrary: readRef });
// freq n: absent once in n.
const search = fc.option(searchSpec, { nil: undefined, freq: 2 });
const nested = fc.constantFrom(true, false);

/** Optional keys generated as absent (not `undefined`), so bodies hold only what the spec says. */
function withOptional(base: fc.Arbitrary<object>, optional: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Spec> {
  return fc.tuple(base, fc.record(optional, { requiredKeys: [] })).map(([b, o]) => ({ ...b, ...o }) as Spec);
}

const patchName = fc.oneof({ weight: 8, arbitrary: anyName }, { weight: 1, arbitrary: fc.constant(null) });
/** One field (rename, move, description, attributes) or several at once, nulls included. */
const patchFields = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(patchName.map((name) => ({ name })), moveRef.map((parent) => ({ parent })), description.map((d) => ({ description: d })), attrs.map((a) => ({ attrs: a }))) },
  {
    weight: 2,
    arbitrary: fc.record({ name: patchName, parent: moveRef, description, attrs }, { requiredKeys: [] }).filter((f) => Object.keys(f).length > 1),
  },
);

function familyOf(parent: fc.Arbitrary<ParentRef>): fc.Arbitrary<Spec> {
  return fc.record({ kind: fc.constant('family' as const), parent, names: fc.array(validName, { minLength: 3, maxLength: 5 }), grandchild: validName, users: fc.boolean() });
}

/** A structure to start a sequence from (shrinks away when the divergence does not need it). */
export const SCAFFOLD: fc.Arbitrary<Spec | undefined> = fc.option(familyOf(fc.constant<ParentRef>({ kind: 'container' })), { nil: undefined, freq: 4 });

/** Every step kind with its weight: writes and reads balanced so that state grows and is read back often. */
export const SPECS: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 8, arbitrary: withOptional(fc.record({ kind: fc.constant('create' as const), parent: parentRef, name: anyName, description: createDescription }), { attrs, users: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 3, arbitrary: familyOf(fc.oneof(parentRef, fc.constant<ParentRef>({ kind: 'top' }))) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('chain' as const),
      parent: fc.oneof(parentRef, fc.constant<ParentRef>({ kind: 'top' })),
      names: fc.array(validName, { minLength: 4, maxLength: 6 }),
      userAt: fc.nat({ max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('moveUpClash' as const), parent: parentRef, names: fc.array(validName, { minLength: 2, maxLength: 4 }), clash: fc.nat({ max: 3 }) }),
  },
  { weight: 4, arbitrary: fc.tuple(fc.oneof({ weight: 3, arbitrary: idRef }, { weight: 3, arbitrary: anyOu }, { weight: 1, arbitrary: fc.constant<IdRef>({ kind: 'container' }) }), patchFields).map(([target, f]): Spec => ({ kind: 'patch', target, ...f })) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      target: fc.oneof(idRef, anyOu),
      strategy: fc.constantFrom<Strategy>('BLOCK', 'MOVE_UP', 'MOVE_UP', 'CASCADE', 'absent', 'absent', 'bogus', 'block'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('user' as const), target: fc.oneof(ou, fc.constant<IdRef>({ kind: 'container' })) }) },
  { weight: 3, arbitrary: withOptional(fc.record({ kind: fc.constant('list' as const), scope, page, perPage }), { search }) },
  { weight: 1, arbitrary: withOptional(fc.record({ kind: fc.constant('walk' as const), scope, perPage: walkPerPage }), { search }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('users' as const), target: readRef, page, perPage, nested }, { requiredKeys: ['kind', 'target', 'page', 'perPage'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('usersWalk' as const), target: readRef, perPage: walkPerPage, nested }, { requiredKeys: ['kind', 'target', 'perPage'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('get' as const), target: readRef }) },
  { weight: 1, arbitrary: fc.constant<Spec>({ kind: 'tree' }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('auth' as const),
      variant: fc.constantFrom('refused' as const, 'readonly' as const, 'otherToken' as const, 'otherPath' as const),
      op: fc.constantFrom<Op>('list', 'get', 'tree', 'users', 'create', 'patch', 'delete'),
      ref,
    }),
  },
);
