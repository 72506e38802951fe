import { describe, expect, it } from 'vitest';
import { linkHeader, pageCount, pagingHeaders, parseIndex, toQuery } from '../listing.ts';
import { parseLink } from '../shapes.ts';

describe('index parameters (V2-L1, V2-L3, V2-L4)', () => {
  it('defaults: page 1, per-page 20, sort name, no filter', () => {
    expect(parseIndex(undefined, {})).toEqual({ ok: true, value: { page: 1, perPage: 20, sort: 'name', filter: {} } });
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ page: 1.5 }, 'page'],
    [{ page: null }, 'page'],
    [{ 'per-page': 101 }, 'per-page'],
    [{ 'per-page': '20' }, 'per-page'],
    [{ sort: 'NAME' }, 'sort'],
    [{ filter: { names: 'x' } }, 'filter.names'],
    [{ filter: [] }, 'filter'],
    [{ page: 1e300 }, 'page'],
  ])('%o → 422 on %s', (body, field) => {
    const parsed = parseIndex(body, {});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field)).toEqual([field]);
  });

  it("the query's page and per-page (Link URLs) count when the body has none; the body wins", () => {
    expect(parseIndex({}, { page: '3', 'per-page': '2' })).toMatchObject({ ok: true, value: { page: 3, perPage: 2 } });
    expect(parseIndex({ page: 1 }, { page: '3' })).toMatchObject({ ok: true, value: { page: 1 } });
  });

  it('turns filters, sort and page into one core query', () => {
    const parsed = parseIndex({ filter: { name: 'hr', code: 'C', parent_org_unit_id: null }, sort: '-created_at', page: 3, 'per-page': 10 }, {});
    if (!parsed.ok) throw new Error('unexpected');
    expect(toQuery(parsed.value)).toEqual({
      where: { nameContains: 'hr', code: 'C', parentId: null },
      orderBy: [{ key: 'createdAt', desc: true }],
      window: { offset: 20, limit: 10 },
    });
  });
});

describe('pagination headers (V2-L2, V2-L5)', () => {
  it('page count is ceil(total / per-page), 0 when nothing matches', () => {
    expect([pageCount(0, 20), pageCount(1, 20), pageCount(20, 20), pageCount(21, 20)]).toEqual([0, 1, 1, 2]);
  });

  it('sets the four X-Pagination-* headers', () => {
    expect(pagingHeaders({ page: 2, perPage: 2 }, 5, 3)).toMatchObject({
      'X-Pagination-Total-Count': '5',
      'X-Pagination-Page-Count': '3',
      'X-Pagination-Current-Page': '2',
      'X-Pagination-Per-Page': '2',
    });
  });

  it('Link has self, first, last, and prev/next only where they exist', () => {
    const rels = (page: number, pages: number): string[] => [...parseLink(linkHeader(page, 2, pages)).keys()].sort();
    expect(rels(2, 3)).toEqual(['first', 'last', 'next', 'prev', 'self']);
    expect(rels(1, 3)).toEqual(['first', 'last', 'next', 'self']);
    expect(rels(3, 3)).toEqual(['first', 'last', 'prev', 'self']);
    expect(rels(1, 0)).toEqual(['first', 'last', 'self']);
    expect(parseLink(linkHeader(2, 2, 3)).get('next')?.search).toBe('?page=3&per-page=2');
  });

  it('reads every Link form RFC 8288 allows, as another server may write it', () => {
    const links = parseLink(
      '<https://api.test/v2/org-unit/index?page=3>; type="application/json"; title="a, b; c"; REL=Next, ' +
        '</v2/org-unit/index?page=1>;rel="first prev",</v2/org-unit/index?page=9> ; rel = last ; rel=self',
    );
    expect([...links.keys()].sort()).toEqual(['first', 'last', 'next', 'prev']);
    expect(links.get('next')?.href).toBe('https://api.test/v2/org-unit/index?page=3');
    expect(links.get('prev')?.search).toBe('?page=1');
    expect(links.get('last')?.search).toBe('?page=9');
    expect(parseLink(undefined).size).toBe(0);
  });
});
