/** What OU-L2 says one page of a paginated list must hold. */
export interface PageExpectation {
  total_pages: number;
  /** Number of items in `data`. */
  count: number;
  /** Index, in the full ordered list, of the first item of this page. */
  start: number;
}

/**
 * The pagination math of OU-L2 / OU-S1: `total_pages` = ceil(total / per_page) (0 when
 * there are none) and `data` holds min(per_page, max(0, total − (page−1)·per_page)) items.
 *
 * @example
 * expectPage(21, 20, 2); // { total_pages: 2, count: 1, start: 20 }
 */
export function expectPage(totalItems: number, perPage: number, page: number): PageExpectation {
  if (!Number.isInteger(totalItems) || totalItems < 0) throw new RangeError(`totalItems must be an integer >= 0, got ${totalItems}`);
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be an integer >= 1, got ${perPage}`);
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be an integer >= 1, got ${page}`);
  const start = (page - 1) * perPage;
  return {
    total_pages: Math.ceil(totalItems / perPage),
    count: Math.min(perPage, Math.max(0, totalItems - start)),
    start,
  };
}

/** One (total, per_page, page) case of the pagination table. */
export interface PageCase {
  perPage: number;
  page: number;
}

/**
 * The (per_page, page) cases worth asking for a list of `total` items: defaults-sized
 * pages, exact multiples, a remainder page, the page just past the end, far past the end,
 * per_page 1 and 100.
 */
export function pageCases(total: number): PageCase[] {
  const cases: PageCase[] = [];
  const add = (perPage: number, page: number): void => {
    if (!cases.some((c) => c.perPage === perPage && c.page === page)) cases.push({ perPage, page });
  };
  for (const perPage of [1, 2, 3, 7, 20, 100]) {
    const { total_pages } = expectPage(total, perPage, 1);
    add(perPage, 1);
    if (total_pages > 1) add(perPage, total_pages);
    add(perPage, total_pages + 1);
  }
  if (total > 0) add(total, 1);
  add(total + 1, 1);
  add(20, 50);
  return cases;
}
