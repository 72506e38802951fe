/** Query checks and paging math shared by the OU list and the users list (OU-L1..L4, OU-S1). */
import type { Page } from './dto.ts';
import { NotFoundError, ValidationError, type Loc } from './errors.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

/** What a page is cut from: an array, or a sequence that computes only the slice asked for. */
export interface Sequence<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

export interface Paging {
  page: number;
  perPage: number;
}

/** Deliberate deviations from the paging rules, each driven by one test-only defect switch. */
export interface PagingQuirks {
  /** total_pages rounds down (OU-L2 / OU-S1 defects). */
  floorTotalPages?: boolean;
  /** A page past the last answers 404 (OU-L3 defect). */
  pastEndNotFound?: boolean;
  /** Each page starts one item early (OU-L4 defect). */
  overlap?: boolean;
}

function readInt(v: unknown, fallback: number, min: number, max: number, loc: Loc): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw ValidationError.field(loc, 'Input should be a valid integer', 'int_type');
  }
  if (v < min) throw ValidationError.field(loc, `Input should be greater than or equal to ${min}`, 'greater_than_equal');
  if (v > max) throw ValidationError.field(loc, `Input should be less than or equal to ${max}`, 'less_than_equal');
  return v;
}

/**
 * Reads `page` (>= 1, default 1) and `per_page` (1..100, default 20) (OU-L1).
 *
 * @example
 * readPaging({ per_page: 5 }); // { page: 1, perPage: 5 }
 * @throws ValidationError at ['query', 'page' | 'per_page'].
 */
export function readPaging(q: { page?: unknown; per_page?: unknown }, defaultPerPage = DEFAULT_PER_PAGE): Paging {
  return {
    page: readInt(q.page, 1, 1, Number.MAX_SAFE_INTEGER, ['query', 'page']),
    perPage: readInt(q.per_page, defaultPerPage, 1, MAX_PER_PAGE, ['query', 'per_page']),
  };
}

/** Reads an optional text filter (`search`, `parent_id`): absent and null both mean "no filter". */
export function readOptionalText(v: unknown, loc: Loc): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw ValidationError.field(loc, 'Input should be a valid string', 'string_type');
  return v;
}

/** Reads an optional boolean flag such as `include_nested` (default false). */
export function readFlag(v: unknown, loc: Loc): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw ValidationError.field(loc, 'Input should be a valid boolean', 'bool_type');
  return v;
}

/**
 * Cuts one page out of the full ordered list of matches (OU-L2, OU-L3).
 *
 * @example
 * paginate(['a', 'b', 'c'], { page: 2, perPage: 2 }, (x) => x);
 * // { data: ['c'], pagination: { page: 2, per_page: 2, total_items: 3, total_pages: 2 } }
 */
export function paginate<T, R>(
  items: Sequence<T>,
  paging: Paging,
  view: (item: T) => R,
  quirks: PagingQuirks = {},
): Page<R> {
  const { page, perPage } = paging;
  const total = items.length;
  const totalPages = quirks.floorTotalPages ? Math.floor(total / perPage) : Math.ceil(total / perPage);
  if (quirks.pastEndNotFound && page > Math.max(totalPages, 1)) {
    throw new NotFoundError(`page ${page} is past the last page (${totalPages})`);
  }
  const start = (page - 1) * perPage - (quirks.overlap && page > 1 ? 1 : 0);
  const data = start >= total ? [] : items.slice(start, start + perPage).map(view);
  return { data, pagination: { page, per_page: perPage, total_items: total, total_pages: totalPages } };
}
