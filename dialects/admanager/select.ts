/**
 * The OUs a request selects: the filter's matches (AD-L5) in sort order with ties by DN
 * (AD-L6), and one window of them (AD-L1, AD-L2). The list and the bulk update share it, so
 * a PATCH with a filter targets exactly what the same GET lists (AD-U1).
 */
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { AdRow, textReader } from './columns.ts';
import type { CompiledFilter, Sort, Window } from './params.ts';

export interface Selection {
  /** Every match, before the window. */
  total: number;
  rows: AdRow[];
}

/** Ways a defect switch bends the selection (dialect-layer defects, see defects.ts). */
export interface SelectionQuirks {
  /** `from` read as a 0-based offset. */
  zeroBasedFrom?: boolean;
  /** `-` ignored: always ascending. */
  ignoreDescending?: boolean;
}

export function selectRows(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined, sort: Sort, window: Window, quirks: SelectionQuirks = {}): Selection {
  const matches = matchingUnits(api, dnsName, filter).map((unit) => new AdRow(unit, dnsName));
  sortRows(matches, { ...sort, desc: sort.desc && quirks.ignoreDescending !== true });
  const offset = quirks.zeroBasedFrom === true ? window.from : window.from - 1;
  return { total: matches.length, rows: matches.slice(offset, offset + window.limit) };
}

function matchingUnits(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined): UnitView[] {
  if (filter === undefined) return api.queryUnits().items;
  const test = (unit: UnitView): boolean => filter.test(new AdRow(unit, dnsName));
  // An `eq` on the name that every match satisfies: the core's name index narrows first.
  return api.queryUnits({ where: { ...(filter.name !== undefined ? { nameContains: filter.name } : {}), test } }).items;
}

/** In place: by the column's text without case (unset first), then by DN, so windows are stable. */
export function sortRows(rows: AdRow[], sort: Sort): void {
  const read = textReader(sort.column);
  const keys = new Map<AdRow, string>(rows.map((row) => [row, read(row)?.toLowerCase() ?? '']));
  const unset = new Set(rows.filter((row) => read(row) === undefined));
  const sign = sort.desc ? -1 : 1;
  rows.sort((a, b) => {
    const byValue = Number(unset.has(b)) - Number(unset.has(a)) || compare(keys.get(a) as string, keys.get(b) as string);
    if (byValue !== 0) return sign * byValue;
    return compare(a.dnLower, b.dnLower) || compare(a.dn, b.dn);
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
