/** Steps that only read: get, list and its page walks, users and theirs, tree; and read-backs after writes. */
import type { OUListItem, OUTreeNode, UserItem } from '../../dialects/ou-api/dto.ts';
import { isRecord } from '../contract-model.ts';
import { pageOf, treeOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { known, resolve } from './ids.ts';
import type { Resolved } from './ids.ts';
import { dataOf, judgeOu, judgePage, judgeStatus, judgeTreeNode, judgeUser, judgeWalk, judgeListItem, modelCall, OU_PAGE_RULES, READ_RULES, USER_PAGE_RULES } from './judge.ts';
import type { ModelAnswer } from './judge.ts';
import { renderSearch } from './names.ts';
import type { SearchSpec } from './names.ts';
import type { IdRef, PageSpec, PerPageSpec, ScopeRef, Spec } from './steps.ts';
import type { World } from './world.ts';

/** The rule a GET of an id of this kind answers to. */
function getRule(kind: Resolved['kind']): string {
  return kind === 'other' ? 'OU-T1' : kind === 'deleted' ? 'OU-D5' : 'OU-G1';
}

/** GET one OU and compare it whole; `rule` (and `structure` for counts and children) name what a difference breaks. */
async function getOne(w: World, r: Resolved, rule?: string, structure?: string): Promise<void> {
  const ex = await w.send((api) => api.get(r.id));
  const m = modelCall(200, () => w.model.getOu(r.id));
  judgeStatus(w, ex, [m.status], rule ?? getRule(r.kind), `GET ${r.kind} OU`, m.error);
  if (m.value === undefined) return;
  const rules =
    rule === undefined
      ? READ_RULES
      : { ...READ_RULES, status: rule, name: rule, description: rule, parent: rule, attrs: rule, userCount: rule, childCount: structure ?? rule, children: structure ?? rule };
  judgeOu(w, ex, dataOf(w, ex), m.value, rules);
}

/** The other tenant's OU is as the phase created it: nothing done through this tenant reached it (OU-T1). */
export async function otherIntact(w: World, rule: string): Promise<void> {
  const other = w.env.other;
  if (other === undefined) return;
  const ex = await w.send((api) => api.get(other.ouId), other.api);
  const data = isRecord(ex.body) ? ex.body['data'] : undefined;
  const ok = ex.status === 200 && isRecord(data) && data['name'] === other.ouName && data['child_ou_count'] === 0 && (data['parent_id'] ?? null) === null;
  if (!ok) w.diverge(rule, `the other tenant's OU ${other.ouId} is unchanged (name ${JSON.stringify(other.ouName)}, no children, top level) after a refused request`, ex);
}

/**
 * Reads back what a step touched: OUs the model holds are compared whole, deleted ids must
 * answer 404, the other tenant's OU must be unchanged. Without `rule`, each difference is
 * judged by the rule of its field (a read before a write the model refuses).
 */
export async function readBack(w: World, refs: readonly Resolved[], rule?: string, structure = rule): Promise<void> {
  const seen = new Set<string>();
  for (const r of refs) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (r.kind === 'other') await otherIntact(w, 'OU-T1');
    else if (r.kind === 'deleted') await getOne(w, r, structure ?? 'OU-D5');
    else if (known(w, r.id)) await getOne(w, r, rule, structure);
  }
}

/** Every page of a model list, concatenated. */
function everything<T>(page: (n: number) => { data: T[]; pagination: { total_pages: number } }): T[] {
  const out: T[] = [];
  for (let n = 1; ; n++) {
    const p = page(n);
    out.push(...p.data);
    if (n >= p.pagination.total_pages) return out;
  }
}

function perPageOf(spec: PerPageSpec, total: number): number | string | undefined {
  if (spec === 'absent') return undefined;
  if (spec === 'total') return Math.min(100, Math.max(1, total));
  if (spec === 'divisor') {
    // A page size that divides the total exactly: the last page is full (off-by-one country).
    for (let d = Math.min(100, Math.floor(total / 2)); d >= 2; d--) if (total % d === 0) return d;
    return Math.min(100, Math.max(1, total));
  }
  return spec;
}

function pageOfSpec(spec: PageSpec, total: number, size: number | string | undefined): number | string | undefined {
  const per = typeof size === 'number' && size >= 1 ? size : 20;
  const pages = Math.ceil(total / per);
  if (spec === 'absent') return undefined;
  if (spec === 'last') return Math.max(1, pages);
  if (spec === 'past') return pages + 1;
  return spec;
}

/**
 * Query values as the model's core takes them. A non-number (\"x\") is passed through on
 * purpose: the core refuses it at ['query', …] with 422, as the HTTP layer does.
 */
function asNumber(v: number | string | undefined): number | undefined {
  return v as number | undefined;
}

interface Scope {
  parent: Resolved | null;
  search: string | undefined;
}

function scopeOf(w: World, scope: ScopeRef, search: SearchSpec | undefined): Scope {
  const parent = scope.kind === 'global' ? null : resolve(w, scope as IdRef);
  const text = search === undefined ? (parent === null ? renderSearch({ withTag: true, mask: false, tagCase: 'as', stem: '', punct: '', lead: '', trail: '' }, w.tag, true) : undefined) : renderSearch(search, w.tag, parent === null);
  return { parent, search: text };
}

/** Which rule explains the items a list got wrong: the search (OU-L5), the parent filter (OU-L6), the tenant-wide scope (OU-L7). */
function ouMembership(w: World, s: Scope): (extra: string[], missing: string[]) => string {
  return (extra, missing) => {
    if (s.parent?.kind === 'other') return 'OU-T1';
    const nameOf = (id: string): string => (known(w, id) ? w.model.getOu(id).name : '');
    const plainlyMatches = (id: string): boolean => s.search === undefined || nameOf(id).includes(s.search);
    if (extra.some((id) => known(w, id) && s.search !== undefined && !nameOf(id).toLowerCase().includes(s.search.toLowerCase()))) return 'OU-L5';
    if (s.parent === null) return missing.some((id) => plainlyMatches(id) && w.model.getOu(id).parent_id !== null) ? 'OU-L7' : 'OU-L5';
    if (extra.some((id) => known(w, id) && w.model.getOu(id).parent_id !== s.parent?.id)) return 'OU-L6';
    return s.search !== undefined && missing.some((id) => !plainlyMatches(id)) ? 'OU-L5' : s.search !== undefined && extra.length === 0 && missing.length === 0 ? 'OU-L5' : 'OU-L6';
  };
}

function listRule(s: Scope): string {
  return s.parent?.kind === 'other' ? 'OU-T1' : s.parent !== null && s.parent.kind !== 'ou' && s.parent.kind !== 'container' ? 'OU-L6' : 'OU-L1';
}

async function listPage(w: World, s: Scope, page: number | string | undefined, perPage: number | string | undefined, all: readonly OUListItem[]): Promise<{ ex: Exchange; items: Array<Record<string, unknown>> } | undefined> {
  const query = { parent_id: s.parent?.id, search: s.search, page, per_page: perPage };
  const ex = await w.send((api) => api.list(query));
  const m = modelCall(200, () => w.model.listOus({ parent_id: s.parent?.id ?? null, search: s.search ?? null, page: asNumber(page), per_page: asNumber(perPage) }));
  // An unknown parent_id: an empty list (SHOULD) or 404 (OU-L6).
  const unknownParent = s.parent !== null && !known(w, s.parent.id);
  const allowed = unknownParent && m.status === 200 ? [200, 404] : [m.status];
  judgeStatus(w, ex, allowed, m.status !== 200 ? 'OU-L1' : pastEnd(page, perPage, all.length) ? 'OU-L3' : listRule(s), `list ${JSON.stringify(query)}`, m.error);
  if (m.status !== 200 || ex.status !== 200) return undefined;
  await diagnoseMembership(w, ex, s, all);
  const items = judgePage(w, ex, all, { page: typeof page === 'number' ? page : undefined, perPage: typeof perPage === 'number' ? perPage : undefined }, { ...OU_PAGE_RULES, membership: ouMembership(w, s) }, (got, want) =>
    judgeListItem(w, ex, got, want),
  );
  return { ex, items };
}

function pastEnd(page: number | string | undefined, perPage: number | string | undefined, total: number): boolean {
  const per = typeof perPage === 'number' ? perPage : 20;
  return typeof page === 'number' && page > Math.max(1, Math.ceil(total / per));
}

/**
 * When a page shows other matches than the model's (its total, or an item that does not
 * match), the whole list is read (pages of 100, bounded) to tell which rule explains the
 * difference: items the search should not keep, children of another parent, missing depths.
 */
async function diagnoseMembership(w: World, ex: Exchange, s: Scope, all: readonly OUListItem[]): Promise<void> {
  const page = pageOf<Record<string, unknown>>(ex);
  const want = new Set(all.map((x) => x.id));
  if (page === undefined || (page.pagination.total_items === all.length && page.data.every((d) => want.has(String(d['id']))))) return;
  const got: string[] = [];
  for (let n = 1; n <= DIAGNOSIS_PAGES; n++) {
    const full = pageOf<Record<string, unknown>>(await w.send((api) => api.list({ parent_id: s.parent?.id, search: s.search, page: n, per_page: 100 })));
    if (full === undefined) break;
    got.push(...full.data.map((d) => String(d['id'])));
    if (n >= full.pagination.total_pages) break;
  }
  const extra = got.filter((id) => !want.has(id));
  const missing = [...want].filter((id) => !got.includes(id));
  w.diverge(ouMembership(w, s)(extra, missing), `list ${JSON.stringify({ parent_id: s.parent?.id, search: s.search })} matches ${all.length} OUs; the target has ${page.pagination.total_items}: extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}`, ex);
}

const DIAGNOSIS_PAGES = 5;

function ouMatches(w: World, s: Scope): OUListItem[] {
  return everything((n) => w.model.listOus({ parent_id: s.parent?.id ?? null, search: s.search ?? null, page: n, per_page: 100 }));
}

function userMatches(w: World, id: string, nested: boolean | undefined): ModelAnswer<UserItem[]> {
  return modelCall(200, () => everything((n) => w.model.listUsers(id, { page: n, per_page: 100, include_nested: nested ?? false })));
}

/** Walks are bounded: at most this many pages, then one past the end. */
const WALK_PAGES = 8;

type PageFetch = (page: number, perPage: number | string | undefined) => Promise<{ ex: Exchange; items: Array<Record<string, unknown>> } | undefined>;

/**
 * Walks every page (bounded by WALK_PAGES) with one page size: each match exactly once
 * (`rule`: OU-L4 / OU-S1), then one page past the end, empty with the true totals.
 */
async function walk(w: World, all: readonly { id: string }[], perPageSpec: PerPageSpec, fetch: PageFetch, rule: string): Promise<void> {
  const size = perPageOf(perPageSpec, all.length);
  const pages = Math.ceil(all.length / (typeof size === 'number' ? size : 20));
  const seen: string[] = [];
  let last: Exchange | undefined;
  for (let n = 1; n <= Math.min(pages, WALK_PAGES); n++) {
    const got = await fetch(n, size);
    if (got === undefined) return;
    seen.push(...got.items.map((i) => String(i['id'])));
    last = got.ex;
  }
  if (pages <= WALK_PAGES && last !== undefined) judgeWalk(w, last, all, seen, rule);
  await fetch(pages + 1, size);
}

function usersRule(r: Resolved): string {
  return r.kind === 'other' ? 'OU-T1' : r.kind === 'ou' || r.kind === 'container' ? 'OU-S1' : 'OU-S3';
}

async function usersPage(w: World, r: Resolved, nested: boolean | undefined, page: number | string | undefined, perPage: number | string | undefined, all: readonly UserItem[]): Promise<{ ex: Exchange; items: Array<Record<string, unknown>> } | undefined> {
  const query = { include_nested: nested, page, per_page: perPage };
  const ex = await w.send((api) => api.users(r.id, query));
  const m = modelCall(200, () => w.model.listUsers(r.id, { page: asNumber(page), per_page: asNumber(perPage), ...(nested !== undefined ? { include_nested: nested } : {}) }));
  judgeStatus(w, ex, [m.status], m.status === 200 && pastEnd(page, perPage, all.length) ? 'OU-S1' : usersRule(r), `users of ${r.kind} OU ${JSON.stringify(query)}`, m.error);
  if (m.status !== 200 || ex.status !== 200) return undefined;
  const items = judgePage(w, ex, all, { page: typeof page === 'number' ? page : undefined, perPage: typeof perPage === 'number' ? perPage : undefined }, { ...USER_PAGE_RULES, membership: () => 'OU-S2' }, (got, want) =>
    judgeUser(w, ex, got, want),
  );
  return { ex, items };
}

/** The tree: the sequence's container and top-level OUs, each to full depth, every OU exactly once (OU-R1). */
async function tree(w: World): Promise<void> {
  const ex = await w.send((api) => api.tree());
  judgeStatus(w, ex, [200], 'OU-R1', 'GET tree');
  const nodes = treeOf(ex);
  if (nodes === undefined) return w.diverge('OU-E1', 'the tree answers {"data": [...], "meta": {...}}', ex);
  const model = w.model.tree();
  const index = new Map<string, Array<Record<string, unknown>>>();
  const stack: unknown[] = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!isRecord(n)) continue;
    const id = String(n['id']);
    index.set(id, [...(index.get(id) ?? []), n]);
    if (Array.isArray(n['children'])) stack.push(...n['children']);
  }
  for (const id of [w.containerId, ...w.live]) {
    const count = index.get(id)?.length ?? 0;
    if (count !== 1) return w.diverge('OU-R1', `every OU appears exactly once in the tree: ${id} appears ${count} times`, ex);
  }
  for (const id of w.deleted) if (index.has(id)) return w.diverge('OU-D5', `a deleted OU vanishes from the tree: ${id} is still there`, ex);
  const topIds = new Set(nodes.filter(isRecord).map((n) => String(n['id'])));
  const tops = model.filter((n) => w.live.includes(n.id));
  for (const want of tops) {
    if (!topIds.has(want.id)) return w.diverge('OU-R1', `top-level OU ${want.id} is a top-level node of the tree`, ex);
  }
  const container = model.map((n) => findNode(n, w.containerId)).find((n) => n !== undefined);
  for (const want of [...(container !== undefined ? [container] : []), ...tops]) {
    judgeTreeNode(w, ex, (index.get(want.id) ?? [])[0] as Record<string, unknown>, want);
  }
}

function findNode(node: OUTreeNode, id: string): OUTreeNode | undefined {
  if (node.id === id) return node;
  for (const c of node.children ?? []) {
    const found = findNode(c, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Runs a read step. */
export async function runRead(w: World, spec: Spec): Promise<boolean> {
  switch (spec.kind) {
    case 'get':
      await getOne(w, resolve(w, spec.target));
      return true;
    case 'list': {
      const s = scopeOf(w, spec.scope, spec.search);
      const all = s.parent === null || known(w, s.parent.id) ? ouMatches(w, s) : [];
      const size = perPageOf(spec.perPage, all.length);
      await listPage(w, s, pageOfSpec(spec.page, all.length, size), size, all);
      return true;
    }
    case 'walk': {
      const s = scopeOf(w, spec.scope, spec.search);
      const all = s.parent === null || known(w, s.parent.id) ? ouMatches(w, s) : [];
      await walk(w, all, spec.perPage, (n, size) => listPage(w, s, n, size, all), 'OU-L4');
      return true;
    }
    case 'users': {
      const r = resolve(w, spec.target);
      const all = userMatches(w, r.id, spec.nested).value ?? [];
      const size = perPageOf(spec.perPage, all.length);
      await usersPage(w, r, spec.nested, pageOfSpec(spec.page, all.length, size), size, all);
      return true;
    }
    case 'usersWalk': {
      const r = resolve(w, spec.target);
      const all = userMatches(w, r.id, spec.nested).value ?? [];
      await walk(w, all, spec.perPage, (n, size) => usersPage(w, r, spec.nested, n, size, all), 'OU-S1');
      return true;
    }
    case 'tree':
      await tree(w);
      return true;
    default:
      return false;
  }
}
