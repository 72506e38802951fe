/**
 * The OUs a request selects: the filter's matches (AD-L5) in sort order with ties by DN
 * (AD-L6), and one window of them (AD-L1, AD-L2). The list and the bulk update share it, so
 * a PATCH with a filter targets exactly what the same GET lists (AD-U1).
 */
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { AdRow } from './columns.ts';
import type { CompiledFilter, Sort, Window } from './params.ts';
import { tenantRows } from './row-cache.ts';
import { sortRows } from './select-order.ts';

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
  const order = { ...sort, desc: sort.desc && quirks.ignoreDescending !== true };
  const matches = api.revision === undefined ? scanned(api, dnsName, filter, order) : cached(api, dnsName, filter, order);
  const offset = quirks.zeroBasedFrom === true ? window.from : window.from - 1;
  return { total: matches.length, rows: matches.slice(offset, offset + window.limit) };
}

/** From the rows of this revision: the name index for an `eq` on the name, else the presorted rows filtered. */
function cached(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined, sort: Sort): AdRow[] {
  const rows = tenantRows(api, dnsName);
  if (filter?.name !== undefined) {
    const matches = rows.byName(filter.name.toLowerCase()).filter(filter.test);
    sortRows(matches, sort);
    return matches;
  }
  const ordered = rows.sortedBy(sort.column);
  const matches = filter === undefined ? ordered.slice() : ordered.filter(filter.test);
  return sort.desc ? matches.reverse() : matches;
}

/** Without a revision to cache by: the core tests every unit, then the matches are sorted. */
function scanned(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined, sort: Sort): AdRow[] {
  const test = filter === undefined ? undefined : (unit: UnitView): boolean => filter.test(new AdRow(unit, dnsName));
  const where = filter === undefined ? undefined : { ...(filter.name !== undefined ? { nameContains: filter.name } : {}), test };
  const matches = api.queryUnits(where === undefined ? {} : { where }).items.map((unit) => new AdRow(unit, dnsName));
  sortRows(matches, sort);
  return matches;
}
