import { describe, expect, it } from 'vitest';
import { expectPage, pageCases } from '../paging.ts';

describe('expectPage: the pagination math of OU-L2 / OU-S1', () => {
  it.each([
    // total, per_page, page -> total_pages, count, start
    [0, 20, 1, 0, 0, 0],
    [0, 1, 1, 0, 0, 0],
    [0, 100, 3, 0, 0, 200],
    [1, 1, 1, 1, 1, 0],
    [1, 100, 1, 1, 1, 0],
    [20, 20, 1, 1, 20, 0],
    [20, 20, 2, 1, 0, 20],
    [21, 20, 1, 2, 20, 0],
    [21, 20, 2, 2, 1, 20],
    [21, 20, 3, 2, 0, 40],
    [21, 7, 3, 3, 7, 14],
    [21, 7, 4, 3, 0, 21],
    [21, 1, 21, 21, 1, 20],
    [21, 1, 22, 21, 0, 21],
    [21, 100, 1, 1, 21, 0],
    [21, 100, 2, 1, 0, 100],
    [100, 100, 1, 1, 100, 0],
    [101, 100, 2, 2, 1, 100],
    [5, 2, 3, 3, 1, 4],
  ])('total=%i per_page=%i page=%i -> total_pages=%i, %i items from index %i', (total, perPage, page, totalPages, count, start) => {
    expect(expectPage(total, perPage, page)).toEqual({ total_pages: totalPages, count, start });
  });

  it('OU-L4: walking pages 1..total_pages covers every item exactly once, for many sizes', () => {
    for (let total = 0; total <= 45; total++) {
      for (const perPage of [1, 2, 3, 7, 20, 100]) {
        const { total_pages } = expectPage(total, perPage, 1);
        let covered = 0;
        for (let page = 1; page <= total_pages; page++) {
          const e = expectPage(total, perPage, page);
          expect(e.start).toBe(covered);
          covered += e.count;
          expect(e.count).toBeGreaterThan(0);
        }
        expect(covered).toBe(total);
        expect(expectPage(total, perPage, total_pages + 1).count).toBe(0);
      }
    }
  });

  it('rejects inputs outside the math (not integers, page < 1, per_page < 1, negative totals)', () => {
    expect(() => expectPage(-1, 20, 1)).toThrow(/totalItems/);
    expect(() => expectPage(3, 0, 1)).toThrow(/perPage/);
    expect(() => expectPage(3, 20, 0)).toThrow(/page/);
    expect(() => expectPage(3, 2.5, 1)).toThrow(/perPage/);
  });
});

describe('pageCases', () => {
  it('asks for defaults-sized, exact-multiple, remainder, past-the-end and per_page 1 and 100 pages', () => {
    const cases = pageCases(21);
    const has = (perPage: number, page: number): boolean => cases.some((c) => c.perPage === perPage && c.page === page);
    expect(has(20, 1) && has(20, 2) && has(20, 3)).toBe(true);
    expect(has(7, 3) && has(7, 4)).toBe(true);
    expect(has(1, 1) && has(1, 21) && has(1, 22)).toBe(true);
    expect(has(100, 1) && has(100, 2)).toBe(true);
    expect(has(21, 1) && has(22, 1) && has(20, 50)).toBe(true);
    expect(new Set(cases.map((c) => `${c.perPage}/${c.page}`)).size).toBe(cases.length);
  });

  it('covers an empty list with valid (>= 1) pages only', () => {
    const cases = pageCases(0);
    expect(cases.every((c) => c.page >= 1 && c.perPage >= 1)).toBe(true);
    expect(cases.every((c) => expectPage(0, c.perPage, c.page).count === 0)).toBe(true);
    expect(cases.some((c) => c.perPage === 1) && cases.some((c) => c.perPage === 100)).toBe(true);
  });
});
