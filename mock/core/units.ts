/**
 * The neutral face of the core that every dialect speaks to: commands and queries over
 * "units" (OUs) with no wire format in them. No status codes, no field spellings of any
 * API, no framework wording: a dialect maps its request to these calls and renders the
 * results and the DomainErrors in its own shape.
 *
 * Types only: `Tenant` implements `UnitsApi` (tenant.ts).
 */

/** What went wrong, in domain terms; each dialect picks its status and wording. */
export type DomainErrorKind =
  /** The unit/user/tenant does not exist (in this tenant). */
  | 'not_found'
  /** The change would break an invariant (sibling name, cycle, unique code/external id, non-empty delete, protected). */
  | 'conflict'
  /** A value breaks a domain rule (blank/too long name, `/` in a name, bad code format, bad window). */
  | 'invalid';

/** Machine-readable reason; stable, so dialects and tests can switch on it. */
export type DomainReason =
  | 'unit_not_found'
  | 'parent_not_found'
  | 'user_not_found'
  | 'tenant_not_found'
  | 'name_taken'
  | 'cycle'
  | 'has_children'
  | 'has_users'
  | 'protected'
  | 'code_taken'
  | 'external_id_taken'
  /** A user or tenant id given for a new one is in use. */
  | 'id_taken'
  | 'name_blank'
  | 'name_too_long'
  | 'name_slash'
  | 'bad_value';

/** The neutral field at fault, when there is one (dialects map it to their own field name). */
export type DomainField = 'name' | 'description' | 'parent' | 'code' | 'externalId' | 'attributes' | 'strategy' | 'id';

/** Per-OU fields owned by one dialect; other dialects never show them. */
export interface DialectFields {
  /** orgunit-v2 `code`: unique per tenant, compared exactly; null = none. */
  code: string | null;
  /** idaas external id: unique per (sourceType, sourceId); null = defaults to the unit id. */
  externalId: { sourceType: string; sourceId: string; value: string } | null;
  /** AD attributes by LDAP name (`l`, `street`, `c`, `managedBy`, `extensionAttribute1`, ...). */
  ad: Readonly<Record<string, string>>;
  /** AD `preventDeletion`: deleting the unit through any dialect is refused (reason `protected`). */
  protected: boolean;
}

/** A unit as every dialect reads it. Plain data, a copy: safe to keep. */
export interface UnitView {
  id: string;
  name: string;
  description: string | null;
  /** null = top level. */
  parentId: string | null;
  /** '/' + names from the top-level ancestor down. */
  path: string;
  /** Names from the top-level ancestor down (for DNs and canonical names). */
  lineage: readonly string[];
  depth: number;
  createdAt: string;
  updatedAt: string | null;
  childCount: number;
  userCount: number;
  /** The OU API's custom_attributes (deep-frozen, shared with the store), null when unset. */
  customAttributes: Record<string, unknown> | null;
  fields: Readonly<DialectFields>;
}

export interface UnitCreate {
  name: string;
  /** null/undefined = top level. */
  parentId?: string | null;
  description?: string | null;
  customAttributes?: Record<string, unknown> | null;
  fields?: Partial<DialectFields>;
}

/** Only the keys present change; `null` clears where the field allows it (`parentId: null` = move to top level). */
export interface UnitPatch {
  name?: string;
  parentId?: string | null;
  description?: string | null;
  customAttributes?: Record<string, unknown> | null;
  fields?: Partial<DialectFields>;
}

export type UnitOrderKey = 'path' | 'name' | 'createdAt' | 'code' | 'id';

export interface UnitQuery {
  where?: {
    /** Case-insensitive, literal substring of the name. */
    nameContains?: string;
    /** Exact code. */
    code?: string;
    /** Direct children of this unit; null = top-level units. */
    parentId?: string | null;
    /** Any extra predicate (a dialect's compiled filter); runs after the indexed parts. */
    test?: (unit: UnitView) => boolean;
  };
  /** Sort keys in order; ties always end by ascending id. Default: path. */
  orderBy?: ReadonlyArray<{ key: UnitOrderKey; desc?: boolean }>;
  /** 0-based offset and a limit; default: everything. */
  window?: { offset: number; limit: number };
}

export interface UnitPage {
  /** Matches before the window. */
  total: number;
  items: UnitView[];
}

/** How a delete treats what is below the unit. `force` = the unit, its subtree and the subtree's users. */
export type DeleteMode = 'block' | 'move_up' | 'cascade' | 'force';

/**
 * What a delete will do, computed without changing anything: a preview (orgunit-v2's 409
 * `related`) and the delete itself are the same plan.
 */
export interface DeletePlan {
  readonly unitId: string;
  readonly mode: DeleteMode;
  /** Units removed, the target first, parents before children. */
  readonly units: ReadonlyArray<Pick<UnitView, 'id' | 'name' | 'fields'>>;
  /** Users removed (force only). */
  readonly users: ReadonlyArray<{ id: string; email: string }>;
  /** Whether the unit has no children and no users (any mode deletes it alone). */
  readonly leaf: boolean;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  unitId: string | null;
}

/**
 * One entry of UnitsApi.changesSince: unit `id` was created, changed or deleted (it is gone when
 * `findUnit` no longer finds it). Counts (childCount, userCount) are not changes of a unit.
 */
export interface UnitChange {
  id: string;
  /** The unit was renamed or moved: the path and lineage of every unit below it changed too. */
  subtree: boolean;
}

/** The commands and queries of one tenant. Every method checks everything before it changes anything. */
export interface UnitsApi {
  readonly id: string;
  /**
   * Changes whenever the tenant's units change (a reset or import included) and never
   * repeats for the tenant: dialects cache what they derive from the units per revision.
   * Undefined = no caching possible.
   */
  readonly revision?: number;
  /**
   * The units changed after `revision` (one of this tenant's earlier revisions), oldest first and
   * possibly repeated; undefined when that is no longer known (read everything again).
   */
  changesSince?(revision: number): UnitChange[] | undefined;
  getUnit(id: string): UnitView;
  findUnit(id: string): UnitView | undefined;
  createUnit(input: UnitCreate): UnitView;
  updateUnit(id: string, patch: UnitPatch): UnitView;
  queryUnits(q?: UnitQuery): UnitPage;
  /** The unit with this code, if any. */
  unitByCode(code: string): UnitView | undefined;
  /** The unit with this external id (the id itself when none was set), if any. */
  unitByExternalId(sourceType: string, sourceId: string, value: string): UnitView | undefined;
  /** Throws DomainError (not_found; conflict has_children/has_users/protected for block) without changing anything. */
  planDelete(id: string, mode: DeleteMode): DeletePlan;
  /** Applies a plan made on the current state; a stale plan (state changed since) is re-planned, never half-applied. */
  applyDelete(plan: DeletePlan): void;
  /** Users directly in the unit, or in its whole subtree. */
  usersOf(id: string, nested: boolean): UserView[];
}
