/**
 * `index`'s request → a core query, and its page → Yii2's pagination headers (V2-L1..L5).
 * The contract already refuses bad values; these checks repeat the bounds so a handler
 * called without the host (tests, other hosts) answers the same 422s.
 */
import type { UnitOrderKey, UnitPage, UnitQuery, UnitsApi, UnitView } from '../../mock/core/units.ts';
import { isRecord } from '../../suites/contract-model.ts';
import type { FieldError } from './render.ts';
import { PAGING, PATHS, SORTS } from './wire.ts';
import type { Sort } from './wire.ts';

export interface IndexParams {
  page: number;
  perPage: number;
  sort: Sort;
  filter: { name?: string; code?: string; parentId?: string | null };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Beyond this the window's offset would leave the safe integers (no page that far can hold anything). */
const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / PAGING.maxPerPage);

const FILTER_KEYS = new Set(['name', 'code', 'parent_org_unit_id']);

/** A query value (`?page=2`) as an integer when it spells one exactly; other values stay as given. */
function fromQuery(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
}

function integerIn(field: string, value: unknown, min: number, max: number, errors: FieldError[]): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.push({ field, message: `${field === 'page' ? 'Page' : 'Per Page'} must be an integer.` });
    return undefined;
  }
  if (value < min) errors.push({ field, message: `${field === 'page' ? 'Page' : 'Per Page'} must be no less than ${min}.` });
  else if (value > max) errors.push({ field, message: `${field === 'page' ? 'Page' : 'Per Page'} must be no greater than ${max}.` });
  else return value;
  return undefined;
}

/**
 * The parameters of `index`: from the body, else (for `page` and `per-page`, as the Link
 * header's URLs carry them) from the query, else the defaults.
 */
export function parseIndex(body: unknown, query: Readonly<Record<string, unknown>>, defaultPerPage: number = PAGING.defaultPerPage): Parsed<IndexParams> {
  const b = isRecord(body) ? body : {};
  const errors: FieldError[] = [];
  const pageValue = 'page' in b ? b['page'] : fromQuery(query['page']);
  const perPageValue = 'per-page' in b ? b['per-page'] : fromQuery(query['per-page']);
  const page = pageValue === undefined ? 1 : integerIn('page', pageValue, 1, MAX_PAGE, errors);
  const perPage = perPageValue === undefined ? defaultPerPage : integerIn('per-page', perPageValue, 1, PAGING.maxPerPage, errors);
  const sortValue = 'sort' in b ? b['sort'] : 'name';
  const sort = SORTS.find((s) => s === sortValue);
  if (sort === undefined) errors.push({ field: 'sort', message: `Sort must be one of ${SORTS.join(', ')}.` });
  const filter: IndexParams['filter'] = {};
  const f = b['filter'];
  if (f !== undefined && !isRecord(f)) errors.push({ field: 'filter', message: 'Filter must be an object.' });
  if (isRecord(f)) {
    for (const key of Object.keys(f)) if (!FILTER_KEYS.has(key)) errors.push({ field: `filter.${key}`, message: `Filter ${JSON.stringify(key)} is unknown: use name, code or parent_org_unit_id.` });
    for (const key of ['name', 'code'] as const) {
      const v = f[key];
      if (v === undefined) continue;
      if (typeof v === 'string') filter[key] = v;
      else errors.push({ field: `filter.${key}`, message: `Filter ${key} must be a string.` });
    }
    if ('parent_org_unit_id' in f) {
      const v = f['parent_org_unit_id'];
      if (v === null || typeof v === 'string') filter.parentId = v;
      else errors.push({ field: 'filter.parent_org_unit_id', message: 'Filter parent_org_unit_id must be a string or null.' });
    }
  }
  if (errors.length > 0 || page === undefined || perPage === undefined || sort === undefined) return { ok: false, errors };
  return { ok: true, value: { page, perPage, sort, filter } };
}

const ORDER_KEY: Readonly<Record<string, UnitOrderKey>> = { name: 'name', code: 'code', created_at: 'createdAt' };

/** The core query of an index request: the filters ANDed, the sort, the page's window. */
export function toQuery(p: IndexParams): UnitQuery & { window: { offset: number; limit: number } } {
  const desc = p.sort.startsWith('-');
  const key = ORDER_KEY[desc ? p.sort.slice(1) : p.sort] as UnitOrderKey;
  return {
    where: {
      ...(p.filter.name !== undefined ? { nameContains: p.filter.name } : {}),
      ...(p.filter.code !== undefined ? { code: p.filter.code } : {}),
      ...(p.filter.parentId !== undefined ? { parentId: p.filter.parentId } : {}),
    },
    orderBy: [{ key, desc }],
    window: { offset: (p.page - 1) * p.perPage, limit: p.perPage },
  };
}

/**
 * A windowed query whose units without a code come after the coded ones (in the query's
 * order), ties by ascending id: two core queries, the window spread over both.
 */
export function codesThenNone(api: UnitsApi, q: UnitQuery & { window: { offset: number; limit: number } }): UnitPage {
  const where = q.where ?? {};
  const also = (u: UnitView): boolean => where.test === undefined || where.test(u);
  const coded = api.queryUnits({ ...q, where: { ...where, test: (u) => u.fields.code !== null && also(u) } });
  const uncoded = api.queryUnits({
    where: { ...where, test: (u) => u.fields.code === null && also(u) },
    orderBy: [{ key: 'id' }],
    window: { offset: Math.max(0, q.window.offset - coded.total), limit: q.window.limit - coded.items.length },
  });
  return { total: coded.total + uncoded.total, items: [...coded.items, ...uncoded.items] };
}

/** The number of pages of `total` items (0 when nothing matches, V2-L2). */
export function pageCount(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}

/** Yii2's Link header: `self`, `first`, `last`, and `next`/`prev` where they exist (V2-L5). */
export function linkHeader(page: number, perPage: number, pages: number): string {
  const url = (n: number): string => `<${PATHS.index}?page=${n}&per-page=${perPage}>`;
  const links = [`${url(page)}; rel=self`, `${url(1)}; rel=first`];
  if (page > 1 && page <= pages) links.push(`${url(page - 1)}; rel=prev`);
  if (page < pages) links.push(`${url(page + 1)}; rel=next`);
  links.push(`${url(Math.max(pages, 1))}; rel=last`);
  return links.join(', ');
}

/** The four `X-Pagination-*` headers and the Link header of one page. */
export function pagingHeaders(p: Pick<IndexParams, 'page' | 'perPage'>, total: number, pages: number): Record<string, string> {
  return {
    'X-Pagination-Total-Count': String(total),
    'X-Pagination-Page-Count': String(pages),
    'X-Pagination-Current-Page': String(p.page),
    'X-Pagination-Per-Page': String(p.perPage),
    Link: linkHeader(p.page, p.perPage, pages),
  };
}
