/**
 * Users in list order: lower-cased email, ties by id (OU-S4). Each OU's list is sorted on first
 * read and kept sorted after (binary insert/remove), so loading stays a plain push; a subtree's
 * users are never sorted as a whole: pages are cut from a k-way merge of its sorted OU lists,
 * which goes only as far as the pages asked for (TenantStore keeps the last one between pages).
 */
import { byEmail, type OuRecord, type UserRecord } from './records.ts';

/** What a page is cut from: an array, or a sequence that computes only the slice asked for. */
export interface Sequence<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

function lowerBound(list: readonly UserRecord[], u: UserRecord): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byEmail(list[mid]!, u) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The users directly in `ou`, in list order (sorted here on first read). */
export function usersInOrder(ou: OuRecord): readonly UserRecord[] {
  if (!ou.usersSorted) {
    ou.users.sort(byEmail);
    ou.usersSorted = true;
  }
  return ou.users;
}

/** Puts a user (not in any OU) into `ou`, keeping a sorted list sorted. */
export function placeUser(u: UserRecord, ou: OuRecord): void {
  u.ou = ou;
  if (ou.usersSorted) ou.users.splice(lowerBound(ou.users, u), 0, u);
  else ou.users.push(u);
}

/** Takes a user out of its OU, if any. */
export function unplaceUser(u: UserRecord): void {
  const ou = u.ou;
  if (ou === null) return;
  const list = ou.users;
  if (ou.usersSorted) {
    list.splice(lowerBound(list, u), 1);
  } else {
    list[list.indexOf(u)] = list[list.length - 1]!;
    list.pop();
  }
  u.ou = null;
}

/** Moves every user of `from` to `to` (null = unassigned): O(users of both). */
export function moveUsers(from: OuRecord, to: OuRecord | null): void {
  const moving = from.users;
  for (const u of moving) u.ou = to;
  from.users = [];
  if (to === null || moving.length === 0) return;
  if (to.usersSorted && from.usersSorted) {
    to.users = merge(to.users, moving);
  } else {
    for (const u of moving) to.users.push(u);
    to.usersSorted = false;
  }
}

function merge(a: readonly UserRecord[], b: readonly UserRecord[]): UserRecord[] {
  const out: UserRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byEmail(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * The users of several OUs (a subtree) as one ordered sequence. It merges only as far as a
 * page needs and keeps what it merged, so walking the pages costs one merge in total.
 */
export class MergedUsers implements Sequence<UserRecord> {
  readonly length: number;
  private readonly lists: ReadonlyArray<readonly UserRecord[]>;
  /** Next position in each list. */
  private readonly pos: Int32Array;
  /** A binary min-heap of list indexes, keyed by each list's next user. */
  private readonly heap: Int32Array;
  private size: number;
  /** The users merged so far, in order. */
  private readonly merged: UserRecord[] = [];

  constructor(ous: readonly OuRecord[]) {
    this.lists = ous.filter((ou) => ou.users.length > 0).map(usersInOrder);
    this.length = this.lists.reduce((n, list) => n + list.length, 0);
    this.pos = new Int32Array(this.lists.length);
    this.heap = Int32Array.from(this.lists.keys());
    this.size = this.heap.length;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Users of rank start..end-1: O((end - merged so far) · log k) for k non-empty OUs. */
  slice(start: number, end: number): UserRecord[] {
    const { heap, pos, lists, merged } = this;
    while (merged.length < end && this.size > 0) {
      const top = heap[0]!;
      merged.push(this.head(top));
      pos[top]!++;
      if (pos[top] === lists[top]!.length) heap[0] = heap[--this.size]!;
      this.siftDown(0);
    }
    return merged.slice(start, end);
  }

  private head(list: number): UserRecord {
    return this.lists[list]![this.pos[list]!]!;
  }

  private siftDown(from: number): void {
    const { heap, size } = this;
    for (let i = from; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && byEmail(this.head(heap[l]!), this.head(heap[m]!)) < 0) m = l;
      if (r < size && byEmail(this.head(heap[r]!), this.head(heap[m]!)) < 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
