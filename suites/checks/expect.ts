import type { CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import { ouOf, pageOf } from '../data.ts';
import type { Ou, OuListItem, PageOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { expectPage } from '../paging.ts';

/**
 * OU-E3: 422 with an HTTPValidationError whose items are {loc, msg, type} and one of
 * which has `loc` starting with `where` and naming `field` (any field when undefined).
 */
export function expectValidation(ctx: CheckContext, ex: Exchange, where: 'body' | 'query' | 'path', field: string | undefined, what: string): boolean {
  if (!ctx.expectStatus(ex, 422, what)) return false;
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

/** OU-A1: 401 with `WWW-Authenticate: Bearer…` and a detail body. */
export function expectUnauthorized(ctx: CheckContext, ex: Exchange, what: string): boolean {
  if (!ctx.expectStatus(ex, 401, what)) return false;
  const header = ex.headers['www-authenticate'] ?? '';
  const ok = ctx.expect(/^bearer\b/i.test(header), `${what}: 401 carries WWW-Authenticate: Bearer (got ${header === '' ? 'none' : `"${header}"`})`, ex);
  return expectDetail(ctx, ex, what) && ok;
}

/** GET an OU and require 200 with it. */
export async function fetchOu(ctx: CheckContext, id: string, what: string): Promise<Ou> {
  const ex = await ctx.api.get(id);
  const ou = ouOf(ex);
  ctx.require(ex.status === 200 && ou !== undefined, `${what}: GET answers 200 with the OU`, ex);
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
    items.push(...p.data);
    if (page >= p.pagination.total_pages) break;
  }
  return items;
}

/**
 * OU-L2 on one page: totals, echo of page/per_page, the item count, and (given the full
 * ordered list) that the page is exactly its slice.
 */
export function expectPageMath<T extends { id: string }>(
  ctx: CheckContext,
  ex: Exchange,
  page: PageOf<T>,
  want: { total: number; perPage: number; page: number; ordered?: readonly string[] },
  what: string,
): boolean {
  const e = expectPage(want.total, want.perPage, want.page);
  const p = page.pagination;
  const got = `page=${p.page} per_page=${p.per_page} total_items=${p.total_items} total_pages=${p.total_pages} items=${page.data.length}`;
  const expected = `page=${want.page} per_page=${want.perPage} total_items=${want.total} total_pages=${e.total_pages} items=${e.count}`;
  let ok = ctx.expect(
    p.page === want.page && p.per_page === want.perPage && p.total_items === want.total && p.total_pages === e.total_pages && page.data.length === e.count,
    `${what}: ${expected}, got ${got}`,
    ex,
  );
  if (ok && want.ordered !== undefined) {
    const slice = want.ordered.slice(e.start, e.start + e.count);
    ok = ctx.expect(
      page.data.every((item, i) => item.id === slice[i]),
      `${what}: items ${e.start + 1}..${e.start + e.count} of the full ordered list`,
      ex,
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

/** A random id no OU has: contract ids are opaque strings. */
export function unknownId(ctx: CheckContext): string {
  return `00000000-0000-4000-8000-${ctx.rng.word(12).replace(/[^0-9a-f]/g, 'a')}`;
}
