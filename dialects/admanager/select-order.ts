/** The order of AD rows (AD-L6): a column's text without case, unset first, ties by DN. */
import type { AdRow } from './columns.ts';
import type { Sort } from './params.ts';

/**
 * Two rows by their lower-cased column texts (undefined = unset, first), then by their DNs
 * lower-cased, then exactly: every sort of the dialect uses it, so paging is stable.
 */
export function compareRowKeys(x: string | undefined, y: string | undefined, dns: () => readonly [string, string, string, string]): number {
  const byKey = compareKeys(x, y);
  if (byKey !== 0) return byKey;
  const [p, q, r, s] = dns();
  return compareDns(p, q, r, s);
}

/** Two lower-cased column texts, unset (undefined) first; 0 when equal. */
export function compareKeys(x: string | undefined, y: string | undefined): number {
  if (x === y) return 0;
  if (x === undefined) return -1;
  if (y === undefined) return 1;
  return x < y ? -1 : 1;
}

/** The tie break of every sort: the DNs lower-cased (`p`, `q`), then exactly (`r`, `s`). */
export function compareDns(p: string, q: string, r: string, s: string): number {
  return compare(p, q) || compare(r, s);
}

/**
 * Sorts in place. Descending is the exact reverse of ascending (ties by DN descending too),
 * so `-NAME` pages through the same objects as `NAME` backwards.
 */
export function sortRows(rows: AdRow[], sort: Sort): void {
  const { column } = sort;
  const sign = sort.desc ? -1 : 1;
  rows.sort((a, b) => sign * compareRowKeys(a.lower(column), b.lower(column), () => [a.dnLower, b.dnLower, a.dn, b.dn]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
