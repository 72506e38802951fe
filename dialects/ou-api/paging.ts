/** The OU API's query checks and page math, shared by the OU list and the users list (OU-L1..L4, OU-S1). */
import { NotFoundError, ValidationError, type Loc } from '../../mock/http/typed-errors.ts';
import type { Page } from './dto.ts';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

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

/** The 0-based window of the core's query that a page asks for. */
export function windowOf({ page, perPage }: Paging, quirks: PagingQuirks = {}): { offset: number; limit: number } {
  const offset = (page - 1) * perPage - (quirks.overlap && page > 1 ? 1 : 0);
  // A page far past the end (page may be up to 2^53) is empty: any offset beyond the list gives that.
  return { offset: Math.min(offset, Number.MAX_SAFE_INTEGER), limit: perPage };
}

/**
 * A page from the window's items and the total of matches (OU-L2, OU-L3).
 *
 * @example
 * pageOf(['c'], 3, { page: 2, perPage: 2 });
 * // { data: ['c'], pagination: { page: 2, per_page: 2, total_items: 3, total_pages: 2 } }
 * @throws NotFoundError past the last page under the past-last-page-404 quirk.
 */
export function pageOf<T>(data: T[], total: number, paging: Paging, quirks: PagingQuirks = {}): Page<T> {
  const { page, perPage } = paging;
  const totalPages = quirks.floorTotalPages ? Math.floor(total / perPage) : Math.ceil(total / perPage);
  if (quirks.pastEndNotFound && page > Math.max(totalPages, 1)) {
    throw new NotFoundError(`page ${page} is past the last page (${totalPages})`);
  }
  return { data, pagination: { page, per_page: perPage, total_items: total, total_pages: totalPages } };
}
