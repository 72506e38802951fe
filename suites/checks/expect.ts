import type { CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import { ouOf, pageOf } from '../data.ts';
import type { Ou, OuListItem, PageOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { expectPage } from '../paging.ts';

/**
 * 422 with an HTTPValidationError whose items are {loc, msg, type} and one of which has
 * `loc` starting with `where` and naming `field` (any field when undefined). The status
 * is asserted under `statusRule` (the rule that says "otherwise 422", e.g. OU-H5 or
 * OU-D1; OU-E3 by default), the body's shape and `loc` under `shapeRule` (OU-E3, or
 * OU-E6 for unreadable bodies).
 */
export function expectValidation(
  ctx: CheckContext,
  ex: Exchange,
  where: 'body' | 'query' | 'path',
  field: string | undefined,
  what: string,
  statusRule = 'OU-E3',
  shapeRule = 'OU-E3',
): boolean {
  if (!ctx.expectStatus(ex, 422, what, statusRule)) return false;
  // A check that does not carry the shape's rule leaves the shape to validation_error_conformance.
  if (!ctx.rules.includes(shapeRule)) return true;
  ctx = ctx.rule(shapeRule);
  const detail = isRecord(ex.body) ? ex.body['detail'] : undefined;
  const items = Array.isArray(detail) ? detail : [];
  const shaped =
    items.length > 0 &&
    items.every(
      (d) => isRecord(d) && Array.isArray(d['loc']) && d['loc'].every((p) => typeof p === 'string' || typeof p === 'number') && typeof d['msg'] === 'string' && typeof d['type'] === 'string',
    );
  if (!ctx.expect(shaped, `${what}: 422 body is HTTPValidationError {"detail": [{loc, msg, type}, …]}`, ex)) return false;
  const named = items.some((d) => {
    const loc = (d as { loc: unknown[] }).loc;
    return loc[0] === where && (field === undefined || loc[1] === field);
  });
  return ctx.expect(named, `${what}: a detail item with loc starting ["${where}"${field === undefined ? '' : `, "${field}"`}]`, ex);
}

/** OU-E4: an error other than 422 carries {"detail": "<message>"}. */
export function expectDetail(ctx: CheckContext, ex: Exchange, what: string): boolean {
  const ok = isRecord(ex.body) && typeof ex.body['detail'] === 'string';
  return ctx.expect(ok, `${what}: body is {"detail": "<message>"}`, ex);
}

/**
 * Nesting deeper than this may be beyond a server's JSON parser (serde_json stops at
 * 128, Python's at about 1000): OU-E6 lets such a body be answered as unreadable.
 */
export const UNREADABLE_DEPTH = 100;

/** Deepest nesting of arrays and objects in a JSON text (strings skipped); no parsing, so no stack to overflow. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ']' || ch === '}') depth--;
  }
  return max;
}

/**
 * A POST or PATCH whose body a server cannot read as JSON (OU-E6): none, not JSON, or
 * nested deeper than UNREADABLE_DEPTH.
 */
export function unreadableBody(ex: Pick<Exchange, 'method' | 'requestBody'>): boolean {
  if (ex.method !== 'POST' && ex.method !== 'PATCH') return false;
  const body = ex.requestBody ?? '';
  try {
    JSON.parse(body);
  } catch {
    return true;
  }
  return jsonDepth(body) > UNREADABLE_DEPTH;
}

/** A refusal with a JSON `detail` (a string or a list): what OU-E6 accepts at core for an unreadable body. */
export function hasJsonDetail(ex: Exchange): boolean {
  return isRecord(ex.body) && (typeof ex.body['detail'] === 'string' || Array.isArray(ex.body['detail']));
}

/**
 * OU-E4 with the note of OU-E6: a body the server cannot read is refused with a 4xx that
 * carries a JSON `detail` (422 with `loc: ["body", …]` is the SHOULD, a parser's 400 is
 * acceptable at core). `accepted` lists success statuses that are right too (a 2000-deep
 * body a server can read is created).
 */
export function expectUnreadableRefused(ctx: CheckContext, ex: Exchange, what: string, accepted: readonly number[] = []): boolean {
  // A 422's body is OU-E3's (validation_error_conformance judges every 422 of the run).
  if (accepted.includes(ex.status) || ex.status === 422) return true;
  return ctx.expect(ex.status >= 400 && ex.status < 500 && hasJsonDetail(ex), `${what}: a 4xx with a JSON {"detail": …}${accepted.length > 0 ? ` (or ${accepted.join(', ')})` : ''}`, ex);
}

/** OU-A1: 401 with `WWW-Authenticate: Bearer…` and a detail body. */
export function expectUnauthorized(ctx: CheckContext, ex: Exchange, what: string): boolean {
  if (!ctx.expectStatus(ex, 401, what)) return false;
  const header = ex.headers['www-authenticate'] ?? '';
  const ok = ctx.expect(/^bearer\b/i.test(header), `${what}: 401 carries WWW-Authenticate: Bearer (got ${header === '' ? 'none' : `"${header}"`})`, ex);
  return expectDetail(ctx, ex, what) && ok;
}

/**
 * Whether every one of these requests was refused (4xx or 5xx). OU-E5 ("a request that
 * fails changes nothing") speaks of refused requests only: a wrongly accepted one is the
 * finding of the rule that says it must be refused, not a second failure under OU-E5.
 */
export function refused(...exchanges: readonly Exchange[]): boolean {
  return exchanges.every((ex) => ex.status >= 400);
}

/**
 * GET an OU and require 200 with it, valid against the contract: a body of the wrong
 * shape is OU-E1's finding, not a wrong value under the calling check's rule.
 */
export async function fetchOu(ctx: CheckContext, id: string, what: string): Promise<Ou> {
  const ex = await ctx.api.get(id);
  const ou = ouOf(ex);
  ctx.require(ex.status === 200 && ou !== undefined, `${what}: GET answers 200 with the OU`, ex);
  ctx.require(!ex.issues.some((i) => i.kind === 'schema'), `${what}: the OU is valid against the contract`, ex, 'OU-E1');
  return ou as Ou;
}

/** GET an OU and expect 404 (it was deleted, or never existed). */
export async function expectGone(ctx: CheckContext, id: string, what: string): Promise<boolean> {
  const ex = await ctx.api.get(id);
  return ctx.expectStatus(ex, 404, what);
}

/** One page of the list, required to be 200 with a well-formed page. */
export async function fetchPage(ctx: CheckContext, query: Record<string, string | number | boolean | undefined>, what: string): Promise<{ ex: Exchange; page: PageOf<OuListItem> }> {
  const ex = await ctx.api.list(query);
  const page = pageOf<OuListItem>(ex);
  ctx.require(ex.status === 200 && page !== undefined, `${what}: 200 with {data: [...], pagination: {page, per_page, total_items, total_pages}}`, ex);
  return { ex, page: page as PageOf<OuListItem> };
}

/** Every direct child of `parentId` in list order (pages of 100). */
export async function childrenOf(ctx: CheckContext, parentId: string, what: string): Promise<OuListItem[]> {
  const items: OuListItem[] = [];
  for (let page = 1; page <= 50; page++) {
    const { page: p } = await fetchPage(ctx, { parent_id: parentId, per_page: 100, page }, what);
    // Items of another parent are list.parent_filter's finding (OU-L6): keep the true children.
    items.push(...p.data.filter((i) => i.parent_id === undefined || i.parent_id === parentId));
    if (page >= p.pagination.total_pages) break;
  }
  return items;
}

/**
 * Which parts of a page to judge, each under the rule that states it: `echo` (page and
 * per_page as asked), `totals` (total_items and total_pages), `count` (items in data),
 * `slice` (the items are exactly their slice of the full ordered list). A part left out
 * is another check's matter: one cause, one failing check.
 */
export interface PageParts {
  echo?: string;
  totals?: string;
  count?: string;
  slice?: string;
}

/** Every part under OU-L2, the slice under OU-L4: a plain list page. */
export const LIST_PAGE: PageParts = { echo: 'OU-L2', totals: 'OU-L2', count: 'OU-L2' };

/** The pagination math of OU-L2 (or OU-S1) on one page, the parts `parts` names. */
export function expectPageMath<T extends { id: string }>(
  ctx: CheckContext,
  ex: Exchange,
  page: PageOf<T>,
  want: { total: number; perPage: number; page: number; ordered?: readonly string[] },
  what: string,
  parts: PageParts = LIST_PAGE,
): boolean {
  const e = expectPage(want.total, want.perPage, want.page);
  const p = page.pagination;
  let ok = true;
  if (parts.echo !== undefined) {
    ok = ctx.expect(p.page === want.page && p.per_page === want.perPage, `${what}: page=${want.page} per_page=${want.perPage}, got page=${p.page} per_page=${p.per_page}`, ex, parts.echo) && ok;
  }
  if (parts.totals !== undefined) {
    ok =
      ctx.expect(
        p.total_items === want.total && p.total_pages === e.total_pages,
        `${what}: total_items=${want.total} total_pages=${e.total_pages}, got total_items=${p.total_items} total_pages=${p.total_pages}`,
        ex,
        parts.totals,
      ) && ok;
  }
  if (parts.count !== undefined) ok = ctx.expect(page.data.length === e.count, `${what}: ${e.count} items, got ${page.data.length}`, ex, parts.count) && ok;
  if (ok && parts.slice !== undefined && want.ordered !== undefined) {
    const slice = want.ordered.slice(e.start, e.start + e.count);
    ok = ctx.expect(
      page.data.every((item, i) => item.id === slice[i]),
      `${what}: items ${e.start + 1}..${e.start + e.count} of the full ordered list`,
      ex,
      parts.slice,
    );
  }
  return ok;
}

/** Lower-cased plain string order (OU-L4 SHOULD, OU-R2, OU-G2, OU-S4). */
export function lowerOrder(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * How this API builds a path from its parent's path and a name, learned from one OU and
 * its parent: OU-H2's `/`-joined form is only a SHOULD, so the OU-H3 checks judge
 * consistency with the API's own form. A top-level OU's parent path is ''. Skips the
 * check when the paths are not "parent path, separator, name".
 */
export function pathJoiner(ctx: CheckContext, parent: Pick<Ou, 'path'>, child: Pick<Ou, 'path' | 'name'>): (parentPath: string, name: string) => string {
  const { path, name } = child;
  if (typeof path !== 'string' || !path.startsWith(parent.path) || !path.endsWith(name) || path.length < parent.path.length + name.length) {
    return ctx.skip(`paths are not the parent's path, a separator and the name (${parent.path} → ${String(path)}): their consistency cannot be judged`);
  }
  const separator = path.slice(parent.path.length, path.length - name.length);
  return (parentPath, childName) => `${parentPath}${separator}${childName}`;
}

/** A random id no OU has: contract ids are opaque strings. */
export function unknownId(ctx: CheckContext): string {
  return `00000000-0000-4000-8000-${ctx.rng.word(12).replace(/[^0-9a-f]/g, 'a')}`;
}
