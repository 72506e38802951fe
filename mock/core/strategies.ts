/**
 * The delete modes (OU-D2..D4; `force` for dialects that delete users too). `checkDelete` finds
 * every refusal before anything changes, so a refused delete leaves the tenant as it was
 * (OU-E5); `deleteWith` then applies the mode.
 */
import { DomainError } from './errors.ts';
import type { Hierarchy } from './hierarchy.ts';
import type { Policies } from './policies.ts';
import type { OuRecord } from './records.ts';
import type { DeleteMode } from './units.ts';
import { moveUsers } from './user-order.ts';
import type { UserIndex } from './users.ts';

export interface DeleteScope {
  ous: Hierarchy;
  users: UserIndex;
  policies: Policies;
}

/** The units a delete removes, the target first, parents before children. */
export function removedBy(ous: Hierarchy, rec: OuRecord, mode: DeleteMode): OuRecord[] {
  return mode === 'cascade' || mode === 'force' ? ous.subtree(rec) : [rec];
}

/**
 * Every refusal of deleting `rec` with `mode`, without changing anything: a protected unit
 * among those removed; BLOCK on a unit with children or users (OU-D2); MOVE_UP when a child's
 * name is taken at the parent (OU-D3).
 *
 * @throws DomainError `conflict` (protected, has_children, has_users, name_taken).
 */
export function checkDelete({ ous, policies }: DeleteScope, rec: OuRecord, mode: DeleteMode): void {
  const guarded = removedBy(ous, rec, mode).find((r) => r.fields.protected);
  if (guarded !== undefined) {
    throw new DomainError('conflict', 'protected', `OU "${guarded.path}" is protected against deletion`, 'id');
  }
  if (mode === 'block') {
    if (rec.children.size > 0) {
      throw new DomainError('conflict', 'has_children', `OU "${rec.path}" has ${rec.children.size} child OU(s)`, 'id');
    }
    if (rec.users.length > 0 && policies.deleteSteps.blockWithUsers === 'refuse') {
      throw new DomainError('conflict', 'has_users', `OU "${rec.path}" has ${rec.users.length} user(s)`, 'id');
    }
  }
  if (mode === 'move_up' && policies.deleteSteps.moveUpCheck === 'all_first') {
    for (const child of rec.children.values()) assertFree(ous, rec.parent, child, rec);
  }
}

/** Deletes `rec` with `mode` after checkDelete passed; returns the OUs and users removed. */
export function deleteWith(scope: DeleteScope, rec: OuRecord, mode: DeleteMode): { ous: OuRecord[]; userIds: string[] } {
  checkDelete(scope, rec, mode);
  const parent = rec.parent;
  const removed = apply(scope, rec, mode);
  if (parent !== null) scope.policies.childDeleted(parent);
  return removed;
}

function apply(scope: DeleteScope, rec: OuRecord, mode: DeleteMode): { ous: OuRecord[]; userIds: string[] } {
  switch (mode) {
    case 'block':
      return { ous: block(scope, rec), userIds: [] };
    case 'move_up':
      return { ous: moveUp(scope, rec), userIds: [] };
    case 'cascade':
      return { ous: cascade(scope, rec), userIds: [] };
    case 'force':
      return force(scope, rec);
  }
}

/** OU-D2: only an empty OU (no child OUs, no users) is deleted. */
function block({ ous }: DeleteScope, rec: OuRecord): OuRecord[] {
  // Users are left only when the policy lets BLOCK delete past them: they end unassigned.
  moveUsers(rec, null);
  ous.detach(rec);
  ous.drop([rec]);
  return [rec];
}

/** OU-D3: child OUs (with subtrees) and users move to the parent. */
function moveUp({ ous, policies }: DeleteScope, rec: OuRecord): OuRecord[] {
  const parent = rec.parent;
  const steps = policies.deleteSteps;
  if (steps.moveUpCheck === 'each_while_moving') {
    // Each child moves before the next is checked: a later clash leaves the earlier ones moved.
    for (const child of Array.from(rec.children.values())) {
      assertFree(ous, parent, child);
      ous.relocate(child, parent, child.name);
    }
  }
  // Out of the parent's group first: a child may take the deleted OU's own name.
  ous.detach(rec);
  ous.moveChildren(rec, parent);
  moveUsers(rec, steps.moveUpUsers === 'parent' ? parent : null);
  ous.drop([rec]);
  return [rec];
}

/** OU-D4: the whole subtree goes; every user in it moves to the OU's parent, none is deleted. */
function cascade({ ous, users, policies }: DeleteScope, rec: OuRecord): OuRecord[] {
  const removed = ous.subtree(rec);
  const deleteUsers = policies.deleteSteps.cascadeUsers === 'deleted';
  for (const r of removed) {
    if (deleteUsers) users.removeAll(r);
    else moveUsers(r, rec.parent);
  }
  ous.detach(rec);
  ous.drop(removed);
  return removed;
}

/** The unit, its subtree and every user in it go. */
function force({ ous, users }: DeleteScope, rec: OuRecord): { ous: OuRecord[]; userIds: string[] } {
  const removed = ous.subtree(rec);
  const userIds: string[] = [];
  for (const r of removed) {
    for (const u of r.users) userIds.push(u.id);
    users.removeAll(r);
  }
  ous.detach(rec);
  ous.drop(removed);
  return { ous: removed, userIds };
}

function assertFree(ous: Hierarchy, parent: OuRecord | null, child: OuRecord, leaving?: OuRecord): void {
  if (ous.holder(parent, child.name, leaving) !== undefined) {
    const where = parent === null ? 'the top level' : `"${parent.path}"`;
    throw new DomainError('conflict', 'name_taken', `cannot move child OU "${child.name}" up: ${where} already has an OU of that name`, 'name');
  }
}
