/**
 * The OUs a request selects: the filter's matches (AD-L5) in sort order with ties by DN
 * (AD-L6), and one window of them (AD-L1, AD-L2). The list and the bulk update share it, so
 * a PATCH with a filter targets exactly what the same GET lists (AD-U1).
 */
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { AdRow, columnNamed, type ColumnName } from './columns.ts';
import { creationRanks } from './creation-order.ts';
import { compileFilter, requiredConditions } from './filter/compile.ts';
import type { CompiledFilter, Sort, Window } from './params.ts';
import { rowTable, type RowTable } from './row-table.ts';
import { compareKeys, sortRows } from './select-order.ts';

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
  /** Ties break by creation order, or by OBJECT_GUID, instead of by DN. */
  ties?: 'creation' | 'guid';
}

export function selectRows(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined, sort: Sort, window: Window, quirks: SelectionQuirks = {}): Selection {
  const order = { ...sort, desc: sort.desc && quirks.ignoreDescending !== true };
  const offset = quirks.zeroBasedFrom === true ? window.from : window.from - 1;
  const table = filter?.indexable === false || quirks.ties !== undefined ? undefined : rowTable(api, dnsName);
  if (table === undefined) {
    const matches = scanned(api, dnsName, filter, order, quirks.ties);
    return { total: matches.length, rows: matches.slice(offset, offset + window.limit) };
  }
  const matches = tableMatches(table, filter, order.column);
  const rows: AdRow[] = [];
  const n = matches.length;
  for (let k = offset; k < Math.min(n, offset + window.limit); k++) rows.push(table.row(matches[order.desc ? n - 1 - k : k] as number));
  return { total: n, rows };
}

/** Matching row indices in ascending order of `column` (descending reads them backwards). */
function tableMatches(table: RowTable, filter: CompiledFilter | undefined, column: ColumnName): ArrayLike<number> {
  if (filter === undefined) return table.order(column);
  const test = compileFilter<number>(filter.parsed, (name) => {
    const named = columnNamed(name);
    if (named === undefined) return undefined;
    const values = table.column(named);
    return (i) => values[i];
  });
  const candidates = narrowed(table, filter);
  if (candidates === undefined) return inOrder(table, test, column);
  const rank = table.rank(column);
  return candidates.filter(test).sort((a, b) => (rank[a] as number) - (rank[b] as number));
}

/**
 * Every row tested in storage order (the column arrays read front to back, which is several
 * times faster than in sort order), then the hits picked out of the sort order.
 */
function inOrder(table: RowTable, test: (i: number) => boolean, column: ColumnName): Int32Array {
  const hit = new Uint8Array(table.capacity);
  let count = 0;
  for (let i = 0; i < hit.length; i++) {
    if (table.isLive(i) && test(i)) {
      hit[i] = 1;
      count++;
    }
  }
  const order = table.order(column);
  const out = new Int32Array(count);
  for (let k = 0, j = 0; j < count; k++) if (hit[order[k] as number] === 1) out[j++] = order[k] as number;
  return out;
}

/** The rows an index says may match (a superset of the matches), or undefined to scan every row. */
function narrowed(table: RowTable, filter: CompiledFilter): readonly number[] | undefined {
  const conditions = requiredConditions(filter.parsed.ast)
    .map((c) => ({ ...c, column: columnNamed(c.attrPath), value: c.value.toLowerCase() }))
    .filter((c) => c.column !== undefined && c.value !== '');
  const byName = conditions.find((c) => c.op === 'eq' && (c.column === 'NAME' || c.column === 'FULL_NAME'));
  if (byName !== undefined) return table.named(byName.value);
  for (const c of conditions) {
    const found = table.containing(c.column as ColumnName, c.value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Without a table (a defect switch's reading): the core tests every unit. */
function scanned(api: UnitsApi, dnsName: string, filter: CompiledFilter | undefined, sort: Sort, ties: SelectionQuirks['ties']): AdRow[] {
  const where = filter === undefined ? undefined : { test: (unit: UnitView): boolean => filter.test(new AdRow(unit, dnsName)) };
  const matches = api.queryUnits(where === undefined ? {} : { where }).items.map((unit) => new AdRow(unit, dnsName));
  if (ties === undefined) sortRows(matches, sort);
  else {
    const sign = sort.desc ? -1 : 1;
    const tie = ties === 'creation' ? byCreation(api) : (a: AdRow, b: AdRow): number => compareKeys(a.unit.id.toUpperCase(), b.unit.id.toUpperCase());
    matches.sort((a, b) => sign * (compareKeys(a.lower(sort.column), b.lower(sort.column)) || tie(a, b)));
  }
  return matches;
}

function byCreation(api: UnitsApi): (a: AdRow, b: AdRow) => number {
  const rank = creationRanks(api);
  const placeOf = (row: AdRow): number => rank.get(row.unit.id) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => placeOf(a) - placeOf(b);
}
