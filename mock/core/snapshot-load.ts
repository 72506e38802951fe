/**
 * Loading snapshots: validates everything into a fresh store before anything is replaced,
 * in O(OUs + users), and names the faulty item in every error.
 */
import { isJsonObject, storedAttributes } from './attributes.ts';
import { DomainError, SnapshotError, type SnapshotPath as Loc } from './errors.ts';
import { storedName } from './names.ts';
import type { Policies } from './policies.ts';
import { NO_FIELDS, OuRecord, UserRecord } from './records.ts';
import { TenantStore } from './store.ts';
import { assertFieldsFree, idFreeAsExternal, mergeFields } from './unit-fields.ts';
import type { DialectFields } from './units.ts';
import { userProblem } from './users.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

type Fields = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asObject(v: unknown, loc: Loc): Fields {
  if (isObject(v)) return v;
  throw SnapshotError.at(loc, 'Input should be a valid JSON object', 'model_attributes_type');
}

function asArray(v: unknown, loc: Loc): readonly unknown[] {
  if (Array.isArray(v)) return v;
  throw SnapshotError.at(loc, 'Input should be a valid list', 'list_type');
}

/**
 * Runs `fn` on one item, whose checks use item-relative locations; a SnapshotError gets
 * `prefix` prepended. Locations are built only on failure: nothing is allocated per good item.
 */
function atItem<T>(prefix: () => Loc, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    throw new SnapshotError(e.issues.map((i) => ({ ...i, at: [...prefix(), ...i.at] })));
  }
}

// Item-relative locations, shared by every item.
const ITEM: Loc = [];
const ID: Loc = ['id'];
const NAME: Loc = ['name'];
const DESCRIPTION: Loc = ['description'];
const PARENT_ID: Loc = ['parent_id'];
const ATTRIBUTES: Loc = ['custom_attributes'];
const CREATED_AT: Loc = ['created_at'];
const UPDATED_AT: Loc = ['updated_at'];

function nonEmptyString(v: unknown, loc: Loc): string {
  if (typeof v === 'string' && v !== '') return v;
  throw SnapshotError.at(loc, 'Input should be a non-empty string', 'string_type');
}

/** Absent and null both read as null. */
function optionalString(v: unknown, loc: Loc): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  throw SnapshotError.at(loc, 'Input should be a valid string or null', 'string_type');
}

function timestamp(v: unknown, loc: Loc): string {
  if (typeof v === 'string' && RFC3339.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw SnapshotError.at(loc, 'Input should be an RFC 3339 date-time string', 'datetime_parsing');
}

/** The snapshot key of each dialect field, for error locations. */
const FIELD_KEYS: Partial<Record<NonNullable<DomainError['field']>, string>> = {
  code: 'code',
  externalId: 'external_id',
  attributes: 'ad_attributes',
};

/** The optional dialect fields of an OU (absent in older snapshots). */
function readDialectFields(o: Fields): Readonly<DialectFields> {
  if (o.code === undefined && o.external_id === undefined && o.ad_attributes === undefined && o.protected === undefined) return NO_FIELDS;
  const ext = o.external_id;
  if (ext !== undefined && ext !== null && !isObject(ext)) {
    throw SnapshotError.at(['external_id'], 'Input should be a valid JSON object', 'model_attributes_type');
  }
  const change: Partial<DialectFields> = {};
  if (o.code !== undefined) change.code = o.code as string;
  if (ext !== undefined) change.externalId = ext === null ? null : { sourceType: ext.source_type as string, sourceId: ext.source_id as string, value: ext.value as string };
  if (o.ad_attributes !== undefined) change.ad = o.ad_attributes as Record<string, string>;
  if (o.protected !== undefined) change.protected = o.protected as boolean;
  try {
    return mergeFields(NO_FIELDS, change);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const key = e.field === undefined ? undefined : FIELD_KEYS[e.field];
    throw SnapshotError.at(key === undefined ? ['protected'] : [key], e.message, 'value_error');
  }
}

/** The stored form of a name (names.ts), its problems located at `loc`. */
function readName(v: unknown, loc: Loc, policies: Policies): string {
  if (typeof v !== 'string') throw SnapshotError.at(loc, 'Input should be a valid string', 'string_type');
  try {
    return storedName(v, policies);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw SnapshotError.at(loc, e.message, e.reason);
  }
}

function readAttributes(v: unknown, loc: Loc): Record<string, unknown> | null {
  if (v === null) return null;
  if (!isJsonObject(v)) throw SnapshotError.at(loc, 'Input should be a valid dictionary (JSON object) or null', 'dict_type');
  return storedAttributes(v);
}

/** One OU's fields; locations relative to the item. The parent is linked later. */
function readOu(raw: unknown, policies: Policies): { rec: OuRecord; parentId: string | null } {
  const o = asObject(raw, ITEM);
  const rec = new OuRecord(
    nonEmptyString(o.id, ID),
    readName(o.name, NAME, policies),
    optionalString(o.description, DESCRIPTION),
    o.custom_attributes === undefined ? null : readAttributes(o.custom_attributes, ATTRIBUTES),
    timestamp(o.created_at, CREATED_AT),
  );
  rec.updatedAt = o.updated_at === undefined || o.updated_at === null ? null : timestamp(o.updated_at, UPDATED_AT);
  rec.fields = readDialectFields(o);
  return { rec, parentId: optionalString(o.parent_id, PARENT_ID) };
}

interface ReadOus {
  /** Records and parent ids, index-aligned with the input. */
  recs: OuRecord[];
  parentIds: (string | null)[];
  indexOf: Map<string, number>;
}

function readOus(items: readonly unknown[], at: Loc, policies: Policies): ReadOus {
  const recs: OuRecord[] = [];
  const parentIds: (string | null)[] = [];
  const indexOf = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const { rec, parentId } = atItem(() => [...at, 'ous', i], () => readOu(items[i], policies));
    if (indexOf.has(rec.id)) throw SnapshotError.at([...at, 'ous', i, 'id'], `duplicate OU id "${rec.id}"`, 'value_error');
    indexOf.set(rec.id, i);
    recs.push(rec);
    parentIds.push(parentId);
  }
  return { recs, parentIds, indexOf };
}

/**
 * Links the OUs into the store's forest top-down (breadth-first from the top level), so each
 * parent's path exists before its children's. Reports unknown parents, sibling clashes and cycles.
 */
function linkOus(store: TenantStore, tenantId: string, { recs, parentIds, indexOf }: ReadOus, at: Loc): void {
  const n = recs.length;
  // Child lists as linked arrays (slot n = the top level): no per-OU arrays for 100k OUs.
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const pid = parentIds[i]!;
    const p = pid === null ? n : indexOf.get(pid);
    if (p === undefined) {
      throw SnapshotError.at([...at, 'ous', i, 'parent_id'], `unknown parent OU "${pid}"`, 'value_error');
    }
    next[i] = head[p]!;
    head[p] = i;
  }
  const queue = new Int32Array(n);
  const linked = new Uint8Array(n);
  let tail = 0;
  const enqueueChildren = (p: number): void => {
    for (let c = head[p]!; c !== -1; c = next[c]!) queue[tail++] = c;
  };
  enqueueChildren(n);
  for (let q = 0; q < tail; q++) {
    const i = queue[q]!;
    const rec = recs[i]!;
    const pid = parentIds[i]!;
    const parent = pid === null ? null : recs[indexOf.get(pid)!]!;
    const other = store.ous.holder(parent, rec.name);
    if (other !== undefined) {
      throw SnapshotError.at(
        [...at, 'ous', i, 'name'],
        `sibling name clash: "${rec.name}" and "${other.name}" share a parent (names are compared case-insensitively)`,
        'value_error',
      );
    }
    assertUnique(store, tenantId, rec, [...at, 'ous', i]);
    store.ous.add(rec, parent);
    linked[i] = 1;
    enqueueChildren(i);
  }
  if (tail < n) {
    const i = linked.indexOf(0);
    throw SnapshotError.at([...at, 'ous', i, 'parent_id'], 'parent chain loops back to this OU (cycle)', 'value_error');
  }
}

/** Codes and external ids (explicit or default) must be unique among the OUs linked so far (unit-fields.ts). */
function assertUnique(store: TenantStore, tenantId: string, rec: OuRecord, at: Loc): void {
  try {
    assertFieldsFree(store.ous, tenantId, null, rec.fields);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw SnapshotError.at([...at, e.field === 'code' ? 'code' : 'external_id'], e.message, 'value_error');
  }
  if (rec.fields.externalId === null && !idFreeAsExternal(store.ous, tenantId, rec.id)) {
    throw SnapshotError.at([...at, 'id'], `OU id "${rec.id}" is another OU's external id`, 'value_error');
  }
}

/** Adds the users to a fresh store: one hash insert per user, plus an OU lookup unless it repeats the last. */
function loadUsers(store: TenantStore, items: readonly unknown[], at: Loc): void {
  const { ous, users } = store;
  let lastOuId: string | null = null;
  let lastOu: OuRecord | null = null;
  for (let i = 0; i < items.length; i++) {
    const u = items[i];
    if (!isObject(u)) throw SnapshotError.at([...at, 'users', i], 'Input should be a valid JSON object', 'model_attributes_type');
    const problem = userProblem(u, true);
    if (problem !== null) throw SnapshotError.at([...at, 'users', i, problem.field], problem.msg, problem.type);
    const ouId = (u.ou_id ?? null) as string | null;
    if (ouId !== lastOuId) {
      const ou = ouId === null ? null : ous.get(ouId);
      if (ou === undefined) throw SnapshotError.at([...at, 'users', i, 'ou_id'], `unknown OU "${ouId}"`, 'value_error');
      lastOuId = ouId;
      lastOu = ou;
    }
    users.add(new UserRecord(u.id as string, u.email as string, u.display_name as string, lastOu));
    // The store is fresh, so its size falls behind exactly when an id repeats (it is discarded then).
    if (users.size !== i + 1) {
      throw SnapshotError.at([...at, 'users', i, 'id'], `duplicate user id "${String(u.id)}"`, 'value_error');
    }
  }
}

/**
 * Validates one tenant snapshot and builds its store; nothing outside is touched, so an
 * invalid snapshot changes nothing. Error locations start at `at` (e.g. ['tenants', 0]).
 *
 * @example
 * readTenantSnapshot({ tenant_id: 't', ous: [], users: [] }, DEFAULT_POLICIES).tenantId; // 't'
 * @throws SnapshotError naming the item, e.g. loc ['ous', 12, 'parent_id'].
 */
export function readTenantSnapshot(raw: unknown, policies: Policies, at: Loc = []): { tenantId: string; store: TenantStore } {
  const t = asObject(raw, at);
  const tenantId = nonEmptyString(t.tenant_id, [...at, 'tenant_id']);
  const ouItems = asArray(t.ous, [...at, 'ous']);
  const userItems = asArray(t.users, [...at, 'users']);
  const store = new TenantStore(policies);
  if (t.ad_domain !== undefined) store.adDomain = nonEmptyString(t.ad_domain, [...at, 'ad_domain']);
  linkOus(store, tenantId, readOus(ouItems, at, policies), at);
  loadUsers(store, userItems, at);
  return { tenantId, store };
}

/**
 * Validates a whole snapshot (version 1, unique tenant ids) and builds every tenant's store.
 *
 * @throws SnapshotError, e.g. loc ['tenants', 1, 'ous', 3, 'name'].
 */
export function readSnapshot(raw: unknown, policies: Policies): Array<{ tenantId: string; store: TenantStore }> {
  const s = asObject(raw, []);
  if (s.version !== 1) throw SnapshotError.at(['version'], 'Input should be 1', 'literal_error');
  const tenants = asArray(s.tenants, ['tenants']);
  const seen = new Set<string>();
  const domainOwners = new Map<string, string>();
  return tenants.map((t, i) => {
    const loaded = readTenantSnapshot(t, policies, ['tenants', i]);
    if (seen.has(loaded.tenantId)) {
      throw SnapshotError.at(['tenants', i, 'tenant_id'], `duplicate tenant "${loaded.tenantId}"`, 'value_error');
    }
    seen.add(loaded.tenantId);
    const domain = loaded.store.adDomain;
    if (domain !== null) {
      const owner = domainOwners.get(domainKey(domain));
      if (owner !== undefined) throw domainTaken(['tenants', i, 'ad_domain'], domain, owner);
      domainOwners.set(domainKey(domain), loaded.tenantId);
    }
    return loaded;
  });
}

/** DNS names compare case-insensitively. */
export function domainKey(dnsName: string): string {
  return dnsName.toLowerCase();
}

/** A tenant's AD domain that another tenant holds. */
export function domainTaken(at: Loc, dnsName: string, owner: string): SnapshotError {
  return SnapshotError.at(at, `AD domain "${dnsName}" is already the domain of tenant "${owner}"`, 'value_error');
}

