/**
 * Policies: the points where a test-only variant of the domain rules plugs into the core (the
 * defect switches build theirs in dialects/ou-api/defect-policies.ts). The core calls only
 * these hooks; DEFAULT_POLICIES are the rules. A Directory takes one Policies object for all
 * its tenants; state a variant needs lives in its own object, never in the core's records.
 */

/** A unit as a policy may read it: its direct children and users (an OuRecord, read-only). */
export interface PolicyUnit {
  readonly children: ReadonlyMap<string, PolicyUnit>;
  readonly users: ReadonlyArray<unknown>;
}

/** What happens to the users and children of a deleted unit, step by step. */
export interface DeleteSteps {
  /** `block` on a unit that still has users: refuse (the rule) or delete it and unassign them. */
  blockWithUsers: 'refuse' | 'unassign';
  /** `move_up`: check every child's name at the parent first (the rule), or check each while moving. */
  moveUpCheck: 'all_first' | 'each_while_moving';
  /** `move_up`: the users go to the parent (the rule) or end unassigned. */
  moveUpUsers: 'parent' | 'unassigned';
  /** `cascade`: the subtree's users go to the parent (the rule) or are deleted. */
  cascadeUsers: 'parent' | 'deleted';
}

export interface Policies {
  /** Key of a name in its sibling group; names are unique per parent under it (case-insensitive). */
  siblingKey(name: string): string;
  /** The name stored for `raw` that is blank after trimming, or undefined to refuse it (the rule). */
  blankName(raw: string): string | undefined;
  /** The child count a view reports (direct children). */
  childCount(unit: PolicyUnit): number;
  /** The user count a view reports (users directly in the unit). */
  userCount(unit: PolicyUnit): number;
  /** Called after a child of `parent` was deleted. */
  childDeleted(parent: PolicyUnit): void;
  /** `updatedAt` of a new unit created at `now` (null: never updated). */
  createdUpdatedAt(now: string): string | null;
  /** `updatedAt` after an update: `now()` (the rule); `before` keeps the old stamp. */
  updatedUpdatedAt(now: () => string, before: string | null): string | null;
  /** A move under the unit's own subtree: refused (the rule) or relinked, leaving a cycle. */
  moveIntoSubtree: 'refuse' | 'relink';
  /** Which units get a new path on rename/move: the whole subtree (the rule) or the unit only. */
  repath: 'subtree' | 'unit';
  deleteSteps: DeleteSteps;
}

/** The domain rules (OU-H3..H6, OU-C1, OU-U2, OU-U3, OU-D2..D5, OU-E5). */
export const DEFAULT_POLICIES: Policies = Object.freeze({
  siblingKey: (name: string) => name.toLowerCase(),
  blankName: () => undefined,
  childCount: (unit: PolicyUnit) => unit.children.size,
  userCount: (unit: PolicyUnit) => unit.users.length,
  childDeleted: () => undefined,
  createdUpdatedAt: () => null,
  updatedUpdatedAt: (now: () => string) => now(),
  moveIntoSubtree: 'refuse',
  repath: 'subtree',
  deleteSteps: Object.freeze({ blockWithUsers: 'refuse', moveUpCheck: 'all_first', moveUpUsers: 'parent', cascadeUsers: 'parent' }),
});
