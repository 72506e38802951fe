/**
 * The three delete strategies (OU-D1..D4). Each checks everything before changing anything,
 * so a refused delete leaves the tenant as it was (OU-E5).
 */
import type { Defects } from '../defects.ts';
import type { DeleteStrategy } from './dto.ts';
import { ConflictError, ValidationError } from './errors.ts';
import type { Hierarchy } from './hierarchy.ts';
import type { OuRecord } from './records.ts';
import { moveUsers } from './user-order.ts';
import type { UserIndex } from './users.ts';

export const DELETE_STRATEGIES: readonly DeleteStrategy[] = ['BLOCK', 'MOVE_UP', 'CASCADE'];

/**
 * Reads the `strategy` query value; absent means BLOCK (OU-D1).
 *
 * @throws ValidationError at ['query', 'strategy'] for any other value.
 */
export function readStrategy(raw: unknown, defects: Defects): DeleteStrategy {
  // default-strategy-cascade defect (OU-D1): no strategy given means CASCADE.
  if (raw === undefined) return defects.has('default-strategy-cascade') ? 'CASCADE' : 'BLOCK';
  if (typeof raw === 'string' && (DELETE_STRATEGIES as readonly string[]).includes(raw)) return raw as DeleteStrategy;
  throw ValidationError.field(['query', 'strategy'], "Input should be 'BLOCK', 'MOVE_UP' or 'CASCADE'", 'enum');
}

export interface DeleteScope {
  ous: Hierarchy;
  users: UserIndex;
  defects: Defects;
}

/** Deletes `rec` with `strategy`; returns the OUs removed. */
export function deleteWith(scope: DeleteScope, rec: OuRecord, strategy: DeleteStrategy): OuRecord[] {
  switch (strategy) {
    case 'BLOCK':
      return block(scope, rec);
    case 'MOVE_UP':
      return moveUp(scope, rec);
    case 'CASCADE':
      return cascade(scope, rec);
  }
}

/** OU-D2: only an empty OU (no child OUs, no users) is deleted. */
function block({ ous, defects }: DeleteScope, rec: OuRecord): OuRecord[] {
  if (rec.children.size > 0) {
    throw new ConflictError(`OU "${rec.path}" has ${rec.children.size} child OU(s); use MOVE_UP or CASCADE`);
  }
  // block-ignores-users defect (OU-D2): an OU that still has users is deleted; they end unassigned.
  if (defects.has('block-ignores-users')) moveUsers(rec, null);
  if (rec.users.length > 0) {
    throw new ConflictError(`OU "${rec.path}" has ${rec.users.length} user(s); use MOVE_UP or CASCADE`);
  }
  ous.detach(rec);
  ous.drop([rec]);
  return [rec];
}

/** OU-D3: child OUs (with subtrees) and users move to the parent; any name clash refuses the whole delete. */
function moveUp({ ous, defects }: DeleteScope, rec: OuRecord): OuRecord[] {
  const parent = rec.parent;
  const children = Array.from(rec.children.values());
  if (defects.has('non-atomic-move-up')) {
    // non-atomic-move-up defect (OU-E5): each child moves before the next is checked.
    for (const child of children) {
      assertFree(ous, parent, child);
      ous.relocate(child, parent, child.name);
    }
  } else {
    for (const child of children) assertFree(ous, parent, child, rec);
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

function assertFree(ous: Hierarchy, parent: OuRecord | null, child: OuRecord, leaving?: OuRecord): void {
  if (ous.holder(parent, child.name, leaving) !== undefined) {
    const where = parent === null ? 'the top level' : `"${parent.path}"`;
    throw new ConflictError(`cannot move child OU "${child.name}" up: ${where} already has an OU of that name`);
  }
}
