import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../mock/http/typed-errors.ts';
import { pageOf, readPaging, windowOf, type Paging, type PagingQuirks } from '../paging.ts';

const items = Array.from({ length: 7 }, (_, i) => i);

/** A page of `items` as the operations cut it: the window from the core, then the page around it. */
function paginate(paging: Paging, quirks: PagingQuirks = {}) {
  const { offset, limit } = windowOf(paging, quirks);
  return pageOf(items.slice(offset, offset + limit), items.length, paging, quirks);
}

describe('paging math', () => {
  it('OU-L1: defaults page 1 / per_page 20; a caller may choose another default', () => {
    expect(readPaging({})).toEqual({ page: 1, perPage: 20 });
    expect(readPaging({}, 10)).toEqual({ page: 1, perPage: 10 });
    expect(readPaging({ page: 3, per_page: 100 })).toEqual({ page: 3, perPage: 100 });
  });

  it.each([
    [1, 3, [0, 1, 2], 3],
    [3, 3, [6], 3],
    [4, 3, [], 3],
    [1, 7, [0, 1, 2, 3, 4, 5, 6], 1],
    [2, 6, [6], 2],
  ])('OU-L2 / OU-L3: page %i of per_page %i of 7 items -> %j, total_pages %i', (page, perPage, data, totalPages) => {
    expect(paginate({ page, perPage })).toEqual({
      data,
      pagination: { page, per_page: perPage, total_items: 7, total_pages: totalPages },
    });
  });

  it('OU-L4: consecutive pages partition the list', () => {
    const walked = [1, 2, 3].flatMap((page) => paginate({ page, perPage: 3 }).data);
    expect(walked).toEqual(items);
  });

  it('quirks (defect switches) change the math only when asked', () => {
    expect(paginate({ page: 2, perPage: 3 }, { overlap: true }).data).toEqual([2, 3, 4]);
    expect(paginate({ page: 1, perPage: 3 }, { floorTotalPages: true }).pagination.total_pages).toBe(2);
    expect(() => paginate({ page: 4, perPage: 3 }, { pastEndNotFound: true })).toThrow(NotFoundError);
    expect(pageOf([], 0, { page: 1, perPage: 3 }, { pastEndNotFound: true }).data).toEqual([]);
  });
});
