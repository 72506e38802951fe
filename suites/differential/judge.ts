/**
 * Comparing the target's answers with the model's. Only what the rules fix is compared
 * strictly; every latitude the behaviour document leaves is accepted: 404 or 422 for an
 * unknown parent (OU-C2), 409 or 422 for a cycle (OU-U2), 403 or 404 for another tenant
 * (OU-A2), an empty list or 404 for an unknown parent filter (OU-L6), any message wording,
 * any order where order is only a SHOULD (recorded under the SHOULD rule), any path format
 * that follows every change (OU-H2 is a SHOULD, OU-H3 a MUST).
 */
import type { OUChildInfo, OUListItem, OUResponse, OUTreeNode, UserItem } from '../../dialects/ou-api/dto.ts';
import { OuError, ValidationError } from '../../mock/http/typed-errors.ts';
import { isRecord } from '../contract-model.ts';
import { canonical, pageOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import type { World } from './world.ts';

/** What the model answered: a value with its status, or the typed error it threw. */
export type ModelAnswer<T> = { status: number; value: T; error?: undefined } | { status: number; value?: undefined; error: OuError };

/** Runs a model operation; typed errors become their status, anything else is a bug and propagates. */
export function modelCall<T>(ok: number, fn: () => T): ModelAnswer<T> {
  try {
    return { status: ok, value: fn() };
  } catch (error) {
    if (error instanceof OuError) return { status: error.status, error };
    throw error;
  }
}

/** Which rule each part of an OU answer is judged by; commands override for the OU they act on. */
export interface OuRules {
  status: string;
  name: string;
  description: string;
  parent: string;
  attrs: string;
  childCount: string;
  userCount: string;
  children: string;
  path?: string;
  /** The create response: updated_at must be null (OU-C1). */
  fresh?: boolean;
}

export const READ_RULES: OuRules = {
  status: 'OU-G1',
  name: 'OU-G1',
  description: 'OU-G1',
  parent: 'OU-H1',
  attrs: 'OU-C3',
  childCount: 'OU-H6',
  userCount: 'OU-H6',
  children: 'OU-G2',
};

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The target's status is one of `allowed`; an error answer also has the body its rule fixes. */
export function judgeStatus(w: World, ex: Exchange, allowed: readonly number[], rule: string, what: string, modelError?: OuError): boolean {
  judgeContract(w, ex);
  if (!allowed.includes(ex.status)) {
    const got = ex.status === 0 ? `no answer (${ex.error ?? ''})` : `${ex.status}`;
    const rules = ex.status >= 500 ? 'OU-E4' : rule;
    w.diverge(rules, `${what}: expected ${allowed.join(' or ')}, got ${got}`, ex);
    return false;
  }
  if (ex.status >= 400) judgeErrorBody(w, ex, modelError);
  return true;
}

/** Contract conformance of every answer (the client validated it against the schemas). */
function judgeContract(w: World, ex: Exchange): void {
  const schema = ex.issues.find((i) => i.kind === 'schema');
  if (schema === undefined) return;
  const rule = ex.status === 422 ? 'OU-E3' : ex.status >= 400 ? 'OU-E4' : 'OU-E1';
  w.diverge(rule, `${ex.method} ${ex.path} answered ${ex.status} with a body the contract does not allow: ${schema.message}`, ex);
}

/** OU-E3 (422: HTTPValidationError naming where and which field), OU-A1 (401), OU-E4 (others: {"detail": "…"}). */
function judgeErrorBody(w: World, ex: Exchange, modelError: OuError | undefined): void {
  const body = ex.body;
  if (ex.status === 422) {
    const detail = isRecord(body) ? body['detail'] : undefined;
    const items = Array.isArray(detail) ? detail.filter(isRecord) : [];
    const shaped = items.length > 0 && items.every((d) => Array.isArray(d['loc']) && typeof d['msg'] === 'string' && typeof d['type'] === 'string');
    if (!shaped) return w.diverge('OU-E3', `422 body is {"detail": [{loc, msg, type}, ...]}, got ${show(body)}`, ex);
    const want = modelError instanceof ValidationError ? modelError.issues[0]?.loc : undefined;
    const where = want === undefined ? ['body', 'query', 'path'] : [String(want[0])];
    const named = items.some((d) => {
      const loc = d['loc'] as unknown[];
      return where.includes(String(loc[0])) && (want === undefined || want.length < 2 || loc[1] === want[1]);
    });
    if (!named) w.diverge('OU-E3', `422 detail has an item with loc starting ${show(want ?? where)}, got ${show(items.map((d) => d['loc']))}`, ex);
    return;
  }
  if (ex.status === 401 && !/^bearer\b/i.test(ex.headers['www-authenticate'] ?? '')) {
    w.diverge('OU-A1', `401 carries WWW-Authenticate: Bearer, got ${show(ex.headers['www-authenticate'] ?? null)}`, ex);
  }
  if (!isRecord(body) || typeof body['detail'] !== 'string') w.diverge('OU-E4', `${ex.status} body is {"detail": "<message>"}, got ${show(body)}`, ex);
}

/** `data` of a single-object envelope (OU-E1). */
export function dataOf(w: World, ex: Exchange): unknown {
  if (!isRecord(ex.body) || !('data' in ex.body) || !isRecord(ex.body['meta'])) {
    w.diverge('OU-E1', `${ex.status} body is {"data": ..., "meta": {...}}, got ${show(ex.body)}`, ex);
  }
  return (ex.body as Record<string, unknown>)['data'];
}

function same(w: World, ex: Exchange, rule: string, what: string, got: unknown, want: unknown): void {
  if (canonical(got) !== canonical(want)) w.diverge(rule, `${what}: expected ${show(want)}, got ${show(got)}`, ex);
}

/**
 * A path the target shows for `id`. The model's format is only a SHOULD (OU-H2); a path in
 * another format must still change exactly when the model's does (OU-H3).
 */
export function judgePath(w: World, ex: Exchange, id: string, target: unknown, model: string, rule = 'OU-H3'): void {
  if (typeof target !== 'string') return w.diverge('OU-E1', `path of ${id} is a string, got ${show(target)}`, ex);
  const last = w.paths.get(id);
  w.paths.set(id, { model, target });
  if (target === model) {
    if (last !== undefined && last.target !== target && last.model === model) w.diverge(rule, `path of ${id} changed to ${show(target)} though nothing renamed or moved it`, ex);
    return;
  }
  if (last === undefined || (last.model !== model && last.target !== target)) {
    w.diverge('OU-H2', `path of ${id} is "/" + the names from the top down: expected ${show(model)}, got ${show(target)}`, ex);
  } else if (last.model !== model) {
    w.diverge(rule, `path of ${id} follows the rename/move (${show(last.model)} -> ${show(model)}), but stays ${show(target)}`, ex);
  } else {
    w.diverge(rule, `path of ${id} changed to ${show(target)} though nothing renamed or moved it (${show(model)})`, ex);
  }
}

/** A full OU (create, get, update answers). */
export function judgeOu(w: World, ex: Exchange, got: unknown, want: OUResponse, rules: OuRules): void {
  if (!isRecord(got)) return w.diverge('OU-E1', `data is an OU, got ${show(got)}`, ex);
  same(w, ex, 'OU-U3', 'id', got['id'], want.id);
  same(w, ex, rules.name, `name of ${want.id}`, got['name'], want.name);
  same(w, ex, rules.description, `description of ${want.id}`, got['description'] ?? null, want.description ?? null);
  same(w, ex, rules.parent, `parent_id of ${want.id}`, got['parent_id'] ?? null, want.parent_id ?? null);
  same(w, ex, rules.attrs, `custom_attributes of ${want.id}`, got['custom_attributes'] ?? null, want.custom_attributes ?? null);
  same(w, ex, rules.childCount, `child_ou_count of ${want.id}`, got['child_ou_count'], want.child_ou_count);
  same(w, ex, rules.userCount, `user_count of ${want.id}`, got['user_count'], want.user_count);
  judgePath(w, ex, want.id, got['path'], want.path, rules.path);
  judgeTimestamps(w, ex, want.id, got, rules.fresh === true);
  judgeChildren(w, ex, want.id, got['children'], want.children ?? [], rules.children);
}

function judgeTimestamps(w: World, ex: Exchange, id: string, got: Record<string, unknown>, fresh: boolean): void {
  const created = got['created_at'];
  const known = w.createdAt.get(id);
  if (known === undefined && typeof created === 'string') w.createdAt.set(id, created);
  else if (known !== undefined && created !== known) w.diverge('OU-U3', `created_at of ${id} never changes: expected ${show(known)}, got ${show(created)}`, ex);
  const updated = got['updated_at'] ?? null;
  if (fresh && updated !== null) w.diverge('OU-C1', `a new OU has updated_at null, got ${show(updated)}`, ex);
  if (w.patched.has(id) && updated === null) w.diverge('OU-U3', `updated_at of ${id} is set after a successful update, got null`, ex);
}

/** `children` of an OU: the direct children as OUChildInfo (OU-G2), their user_count (OU-H6) and paths (OU-H3). */
function judgeChildren(w: World, ex: Exchange, id: string, got: unknown, want: readonly OUChildInfo[], rule: string): void {
  if (!Array.isArray(got)) return w.diverge(rule, `children of ${id} is a list, got ${show(got)}`, ex);
  const items = got.filter(isRecord);
  const ids = items.map((c) => c['ou_id']);
  const wantIds = want.map((c) => c.ou_id);
  if (canonical([...ids].sort()) !== canonical([...wantIds].sort())) {
    return w.diverge(rule, `children of ${id} are its direct children: expected ${show(wantIds)}, got ${show(ids)}`, ex);
  }
  for (const c of want) {
    const g = items.find((i) => i['ou_id'] === c.ou_id) as Record<string, unknown>;
    same(w, ex, 'OU-H6', `user_count of child ${c.ou_id}`, g['user_count'], c.user_count);
    same(w, ex, rule, `name of child ${c.ou_id}`, g['name'], c.name);
    judgePath(w, ex, c.ou_id, g['path'], c.path);
  }
  if (canonical(ids) !== canonical(wantIds)) w.diverge('OU-G2', `children of ${id} ordered by lower-cased name: expected ${show(wantIds)}, got ${show(ids)}`, ex);
}

/** One list item (OU-L*, OU-H6 for user_count). */
export function judgeListItem(w: World, ex: Exchange, got: Record<string, unknown>, want: OUListItem): void {
  same(w, ex, 'OU-G1', `name of ${want.id} in the list`, got['name'], want.name);
  same(w, ex, 'OU-H1', `parent_id of ${want.id} in the list`, got['parent_id'] ?? null, want.parent_id ?? null);
  same(w, ex, 'OU-H6', `user_count of ${want.id} in the list`, got['user_count'], want.user_count);
  judgePath(w, ex, want.id, got['path'], want.path);
}

/** The rules a paged list is judged by. */
export interface PageRules {
  /** Which items match (OU-L5/L6/L7, OU-S2): chosen from the difference by the caller. */
  membership: (extra: string[], missing: string[]) => string;
  math: string;
  pastEnd: string;
  defaults: string;
  order: string;
  /**
   * The rule whose SHOULD is the documented order, when it is a SHOULD-only rule (OU-S4). OU-L4's
   * order is a SHOULD inside a MUST rule: a divergence under it would count at core and fail a server
   * that orders its lists another stable way, so lists leave their order to pagination.order (profile).
   */
  orderShould?: string;
}

export const OU_PAGE_RULES: Omit<PageRules, 'membership'> = { math: 'OU-L2', pastEnd: 'OU-L3', defaults: 'OU-L1', order: 'OU-L4' };
export const USER_PAGE_RULES: Omit<PageRules, 'membership'> = { math: 'OU-S1', pastEnd: 'OU-S1', defaults: 'OU-S1', order: 'OU-S1', orderShould: 'OU-S4' };

/**
 * One page of a list against every match in the model's order. Page math and membership are
 * MUST; the order (hence which matches land on which page) only the SHOULD of `orderShould`,
 * when there is one.
 * Returns the page's items for walks.
 */
export function judgePage<T extends { id: string }>(
  w: World,
  ex: Exchange,
  all: readonly T[],
  req: { page: number | undefined; perPage: number | undefined },
  rules: PageRules,
  item: (got: Record<string, unknown>, want: T) => void,
): Array<Record<string, unknown>> {
  const page = pageOf<Record<string, unknown>>(ex);
  if (page === undefined || !isRecord((ex.body as Record<string, unknown>)['meta'])) {
    w.diverge('OU-E1', `a list answers {"data": [...], "pagination": {...}, "meta": {...}}, got ${show(ex.body)}`, ex);
    return [];
  }
  const p = page.pagination;
  const n = req.page ?? 1;
  const size = req.perPage ?? 20;
  const total = all.length;
  const totalPages = Math.ceil(total / size);
  if (p.per_page !== size) w.diverge(req.perPage === undefined ? rules.defaults : rules.math, `per_page is ${size}, got ${show(p.per_page)}`, ex);
  if (p.page !== n) w.diverge(req.page === undefined ? rules.defaults : rules.math, `page is ${n}, got ${show(p.page)}`, ex);
  const byId = new Map(all.map((x) => [x.id, x]));
  const ids = page.data.map((d) => String(d['id']));
  const extra = ids.filter((id) => !byId.has(id));
  if (p.total_items !== total || extra.length > 0) {
    const missing = total <= size && n === 1 ? all.map((x) => x.id).filter((id) => !ids.includes(id)) : [];
    w.diverge(rules.membership(extra, missing), `total_items ${total} (${show(all.map((x) => x.id))}), got ${show(p.total_items)} with items ${show(ids)}`, ex);
  }
  if (p.total_pages !== totalPages) w.diverge(rules.math, `total_pages = ceil(${total} / ${size}) = ${totalPages}, got ${show(p.total_pages)}`, ex);
  const count = Math.min(size, Math.max(0, total - (n - 1) * size));
  if (page.data.length !== count) w.diverge(n > totalPages ? rules.pastEnd : rules.math, `page ${n} of ${total} items by ${size} holds ${count} items, got ${page.data.length}`, ex);
  if (new Set(ids).size !== ids.length) w.diverge(rules.order, `a page lists each item once, got ${show(ids)}`, ex);
  for (const d of page.data) {
    const want = byId.get(String(d['id']));
    if (want !== undefined) item(d, want);
  }
  const slice = all.slice((n - 1) * size, (n - 1) * size + size).map((x) => x.id);
  if (rules.orderShould !== undefined && canonical(ids) !== canonical(slice)) w.diverge(rules.orderShould, `page ${n} by ${size} in the documented order: expected ${show(slice)}, got ${show(ids)}`, ex);
  return page.data;
}

/** A walk over every page: each match exactly once (OU-L4 / OU-S1, MUST). */
export function judgeWalk(w: World, ex: Exchange, all: readonly { id: string }[], seen: readonly string[], rule: string): void {
  const want = all.map((x) => x.id).sort();
  if (canonical([...seen].sort()) !== canonical(want)) {
    w.diverge(rule, `walking every page returns each of the ${want.length} matches exactly once, got ${show(seen)}`, ex);
  }
}

/** A user item: id, ou_id, and the email when the adapter reported it (OU-S2, OU-S4). */
export function judgeUser(w: World, ex: Exchange, got: Record<string, unknown>, want: UserItem): void {
  same(w, ex, 'OU-S2', `ou_id of user ${want.id}`, got['ou_id'] ?? null, want.ou_id);
  const email = w.userEmails.get(want.id);
  if (email !== undefined) same(w, ex, 'OU-S4', `email of user ${want.id}`, got['email'], email);
}

/** A tree node and its subtree (OU-R1 nesting and membership, OU-R2 order, paths). */
export function judgeTreeNode(w: World, ex: Exchange, got: Record<string, unknown>, want: OUTreeNode): void {
  same(w, ex, 'OU-R1', `name of ${want.id} in the tree`, got['name'], want.name);
  judgePath(w, ex, want.id, got['path'], want.path);
  const wantKids = want.children ?? [];
  const kids = Array.isArray(got['children']) ? got['children'].filter(isRecord) : undefined;
  // A leaf without `children: []` breaks only the SHOULD (OU-R2); missing children break OU-R1.
  if (kids === undefined) return w.diverge(wantKids.length === 0 ? 'OU-R2' : 'OU-R1', `tree node ${want.id} carries children${wantKids.length === 0 ? ': []' : ''}`, ex);
  const ids = kids.map((k) => String(k['id']));
  const wantIds = wantKids.map((c) => c.id);
  if (canonical([...ids].sort()) !== canonical([...wantIds].sort())) {
    return w.diverge('OU-R1', `tree node ${want.id} has its direct children: expected ${show(wantIds)}, got ${show(ids)}`, ex);
  }
  if (canonical(ids) !== canonical(wantIds)) w.diverge('OU-R2', `tree siblings under ${want.id} ordered by lower-cased name: expected ${show(wantIds)}, got ${show(ids)}`, ex);
  for (const c of wantKids) judgeTreeNode(w, ex, kids.find((k) => k['id'] === c.id) as Record<string, unknown>, c);
}
