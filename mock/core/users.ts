/** The users of one tenant: id index and per-OU membership (kept in each OuRecord). */
import type { OuRecord, UserRecord } from './records.ts';
import { placeUser, unplaceUser } from './user-order.ts';

/** One bad field of a user, before it is given a location. */
export interface UserProblem {
  field: 'id' | 'email' | 'display_name' | 'ou_id';
  msg: string;
  type: string;
}

/**
 * Returns the first bad field of a user, or null. Returns instead of throwing so loading a
 * million users allocates nothing for the good ones.
 */
export function userProblem(raw: Readonly<Record<string, unknown>>, idRequired: boolean): UserProblem | null {
  const { id, email, display_name: displayName, ou_id: ouId } = raw;
  const badId = id === undefined ? idRequired : typeof id !== 'string' || id === '';
  if (badId) return { field: 'id', msg: 'id must be a non-empty string', type: 'string_type' };
  if (typeof email !== 'string' || !email.includes('@')) {
    return { field: 'email', msg: 'email must be a string holding an @', type: 'value_error' };
  }
  if (typeof displayName !== 'string') {
    return { field: 'display_name', msg: 'display_name must be a string', type: 'string_type' };
  }
  if (ouId !== undefined && ouId !== null && typeof ouId !== 'string') {
    return { field: 'ou_id', msg: 'ou_id must be a string or null', type: 'string_type' };
  }
  return null;
}

export class UserIndex {
  private readonly byId = new Map<string, UserRecord>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<UserRecord> {
    return this.byId.values();
  }

  /** Adds a user whose id is free to the index and to its OU (if any). */
  add(u: UserRecord): void {
    this.byId.set(u.id, u);
    if (u.ou !== null) placeUser(u, u.ou);
  }

  remove(u: UserRecord): void {
    this.byId.delete(u.id);
    unplaceUser(u);
  }

  /** Deletes every user directly in `from` (force deletes; the cascade-deletes-users defect). */
  removeAll(from: OuRecord): void {
    for (const u of from.users) {
      this.byId.delete(u.id);
      u.ou = null;
    }
    from.users = [];
  }
}
