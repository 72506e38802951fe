/** The order of AD rows (AD-L6): a column's text without case, unset first, ties by DN. */
import type { AdRow } from './columns.ts';
import type { Sort } from './params.ts';

/**
 * Sorts in place. Descending is the exact reverse of ascending (ties by DN descending too),
 * so `-NAME` pages through the same objects as `NAME` backwards.
 */
export function sortRows(rows: AdRow[], sort: Sort): void {
  const { column } = sort;
  const sign = sort.desc ? -1 : 1;
  rows.sort((a, b) => sign * compareRows(a, b, column));
}

function compareRows(a: AdRow, b: AdRow, column: Sort['column']): number {
  const x = a.lower(column);
  const y = b.lower(column);
  if (x !== y) {
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return compare(a.dnLower, b.dnLower) || compare(a.dn, b.dn);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
