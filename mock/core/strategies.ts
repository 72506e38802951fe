/**
 * The delete modes (OU-D1..D4; `force` for dialects that delete users too). `checkDelete` finds
 * every refusal before anything changes, so a refused delete leaves the tenant as it was
 * (OU-E5); `deleteWith` then applies the mode.
 */
import type { Defects } from '../defects.ts';
import type { DeleteStrategy } from './dto.ts';
import { DomainError, ValidationError } from './errors.ts';
import type { Hierarchy } from './hierarchy.ts';
import type { OuRecord } from './records.ts';
import type { DeleteMode } from './units.ts';
import { moveUsers } from './user-order.ts';
import type { UserIndex } from './users.ts';

export const DELETE_STRATEGIES: readonly DeleteStrategy[] = ['BLOCK', 'MOVE_UP', 'CASCADE'];

const MODE_OF: Record<DeleteStrategy, DeleteMode> = { BLOCK: 'block', MOVE_UP: 'move_up', CASCADE: 'cascade' };

/**
 * Reads the `strategy` query value as a delete mode; absent means BLOCK (OU-D1).
 *
 * @throws ValidationError at ['query', 'strategy'] for any other value.
 */
export function readStrategy(raw: unknown, defects: Defects): DeleteMode {
  // default-strategy-cascade defect (OU-D1): no strategy given means CASCADE.
  if (raw === undefined) return defects.has('default-strategy-cascade') ? 'cascade' : 'block';
  if (typeof raw === 'string' && Object.hasOwn(MODE_OF, raw)) return MODE_OF[raw as DeleteStrategy];
  throw ValidationError.field(['query', 'strategy'], "Input should be 'BLOCK', 'MOVE_UP' or 'CASCADE'", 'enum');
}

export interface DeleteScope {
  ous: Hierarchy;
  users: UserIndex;
  defects: Defects;
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
export function checkDelete({ ous, defects }: DeleteScope, rec: OuRecord, mode: DeleteMode): void {
  const guarded = removedBy(ous, rec, mode).find((r) => r.fields.protected);
  if (guarded !== undefined) {
    throw new DomainError('conflict', 'protected', `OU "${guarded.path}" is protected against deletion`, 'id');
  }
  if (mode === 'block') {
    if (rec.children.size > 0) {
      throw new DomainError('conflict', 'has_children', `OU "${rec.path}" has ${rec.children.size} child OU(s)`, 'id');
    }
    // block-ignores-users defect (OU-D2): users do not stop the delete (deleteWith unassigns them).
    if (rec.users.length > 0 && !defects.has('block-ignores-users')) {
      throw new DomainError('conflict', 'has_users', `OU "${rec.path}" has ${rec.users.length} user(s)`, 'id');
    }
  }
  // non-atomic-move-up defect (OU-E5): clashes are found only while moving, one child at a time.
  if (mode === 'move_up' && !defects.has('non-atomic-move-up')) {
    for (const child of rec.children.values()) assertFree(ous, rec.parent, child, rec);
  }
}

/** Deletes `rec` with `mode` after checkDelete passed; returns the OUs and users removed. */
export function deleteWith(scope: DeleteScope, rec: OuRecord, mode: DeleteMode): { ous: OuRecord[]; userIds: string[] } {
  checkDelete(scope, rec, mode);
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
function block({ ous, defects }: DeleteScope, rec: OuRecord): OuRecord[] {
  // block-ignores-users defect (OU-D2): an OU that still has users is deleted; they end unassigned.
  if (defects.has('block-ignores-users')) moveUsers(rec, null);
  ous.detach(rec);
  ous.drop([rec]);
  return [rec];
}

/** OU-D3: child OUs (with subtrees) and users move to the parent. */
function moveUp({ ous, defects }: DeleteScope, rec: OuRecord): OuRecord[] {
  const parent = rec.parent;
  if (defects.has('non-atomic-move-up')) {
    // non-atomic-move-up defect (OU-E5): each child moves before the next is checked.
    for (const child of Array.from(rec.children.values())) {
      assertFree(ous, parent, child);
      ous.relocate(child, parent, child.name);
    }
  }
  // Out of the parent's group first: a child may take the deleted OU's own name.
  ous.detach(rec);
  ous.moveChildren(rec, parent);
  // move-up-drops-users defect (OU-D3): the users end unassigned instead of in the parent.
  moveUsers(rec, defects.has('move-up-drops-users') ? null : parent);
  ous.drop([rec]);
  return [rec];
}

/** OU-D4: the whole subtree goes; every user in it moves to the OU's parent, none is deleted. */
function cascade({ ous, users, defects }: DeleteScope, rec: OuRecord): OuRecord[] {
  const removed = ous.subtree(rec);
  for (const r of removed) {
    // cascade-deletes-users defect (OU-D4): the subtree's users are deleted with it.
    if (defects.has('cascade-deletes-users')) users.removeAll(r);
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
