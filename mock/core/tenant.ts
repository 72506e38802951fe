/** The commands and queries of one tenant's units and users: the neutral UnitsApi every dialect calls. */
import { storedAttributes } from './attributes.ts';
import { isCurrent, makePlan } from './delete-plan.ts';
import { DomainError } from './errors.ts';
import type { TreeShape } from './forest.ts';
import { storedName } from './names.ts';
import { NO_FIELDS, OuRecord, UserRecord } from './records.ts';
import { writeTenantSnapshot, type TenantSnapshot } from './snapshot.ts';
import type { StoreRef, TenantStore } from './store.ts';
import { deleteWith } from './strategies.ts';
import { assertFieldsFree, externalHolder, idFreeAsExternal, mergeFields } from './unit-fields.ts';
import { queryUnits } from './unit-query.ts';
import { unitView, userView } from './unit-view.ts';
import type { DeleteMode, DeletePlan, UnitChange, UnitCreate, UnitPage, UnitPatch, UnitQuery, UnitsApi, UnitView, UserView } from './units.ts';
import { usersInOrder } from './user-order.ts';

/** What a Tenant gets from its Directory. */
export interface TenantContext {
  clock: () => Date;
  newId: () => string;
}

/** Input of `Tenant.createUser`; `id` is generated when absent. */
export interface UserCreate {
  id?: string;
  email: string;
  displayName: string;
  /** null = unassigned. */
  unitId: string | null;
}

/** Tries per new id before giving up on a `newId` that keeps returning ids in use. */
const ID_ATTEMPTS = 100;

/**
 * One tenant's units and users. Every id is looked up in this tenant only (OU-T1): a Tenant
 * can reach no other tenant's data. Every method checks all input before changing anything
 * (OU-E5) and throws neutral DomainErrors (errors.ts). Obtain one from a Directory.
 *
 * @example
 * const t = new Directory().createTenant('acme');
 * const eng = t.createUnit({ name: 'Engineering' });
 * t.createUnit({ name: 'Platform', parentId: eng.id }).path; // '/Engineering/Platform'
 */
export class Tenant implements UnitsApi {
  constructor(
    readonly id: string,
    private readonly ref: StoreRef,
    private readonly ctx: TenantContext,
  ) {}

  private get store(): TenantStore {
    return this.ref.store;
  }

  /** UnitsApi.revision: the store's version (unique across stores, so a reset changes it too). */
  get revision(): number {
    return this.store.revision;
  }

  /** The tenant's AD domain, null when none is set (uniqueness across tenants: the caller's, e.g. dialects/admanager/domains.ts). */
  get adDomain(): string | null {
    return this.store.adDomain;
  }

  /** Sets or clears the AD domain; DomainError `invalid` for an empty name. */
  set adDomain(dnsName: string | null) {
    if (dnsName === '') throw new DomainError('invalid', 'bad_value', 'the AD domain must be a non-empty string');
    this.store.adDomain = dnsName;
  }

  changesSince(revision: number): UnitChange[] | undefined {
    return this.store.changes.since(revision);
  }

  /** The unit; DomainError not_found otherwise. */
  getUnit(id: string): UnitView {
    return unitView(this.store.ous, this.unit(id));
  }

  findUnit(id: string): UnitView | undefined {
    const rec = this.store.ous.get(id);
    return rec === undefined ? undefined : unitView(this.store.ous, rec);
  }

  /** Creates a unit (OU-C1..C3, OU-H4, OU-H5); unknown parent -> not_found, sibling name taken -> conflict. */
  createUnit(input: UnitCreate): UnitView {
    const { ous, policies } = this.store;
    const name = storedName(input.name, policies);
    const parentId = input.parentId ?? null;
    const parent = parentId === null ? null : this.unit(parentId, 'parent');
    if (ous.holder(parent, name) !== undefined) throw nameTaken(parent, name);
    const fields = mergeFields(NO_FIELDS, input.fields);
    assertFieldsFree(ous, this.id, null, fields);
    const attributes = storedAttributes(input.customAttributes ?? null);
    this.store.touch();
    const now = this.now();
    const rec = new OuRecord(this.freshUnitId(), name, input.description ?? null, attributes, now);
    rec.updatedAt = policies.createdUpdatedAt(now);
    rec.fields = fields;
    ous.add(rec, parent);
    return unitView(ous, rec);
  }

  /**
   * Changes only what `patch` names (OU-U1..U3); renames and moves carry the subtree's paths
   * along (OU-H3) and keep sibling names unique (OU-H4); a move under itself is a conflict (OU-U2).
   */
  updateUnit(id: string, patch: UnitPatch): UnitView {
    const { ous, policies } = this.store;
    const rec = this.unit(id);
    const name = patch.name === undefined ? rec.name : storedName(patch.name, policies);
    let parent = rec.parent;
    if (patch.parentId !== undefined) {
      parent = patch.parentId === null ? null : this.unit(patch.parentId, 'parent');
      if (parent !== null && ous.isWithin(parent, rec)) {
        if (policies.moveIntoSubtree === 'relink') return this.relinkIntoCycle(rec, parent);
        throw new DomainError('conflict', 'cycle', `cannot move OU "${rec.path}" under itself or its descendant "${parent.path}"`, 'parent');
      }
    }
    const moves = parent !== rec.parent || name !== rec.name;
    if (moves && ous.holder(parent, name, rec) !== undefined) throw nameTaken(parent, name);
    const fields = mergeFields(rec.fields, patch.fields);
    assertFieldsFree(ous, this.id, rec, fields);
    const attributes = patch.customAttributes === undefined ? undefined : storedAttributes(patch.customAttributes);
    this.store.touch();
    if (moves) ous.relocate(rec, parent, name);
    if (patch.description !== undefined) rec.description = patch.description;
    if (attributes !== undefined) rec.attributes = attributes;
    if (fields !== rec.fields) ous.setFields(rec, fields);
    rec.updatedAt = policies.updatedUpdatedAt(() => this.now(), rec.updatedAt);
    this.store.changes.record(this.revision, rec.id, false);
    return unitView(ous, rec);
  }

  queryUnits(q?: UnitQuery): UnitPage {
    return queryUnits(this.store.ous, q);
  }

  unitByCode(code: string): UnitView | undefined {
    const rec = this.store.ous.fields.withCode(code);
    return rec === undefined ? undefined : unitView(this.store.ous, rec);
  }

  unitByExternalId(sourceType: string, sourceId: string, value: string): UnitView | undefined {
    const rec = externalHolder(this.store.ous, this.id, { sourceType, sourceId, value });
    return rec === undefined ? undefined : unitView(this.store.ous, rec);
  }

  planDelete(id: string, mode: DeleteMode): DeletePlan {
    return makePlan(this.store, this.unit(id), mode);
  }

  applyDelete(plan: DeletePlan): void {
    const current = isCurrent(plan, this.store) ? plan : this.planDelete(plan.unitId, plan.mode);
    const rec = this.unit(current.unitId);
    this.store.touch();
    const removed = deleteWith(this.store, rec, current.mode);
    for (const r of removed.ous) this.store.retired.add(r.id);
    for (const userId of removed.userIds) this.store.retired.add(userId);
  }

  usersOf(id: string, nested: boolean): UserView[] {
    return this.usersPage(id, nested).items;
  }

  /**
   * A window of the users of a unit (or of its subtree), in list order: lower-cased email, ties
   * by id (OU-S2, OU-S4). A subtree is merged only as far as the window needs (user-order.ts).
   */
  usersPage(id: string, nested: boolean, window?: { offset: number; limit: number }): { total: number; items: UserView[] } {
    const rec = this.unit(id);
    const users = nested ? this.store.subtreeUsers(rec) : usersInOrder(rec);
    const start = window?.offset ?? 0;
    const end = window === undefined ? users.length : start + window.limit;
    return { total: users.length, items: start >= users.length ? [] : users.slice(start, end).map(userView) };
  }

  /** The name `raw` would be stored as; DomainError `invalid` (name_blank, name_too_long, name_slash) otherwise. */
  nameFor(raw: string): string {
    return storedName(raw, this.store.policies);
  }

  /** The whole forest in `shape` (siblings by lower-cased name, ties by id). Shared until the next change: read-only. */
  tree<N>(shape: TreeShape<N>): N[] {
    return this.store.tree(shape);
  }

  /** Adds a user; unknown unit -> not_found, taken id -> conflict `id_taken`. */
  createUser(input: UserCreate): UserView {
    const { users } = this.store;
    const unit = input.unitId === null ? null : this.unit(input.unitId);
    if (input.id !== undefined && users.get(input.id) !== undefined) {
      throw new DomainError('conflict', 'id_taken', `user "${input.id}" already exists`, 'id');
    }
    const id = input.id ?? this.freshId((candidate) => users.get(candidate) !== undefined);
    const user = new UserRecord(id, input.email, input.displayName, unit);
    this.store.touch();
    users.add(user);
    return userView(user);
  }

  /** Removes a user; unknown id -> not_found. */
  deleteUser(userId: string): void {
    const { users } = this.store;
    const user = users.get(userId);
    if (user === undefined) throw new DomainError('not_found', 'user_not_found', `user "${userId}" not found`, 'id');
    this.store.touch();
    users.remove(user);
    this.store.retired.add(userId);
  }

  /** How many units and users the tenant holds: O(1). */
  counts(): { ous: number; users: number } {
    return { ous: this.store.ous.size, users: this.store.users.size };
  }

  /** This tenant as plain JSON, units parents-before-children. */
  toSnapshot(): TenantSnapshot {
    return writeTenantSnapshot(this.id, this.store);
  }

  /** Policies.moveIntoSubtree 'relink': only the parent link changes, leaving a cycle (a test-only variant). */
  private relinkIntoCycle(rec: OuRecord, parent: OuRecord): UnitView {
    this.store.touch();
    rec.parent = parent;
    rec.updatedAt = this.now();
    this.store.changes.record(this.revision, rec.id, true);
    return unitView(this.store.ous, rec);
  }

  /** The unit `id` of this tenant; DomainError not_found naming `field` otherwise. */
  private unit(id: string, field: 'id' | 'parent' = 'id'): OuRecord {
    const rec = this.store.ous.get(id);
    if (rec !== undefined) return rec;
    const [what, reason] = field === 'parent' ? (['parent OU', 'parent_not_found'] as const) : (['OU', 'unit_not_found'] as const);
    throw new DomainError('not_found', reason, `${what} "${id}" not found in tenant "${this.id}"`, field);
  }

  private now(): string {
    return this.ctx.clock().toISOString();
  }

  /** A new unit id: free, and no unit holds it as its explicit external id (unit-fields.ts). */
  private freshUnitId(): string {
    const { ous } = this.store;
    return this.freshId((id) => ous.has(id) || !idFreeAsExternal(ous, this.id, id));
  }

  /** A new id, never one in use or once used in this tenant. */
  private freshId(taken: (id: string) => boolean): string {
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const id = this.ctx.newId();
      if (!taken(id) && !this.store.retired.has(id)) return id;
    }
    throw new Error(`newId returned ids already in use ${ID_ATTEMPTS} times in a row`);
  }
}

function nameTaken(parent: OuRecord | null, name: string): DomainError {
  const where = parent === null ? 'at the top level' : `under "${parent.path}"`;
  return new DomainError('conflict', 'name_taken', `an OU named "${name}" already exists ${where} (names are compared case-insensitively)`, 'name');
}
