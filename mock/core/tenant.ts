/** The operations on one tenant's OUs and users: the facade the HTTP layer calls. */
import type { Defects } from '../defects.ts';
import type {
  AddUserInput,
  DeleteStrategy,
  ListOusQuery,
  ListUsersQuery,
  OUCreate,
  OUListItem,
  OUResponse,
  OUTreeNode,
  OUUpdate,
  Page,
  UserItem,
} from './dto.ts';
import { cloneAttributes } from './attributes.ts';
import { isCurrent, makePlan } from './delete-plan.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError, toOuError } from './errors.ts';
import { readCreate, readUpdate } from './inputs.ts';
import { matchOus } from './listing.ts';
import { DEFAULT_PER_PAGE, paginate, readFlag, readOptionalText, readPaging } from './paging.ts';
import { storedName } from './names.ts';
import { NO_FIELDS, OuRecord, UserRecord } from './records.ts';
import { writeTenantSnapshot, type TenantSnapshot } from './snapshot.ts';
import type { StoreRef, TenantStore } from './store.ts';
import { deleteWith, readStrategy } from './strategies.ts';
import { assertFieldsFree, externalHolder, idFreeAsExternal, mergeFields } from './unit-fields.ts';
import { queryUnits } from './unit-query.ts';
import { unitView, userView } from './unit-view.ts';
import type { DeleteMode, DeletePlan, UnitCreate, UnitPage, UnitPatch, UnitQuery, UnitsApi, UnitView, UserView } from './units.ts';
import { usersInOrder } from './user-order.ts';
import { userProblem } from './users.ts';
import { forest, listItem, ouResponse, userItem } from './views.ts';

/** What a Tenant gets from its Directory. */
export interface TenantContext {
  clock: () => Date;
  newId: () => string;
  defects: Defects;
  /** The other tenant holding `ouId`: consulted only under the tenant-leak defect. */
  ownerOf(ouId: string, asking: Tenant): Tenant | undefined;
}

/** Tries per new id before giving up on a `newId` that keeps returning ids in use. */
const ID_ATTEMPTS = 100;

/**
 * One tenant's OUs and users. Every id is looked up in this tenant only (OU-T1); every
 * method checks all input before changing anything (OU-E5) and throws the typed errors of
 * errors.ts. Obtain one from a Directory.
 *
 * @example
 * const t = new Directory().createTenant('acme');
 * const eng = t.createOu({ name: 'Engineering' });
 * t.createOu({ name: 'Platform', parent_id: eng.id }).path; // '/Engineering/Platform'
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

  /** Creates an OU (OU-C1..C3, OU-H4, OU-H5); unknown `parent_id` -> NotFoundError. */
  createOu(input: OUCreate): OUResponse {
    const { ous } = this.store;
    const defects = this.ctx.defects;
    const fields = readCreate(input, defects);
    const parent = this.createParent(fields.parentId);
    if (ous.holder(parent, fields.name) !== undefined) throw nameTaken(parent, fields.name);
    this.store.touch();
    const now = this.now();
    const rec = new OuRecord(
      this.freshUnitId(),
      fields.name,
      fields.description,
      fields.attributes,
      now,
    );
    // create-sets-updated-at defect (OU-C1).
    if (defects.has('create-sets-updated-at')) rec.updatedAt = now;
    ous.add(rec, parent);
    return ouResponse(ous, rec);
  }

  /** The OU with its direct children (OU-G1, OU-G2). */
  getOu(ouId: string): OUResponse {
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.getOu(ouId);
    const rec = this.store.ous.get(ouId);
    // get-unknown-crash defect (OU-G1): an unknown id escapes as an unexpected error (a 5xx).
    if (rec === undefined && this.ctx.defects.has('get-unknown-crash')) {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    }
    return ouResponse(this.store.ous, rec ?? this.missing(ouId));
  }

  /**
   * Changes only the fields present in `patch` (OU-U1..U3); renames and moves carry the
   * subtree's paths along (OU-H3) and keep sibling names unique (OU-H4).
   */
  updateOu(ouId: string, patch: OUUpdate): OUResponse {
    const defects = this.ctx.defects;
    const change = readUpdate(patch, defects);
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.updateOu(ouId, patch);
    const { ous } = this.store;
    const rec = ous.get(ouId) ?? this.missing(ouId);
    this.store.touch();
    let parent = rec.parent;
    if (change.parentId !== undefined) {
      parent = change.parentId === null ? null : (ous.get(change.parentId) ?? this.missing(change.parentId, 'parent OU'));
      if (parent !== null && ous.isWithin(parent, rec)) {
        // allow-cycles defect (OU-U2): the move is accepted by relinking the parent only, leaving a cycle.
        if (defects.has('allow-cycles')) {
          rec.parent = parent;
          rec.updatedAt = this.now();
          return ouResponse(ous, rec);
        }
        throw new ConflictError(`cannot move OU "${rec.path}" under itself or its descendant "${parent.path}"`);
      }
    }
    const name = change.name ?? rec.name;
    if (parent !== rec.parent || name !== rec.name) {
      if (ous.holder(parent, name, rec) !== undefined) throw nameTaken(parent, name);
      ous.relocate(rec, parent, name);
    }
    if (change.description !== undefined) rec.description = change.description;
    if (change.attributes !== undefined) rec.attributes = change.attributes;
    // no-updated-at defect (OU-U3).
    if (!defects.has('no-updated-at')) rec.updatedAt = this.now();
    return ouResponse(ous, rec);
  }

  /** Deletes an OU with a strategy, BLOCK by default (OU-D1..D6). */
  deleteOu(ouId: string, strategy?: DeleteStrategy): void {
    const defects = this.ctx.defects;
    const chosen = readStrategy(strategy, defects);
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.deleteOu(ouId, strategy);
    const rec = this.store.ous.get(ouId);
    if (rec === undefined) {
      // delete-unknown-204 defect (OU-D6).
      if (defects.has('delete-unknown-204')) return;
      this.missing(ouId);
    }
    const parent = rec.parent;
    this.store.touch();
    try {
      this.retire(deleteWith(this.store, rec, chosen));
    } catch (e) {
      throw e instanceof DomainError ? toOuError(e) : e;
    }
    // stale-parent-counts defect (OU-D5): the parent keeps counting the deleted child.
    if (parent !== null && defects.has('stale-parent-counts')) this.store.ous.keepStaleChild(parent);
  }

  /** One page of OUs ordered by lower-cased path (OU-L1..L7). */
  listOus(q: ListOusQuery = {}): Page<OUListItem> {
    const defects = this.ctx.defects;
    // default-per-page-10 defect (OU-L1).
    const paging = readPaging(q, defects.has('default-per-page-10') ? 10 : DEFAULT_PER_PAGE);
    const search = readOptionalText(q.search, ['query', 'search']);
    const parentId = readOptionalText(q.parent_id, ['query', 'parent_id']);
    const { ous } = this.store;
    return paginate(matchOus(ous, search, parentId, defects), paging, (r) => listItem(ous, r), {
      // total-pages-floor (OU-L2), past-last-page-404 (OU-L3), overlapping-pages (OU-L4) defects.
      floorTotalPages: defects.has('total-pages-floor'),
      pastEndNotFound: defects.has('past-last-page-404'),
      overlap: defects.has('overlapping-pages'),
    });
  }

  /** The whole forest, nested to full depth (OU-R1, OU-R2). Shared until the next change: read-only. */
  tree(): OUTreeNode[] {
    // tree-depth-2 defect (OU-R1): the tree stops at depth 2.
    const maxDepth = this.ctx.defects.has('tree-depth-2') ? 2 : Infinity;
    return this.store.tree(maxDepth, () => forest(this.store.ous, maxDepth));
  }

  /** One page of the users of an OU, or of its subtree with `include_nested` (OU-S1..S4). */
  listUsers(ouId: string, q: ListUsersQuery = {}): Page<UserItem> {
    const defects = this.ctx.defects;
    const paging = readPaging(q);
    const nested = readFlag(q.include_nested, ['query', 'include_nested']);
    const owner = this.leakedTo(ouId);
    if (owner !== undefined) return owner.listUsers(ouId, q);
    const rec = this.store.ous.get(ouId);
    // users-unknown-ou-empty defect (OU-S3).
    if (rec === undefined && defects.has('users-unknown-ou-empty')) return paginate([], paging, userItem);
    const ou = rec ?? this.missing(ouId);
    // include-nested-ignored defect (OU-S2).
    const users = nested && !defects.has('include-nested-ignored') ? this.store.subtreeUsers(ou) : usersInOrder(ou);
    // users-total-pages-floor defect (OU-S1).
    return paginate(users, paging, userItem, { floorTotalPages: defects.has('users-total-pages-floor') });
  }

  /** Adds a user (the mock's admin route); `ou_id` null = unassigned. Unknown OU -> NotFoundError, taken id -> ConflictError. */
  addUser(input: AddUserInput): UserItem {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw ValidationError.field(['body'], 'Input should be a valid JSON object', 'model_attributes_type');
    }
    const problem = userProblem(input as unknown as Readonly<Record<string, unknown>>, false);
    if (problem !== null) throw ValidationError.field(['body', problem.field], problem.msg, problem.type);
    const { ous, users } = this.store;
    const ouId = input.ou_id ?? null;
    const ou = ouId === null ? null : (ous.get(ouId) ?? this.missing(ouId));
    if (input.id !== undefined && users.get(input.id) !== undefined) {
      throw new ConflictError(`user "${input.id}" already exists`);
    }
    const id = input.id ?? this.freshId((candidate) => users.get(candidate) !== undefined);
    const user = new UserRecord(id, input.email, input.display_name, ou);
    this.store.touch();
    users.add(user);
    return userItem(user);
  }

  /** Removes a user; unknown id -> NotFoundError. */
  removeUser(userId: string): void {
    const { users } = this.store;
    const user = users.get(userId);
    if (user === undefined) throw new NotFoundError(`user "${userId}" not found`);
    this.store.touch();
    users.remove(user);
    this.store.retired.add(userId);
  }

  // The neutral UnitsApi (units.ts): what every dialect speaks. Errors are DomainErrors.

  getUnit(id: string): UnitView {
    return unitView(this.store.ous, this.unit(id));
  }

  findUnit(id: string): UnitView | undefined {
    const rec = this.store.ous.get(id);
    return rec === undefined ? undefined : unitView(this.store.ous, rec);
  }

  createUnit(input: UnitCreate): UnitView {
    const { ous } = this.store;
    const name = storedName(input.name, this.ctx.defects);
    const parentId = input.parentId ?? null;
    const parent = parentId === null ? null : this.unit(parentId, 'parent');
    if (ous.holder(parent, name) !== undefined) throw unitNameTaken(parent, name);
    const fields = mergeFields(NO_FIELDS, input.fields);
    assertFieldsFree(ous, this.id, null, fields);
    const attributes = cloneAttributes(input.customAttributes ?? null);
    this.store.touch();
    const rec = new OuRecord(this.freshUnitId(), name, input.description ?? null, attributes, this.now());
    rec.fields = fields;
    ous.add(rec, parent);
    return unitView(ous, rec);
  }

  updateUnit(id: string, patch: UnitPatch): UnitView {
    const { ous } = this.store;
    const rec = this.unit(id);
    const name = patch.name === undefined ? rec.name : storedName(patch.name, this.ctx.defects);
    let parent = rec.parent;
    if (patch.parentId !== undefined) {
      parent = patch.parentId === null ? null : this.unit(patch.parentId, 'parent');
      if (parent !== null && ous.isWithin(parent, rec)) {
        throw new DomainError('conflict', 'cycle', `cannot move OU "${rec.path}" under itself or its descendant "${parent.path}"`, 'parent');
      }
    }
    const moves = parent !== rec.parent || name !== rec.name;
    if (moves && ous.holder(parent, name, rec) !== undefined) throw unitNameTaken(parent, name);
    const fields = mergeFields(rec.fields, patch.fields);
    assertFieldsFree(ous, this.id, rec, fields);
    const attributes = patch.customAttributes === undefined ? undefined : cloneAttributes(patch.customAttributes);
    this.store.touch();
    if (moves) ous.relocate(rec, parent, name);
    if (patch.description !== undefined) rec.description = patch.description;
    if (attributes !== undefined) rec.attributes = attributes;
    if (fields !== rec.fields) ous.setFields(rec, fields);
    rec.updatedAt = this.now();
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
    this.retire(deleteWith(this.store, rec, current.mode));
  }

  usersOf(id: string, nested: boolean): UserView[] {
    const rec = this.unit(id);
    const users = nested ? this.store.subtreeUsers(rec) : usersInOrder(rec);
    return users.slice(0, users.length).map(userView);
  }

  /** How many OUs and users the tenant holds: O(1). */
  counts(): { ous: number; users: number } {
    return { ous: this.store.ous.size, users: this.store.users.size };
  }

  /** This tenant as plain JSON, OUs parents-before-children. */
  toSnapshot(): TenantSnapshot {
    return writeTenantSnapshot(this.id, this.store);
  }

  private createParent(parentId: string | null): OuRecord | null {
    if (parentId === null) return null;
    const parent = this.store.ous.get(parentId);
    if (parent !== undefined) return parent;
    // create-unknown-parent-top-level defect (OU-C2).
    if (this.ctx.defects.has('create-unknown-parent-top-level')) return null;
    return this.missing(parentId, 'parent OU');
  }

  /** The unit `id` of this tenant; DomainError not_found naming `field` otherwise. */
  private unit(id: string, field: 'id' | 'parent' = 'id'): OuRecord {
    const rec = this.store.ous.get(id);
    if (rec !== undefined) return rec;
    const what = field === 'parent' ? 'parent OU' : 'OU';
    throw new DomainError('not_found', field === 'parent' ? 'parent_not_found' : 'unit_not_found', `${what} "${id}" not found in tenant "${this.id}"`, field);
  }

  /** Retires the ids of deleted units and users: never handed out again. */
  private retire(removed: { ous: readonly OuRecord[]; userIds: readonly string[] }): void {
    for (const r of removed.ous) this.store.retired.add(r.id);
    for (const id of removed.userIds) this.store.retired.add(id);
  }

  /** A new unit id: free, and no unit holds it as its explicit external id (unit-fields.ts). */
  private freshUnitId(): string {
    const { ous } = this.store;
    return this.freshId((id) => ous.has(id) || !idFreeAsExternal(ous, this.id, id));
  }

  /** Under the tenant-leak defect, the other tenant holding `ouId` (OU-T1); otherwise undefined. */
  private leakedTo(ouId: string): Tenant | undefined {
    if (!this.ctx.defects.has('tenant-leak') || this.store.ous.has(ouId)) return undefined;
    return this.ctx.ownerOf(ouId, this);
  }

  private missing(ouId: string, what = 'OU'): never {
    throw new NotFoundError(`${what} "${ouId}" not found in tenant "${this.id}"`);
  }

  private now(): string {
    return this.ctx.clock().toISOString();
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

function unitNameTaken(parent: OuRecord | null, name: string): DomainError {
  const where = parent === null ? 'at the top level' : `under "${parent.path}"`;
  return new DomainError('conflict', 'name_taken', `an OU named "${name}" already exists ${where} (names are compared case-insensitively)`, 'name');
}

function nameTaken(parent: OuRecord | null, name: string): ConflictError {
  const where = parent === null ? 'at the top level' : `under "${parent.path}"`;
  return new ConflictError(`an OU named "${name}" already exists ${where} (names are compared case-insensitively)`);
}
