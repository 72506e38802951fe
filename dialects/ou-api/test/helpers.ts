/**
 * Test helpers: a deterministic Directory seen through the OU API (operations.ts), quick tree
 * building, and an invariant checker that uses only the public API.
 */
import { Directory, type DirectoryOptions, type Snapshot, type Tenant as CoreTenant, type TenantSnapshot } from '../../../mock/core/index.ts';
import type { Defect } from '../../../mock/defects.ts';
import { ValidationError, type FieldIssue } from '../../../mock/http/typed-errors.ts';
import { defectPolicies } from '../defect-policies.ts';
import type { OUResponse } from '../dto.ts';
import { OuOperations } from '../operations.ts';
import { ouErrors } from '../render.ts';

export const T0 = Date.parse('2025-01-01T00:00:00.000Z');

/** The ISO time of the n-th clock reading (the clock advances 1 s per reading, starting at T0). */
export function tick(n: number): string {
  return new Date(T0 + n * 1000).toISOString();
}

/** A core tenant through the OU API, with the tenant-level reads the tests use. */
export class Tenant extends OuOperations {
  get id(): string {
    return this.tenant.id;
  }

  toSnapshot(): TenantSnapshot {
    return this.tenant.toSnapshot();
  }

  counts(): { ous: number; users: number } {
    return this.tenant.counts();
  }
}

/** A Directory whose tenants answer through the OU API (OU errors, OU DTOs) with `defects` on. */
export class TestDirectory {
  readonly core: Directory;
  private readonly defects: ReadonlySet<Defect>;
  private readonly wrappers = new WeakMap<CoreTenant, Tenant>();

  constructor(opts: DirectoryOptions = {}, defects: readonly Defect[] = [], snapshot?: Snapshot) {
    this.defects = new Set(defects);
    const withPolicies = { ...opts, policies: defectPolicies(this.defects) };
    this.core = snapshot === undefined ? new Directory(withPolicies) : ouErrors(() => Directory.fromSnapshot(snapshot, withPolicies));
  }

  static fromSnapshot(s: Snapshot, defects: readonly Defect[] = []): TestDirectory {
    return new TestDirectory({}, defects, s);
  }

  hasTenant(id: string): boolean {
    return this.core.hasTenant(id);
  }

  createTenant(id: string): Tenant {
    return this.wrap(ouErrors(() => this.core.createTenant(id)));
  }

  loadTenant(s: TenantSnapshot): Tenant {
    return this.wrap(ouErrors(() => this.core.loadTenant(s)));
  }

  tenant(id: string): Tenant {
    return this.wrap(ouErrors(() => this.core.tenant(id)));
  }

  deleteTenant(id: string): void {
    ouErrors(() => this.core.deleteTenant(id));
  }

  tenantIds(): string[] {
    return this.core.tenantIds();
  }

  toSnapshot(): Snapshot {
    return this.core.toSnapshot();
  }

  /** One wrapper per core tenant, so a Tenant object stays the same across a reset, as the core's does. */
  private wrap(t: CoreTenant): Tenant {
    let wrapped = this.wrappers.get(t);
    if (wrapped === undefined) {
      wrapped = new Tenant(t, { directory: this.core, defects: this.defects });
      this.wrappers.set(t, wrapped);
    }
    return wrapped;
  }
}

/** A Directory with a 1 s-per-call clock and ids `id-1`, `id-2`, … (users share the counter). */
export function makeDirectory(defects: readonly Defect[] = []): TestDirectory {
  let clock = 0;
  let id = 0;
  return new TestDirectory({ clock: () => new Date(T0 + clock++ * 1000), newId: () => `id-${++id}` }, defects);
}

export function makeTenant(defects: readonly Defect[] = [], tenantId = 'acme'): Tenant {
  return makeDirectory(defects).createTenant(tenantId);
}

/**
 * Creates OUs from slash paths, parents first: `build(t, 'A', 'A/B')`.
 * Returns the created OUs by the given path.
 */
export function build(t: Tenant, ...paths: string[]): Record<string, OUResponse> {
  const made: Record<string, OUResponse> = {};
  for (const p of paths) {
    const cut = p.lastIndexOf('/');
    const parent = cut < 0 ? null : made[p.slice(0, cut)];
    if (parent === undefined) throw new Error(`build: parent of ${p} not built yet`);
    made[p] = t.createOu({ name: p.slice(cut + 1), parent_id: parent === null ? null : parent.id });
  }
  return made;
}

/** Runs `fn` and names what happened: 'ok' or the error's class name. */
export function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as Error).constructor.name;
  }
}

/** Walks every page of the OU list. */
export function allListed(t: Tenant): ReturnType<Tenant['listOus']>['data'] {
  const out: ReturnType<Tenant['listOus']>['data'] = [];
  for (let page = 1; ; page++) {
    const res = t.listOus({ page, per_page: 100 });
    out.push(...res.data);
    if (page >= res.pagination.total_pages) return out;
  }
}

/**
 * Every broken invariant of a tenant, read through the public API only: forest (OU-H1),
 * recomputed paths (OU-H2, OU-H3), sibling uniqueness (OU-H4), counts (OU-H6), list order (OU-L4), list and tree
 * coverage (OU-L7, OU-R1), users pointing at live OUs and listed in their OU and its ancestors (OU-S2).
 */
export function violations(t: Tenant): string[] {
  const bad: string[] = [];
  const snap = t.toSnapshot();
  const byId = new Map(snap.ous.map((o) => [o.id, o]));
  const expectedPath = (id: string): string | null => {
    const names: string[] = [];
    for (let cur = byId.get(id), steps = 0; cur !== undefined; steps++) {
      if (steps > byId.size) return null;
      names.unshift(cur.name);
      cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
    }
    return `/${names.join('/')}`;
  };
  const siblings = new Set<string>();
  for (const o of snap.ous) {
    if (o.parent_id !== null && !byId.has(o.parent_id)) bad.push(`${o.id}: parent ${o.parent_id} missing`);
    if (expectedPath(o.id) === null) bad.push(`${o.id}: cycle`);
    const key = `${o.parent_id}|${o.name.toLowerCase()}`;
    if (siblings.has(key)) bad.push(`${o.id}: sibling name "${o.name}" not unique`);
    siblings.add(key);
  }
  const listed = allListed(t);
  if (listed.length !== snap.ous.length) bad.push(`list has ${listed.length} OUs, snapshot ${snap.ous.length}`);
  const key = (o: { path: string; id: string }) => [o.path.toLowerCase(), o.id] as const;
  for (let i = 1; i < listed.length; i++) {
    const [pa, ia] = key(listed[i - 1]!);
    const [pb, ib] = key(listed[i]!);
    if (pa > pb || (pa === pb && ia >= ib)) bad.push(`list order: ${listed[i - 1]!.path} before ${listed[i]!.path}`);
  }
  for (const item of listed) {
    const path = expectedPath(item.id);
    if (item.path !== path) bad.push(`${item.id}: path ${item.path} != ${path}`);
    const users = snap.users.filter((u) => u.ou_id === item.id).length;
    if (item.user_count !== users) bad.push(`${item.id}: user_count ${item.user_count} != ${users}`);
    const full = t.getOu(item.id);
    const kids = snap.ous.filter((o) => o.parent_id === item.id).length;
    if (full.child_ou_count !== kids) bad.push(`${item.id}: child_ou_count ${full.child_ou_count} != ${kids}`);
    if (full.path !== path) bad.push(`${item.id}: getOu path ${full.path} != ${path}`);
    const direct = snap.users.filter((u) => u.ou_id === item.id).map((u) => u.id).sort();
    const listedUsers = t.listUsers(item.id, { per_page: 100 }).data.map((u) => u.id).sort();
    if (JSON.stringify(listedUsers) !== JSON.stringify(direct)) bad.push(`${item.id}: listUsers ${listedUsers} != ${direct}`);
    const inSubtree = new Set(snap.ous.filter((o) => expectedPath(o.id)?.startsWith(`${path}/`)).map((o) => o.id)).add(item.id);
    const nested = snap.users.filter((u) => u.ou_id !== null && inSubtree.has(u.ou_id)).length;
    const nestedListed = t.listUsers(item.id, { per_page: 1, include_nested: true }).pagination.total_items;
    if (nestedListed !== nested) bad.push(`${item.id}: nested users ${nestedListed} != ${nested}`);
  }
  for (const u of snap.users) {
    if (u.ou_id !== null && !byId.has(u.ou_id)) bad.push(`user ${u.id}: OU ${u.ou_id} missing`);
  }
  let inTree = 0;
  const stack = [...t.tree()];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    inTree++;
    stack.push(...(node.children ?? []));
  }
  if (inTree !== snap.ous.length) bad.push(`tree has ${inTree} OUs, snapshot ${snap.ous.length}`);
  return bad;
}

/** The issues of the ValidationError `fn` throws; fails when it throws nothing or something else. */
export function issuesOf(fn: () => unknown): readonly FieldIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}
