/**
 * The stored forms of OUs and users: compact classes (one hidden class each, no closures)
 * linked by reference, so 100k OUs and 1M users stay small and every walk is pointer-chasing.
 */
import type { DialectFields } from './units.ts';

/** Any JSON object, as custom attributes hold. */
export type JsonObject = Record<string, unknown>;

/** The dialect fields of a unit that has none set: shared, frozen, so 100k plain OUs cost one pointer each. */
export const NO_FIELDS: Readonly<DialectFields> = Object.freeze({
  code: null,
  externalId: null,
  ad: Object.freeze({}),
  protected: false,
});

/** Lower-cases, keeping the original string when nothing changes (saves a copy per record). */
export function lower(s: string): string {
  const l = s.toLowerCase();
  return l === s ? s : l;
}

export class OuRecord {
  name: string;
  /** Lower-cased name: search (OU-L5) and sibling order (OU-R2, OU-G2). */
  lowerName: string;
  /** This OU's key in its parent's sibling index (OU-H4); set by the Hierarchy. */
  key = '';
  parent: OuRecord | null = null;
  path = '';
  /** Lower-cased path: list order (OU-L4). */
  lowerPath = '';
  updatedAt: string | null = null;
  /** Direct children by sibling key: child_ou_count is its size (OU-H6). */
  readonly children = new Map<string, OuRecord>();
  /**
   * Users directly in this OU: user_count is its length (OU-H6). An array, not a Set: a
   * million users over 100k OUs cost a third of the memory. Order: see user-order.ts.
   */
  users: UserRecord[] = [];
  /** Whether `users` is in list order; false until first listed, so loading only pushes. */
  usersSorted = false;
  /** Per-dialect fields; replaced whole (never mutated), indexed by the Hierarchy. */
  fields: Readonly<DialectFields> = NO_FIELDS;

  constructor(
    readonly id: string,
    name: string,
    public description: string | null,
    /** Deep-frozen (attributes.ts storedAttributes): replaced whole, never changed in place. */
    public attributes: Readonly<JsonObject> | null,
    readonly createdAt: string,
  ) {
    this.name = name;
    this.lowerName = lower(name);
  }
}

export class UserRecord {
  /** Lower-cased email: user list order (OU-S4). */
  readonly lowerEmail: string;

  constructor(
    readonly id: string,
    readonly email: string,
    readonly displayName: string,
    public ou: OuRecord | null,
  ) {
    this.lowerEmail = lower(email);
  }
}

function compareKeys(a: string, b: string, aId: string, bId: string): number {
  if (a !== b) return a < b ? -1 : 1;
  if (aId !== bId) return aId < bId ? -1 : 1;
  return 0;
}

/** List order: lower-cased path, plain string order, ties by id (OU-L4). */
export function byPath(a: OuRecord, b: OuRecord): number {
  return compareKeys(a.lowerPath, b.lowerPath, a.id, b.id);
}

/** Sibling order: lower-cased name, ties by id (OU-R2, OU-G2). */
export function byName(a: OuRecord, b: OuRecord): number {
  return compareKeys(a.lowerName, b.lowerName, a.id, b.id);
}

/** User order: lower-cased email, ties by id (OU-S4). */
export function byEmail(a: UserRecord, b: UserRecord): number {
  return compareKeys(a.lowerEmail, b.lowerEmail, a.id, b.id);
}
