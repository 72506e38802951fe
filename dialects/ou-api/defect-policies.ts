/**
 * The OU API's test-only defect switches that change domain behaviour, as core Policies
 * (mock/core/policies.ts): the core stays free of defect names; a Directory built with these
 * policies misbehaves in exactly the switched ways. State a defect needs (the children
 * stale-parent-counts keeps counting) lives here, per policies object.
 */
import { DEFAULT_POLICIES, type Policies, type PolicyUnit } from '../../mock/core/index.ts';
import type { Defect, Defects } from '../../mock/defects.ts';

/** Every unit below `unit` (not itself). */
function descendants(unit: PolicyUnit): number {
  let n = 0;
  for (const child of unit.children.values()) n += 1 + descendants(child);
  return n;
}

/** Lower-cases A-Z only, as SQLite's NOCASE, `lower()` and `LIKE` do: other letters keep their case. */
export function asciiFold(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Users of `unit` and every unit below it. */
function subtreeUsers(unit: PolicyUnit): number {
  let n = unit.users.length;
  for (const child of unit.children.values()) n += subtreeUsers(child);
  return n;
}

/**
 * The policies of the core defects that are on; DEFAULT_POLICIES when none is.
 *
 * @example
 * new Directory({ policies: defectPolicies(new Set(['case-sensitive-siblings'])) });
 */
export function defectPolicies(defects: Defects): Policies {
  const on = (d: Defect): boolean => defects.has(d);
  if (![...defects].some((d) => DOMAIN_DEFECTS.has(d))) return DEFAULT_POLICIES;
  // stale-parent-counts defect (OU-D5): deleted children a parent keeps counting.
  const stale = new WeakMap<PolicyUnit, number>();
  const d = DEFAULT_POLICIES;
  return {
    // case-sensitive-siblings defect (OU-H4): "Sales" and "sales" become different keys;
    // ascii-case-siblings: "Sales" and "sales" clash, "Ärzte" and "ärzte" do not.
    siblingKey: on('case-sensitive-siblings') ? (name) => name : on('ascii-case-siblings') ? asciiFold : d.siblingKey,
    // accept-blank-name defect (OU-H5): a white-space-only name slips through as given.
    blankName: on('accept-blank-name') ? (raw) => raw : d.blankName,
    childCount: (unit) => {
      // wrong-child-count defect (OU-H6): counts every descendant.
      if (on('wrong-child-count')) return descendants(unit);
      return d.childCount(unit) + (stale.get(unit) ?? 0);
    },
    // count-nested-users defect (OU-H6): counts the users of the whole subtree.
    userCount: on('count-nested-users') ? subtreeUsers : d.userCount,
    childDeleted: on('stale-parent-counts') ? (parent) => void stale.set(parent, (stale.get(parent) ?? 0) + 1) : d.childDeleted,
    // create-sets-updated-at defect (OU-C1).
    createdUpdatedAt: on('create-sets-updated-at') ? (now) => now : d.createdUpdatedAt,
    // no-updated-at defect (OU-U3); updated-at-set-once: the first update's stamp stays.
    updatedUpdatedAt: on('no-updated-at') ? (_now, before) => before : on('updated-at-set-once') ? (now, before) => before ?? now() : d.updatedUpdatedAt,
    // allow-cycles defect (OU-U2): the move is accepted by relinking the parent only, leaving a cycle.
    moveIntoSubtree: on('allow-cycles') ? 'relink' : d.moveIntoSubtree,
    // stale-descendant-paths defect (OU-H3): only the OU itself gets its new path.
    repath: on('stale-descendant-paths') ? 'unit' : d.repath,
    deleteSteps: {
      // block-ignores-users defect (OU-D2): an OU that still has users is deleted; they end unassigned.
      blockWithUsers: on('block-ignores-users') ? 'unassign' : d.deleteSteps.blockWithUsers,
      // non-atomic-move-up defect (OU-E5): each child moves before the next is checked.
      moveUpCheck: on('non-atomic-move-up') ? 'each_while_moving' : d.deleteSteps.moveUpCheck,
      // move-up-drops-users defect (OU-D3): the users end unassigned instead of in the parent.
      moveUpUsers: on('move-up-drops-users') ? 'unassigned' : d.deleteSteps.moveUpUsers,
      // cascade-deletes-users defect (OU-D4): the subtree's users are deleted with it.
      cascadeUsers: on('cascade-deletes-users') ? 'deleted' : d.deleteSteps.cascadeUsers,
    },
  };
}

/** The defects defectPolicies turns into policies; the others are honoured by the OU API layer (operations.ts, inputs.ts). */
const DOMAIN_DEFECTS: ReadonlySet<Defect> = new Set<Defect>([
  'case-sensitive-siblings',
  'ascii-case-siblings',
  'accept-blank-name',
  'wrong-child-count',
  'count-nested-users',
  'stale-parent-counts',
  'create-sets-updated-at',
  'no-updated-at',
  'updated-at-set-once',
  'allow-cycles',
  'stale-descendant-paths',
  'block-ignores-users',
  'non-atomic-move-up',
  'move-up-drops-users',
  'cascade-deletes-users',
]);
