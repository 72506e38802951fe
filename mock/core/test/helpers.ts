/** Test helpers: a deterministic Directory, quick tree building, and an invariant checker that uses only the public API. */
import type { Defect } from '../../defects.ts';
import { Directory } from '../directory.ts';
import type { OUResponse } from '../dto.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import type { Tenant } from '../tenant.ts';

export const T0 = Date.parse('2025-01-01T00:00:00.000Z');

/** The ISO time of the n-th clock reading (the clock advances 1 s per reading, starting at T0). */
export function tick(n: number): string {
  return new Date(T0 + n * 1000).toISOString();
}

/** A Directory with a 1 s-per-call clock and ids `ou-1`, `ou-2`, … (users share the counter). */
export function makeDirectory(defects: readonly Defect[] = []): Directory {
  let clock = 0;
  let id = 0;
  return new Directory({
    clock: () => new Date(T0 + clock++ * 1000),
    newId: () => `id-${++id}`,
    defects: new Set(defects),
  });
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
