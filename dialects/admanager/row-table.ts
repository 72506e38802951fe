/**
 * A tenant's OUs as a column table, built once per revision of its state, so a filtered,
 * sorted list at 100,000 OUs reads arrays instead of rebuilding 100,000 views (AD-L5, AD-L6):
 * each column's lower-cased texts, its sort order and each row's rank in it are computed the
 * first time a request needs them; `co`/`sw`/`ew`/`eq` narrow through one joined string per
 * column (one `indexOf` scan) and an `eq` on the name through a name index.
 */
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { AdRow, textReader, type ColumnName } from './columns.ts';
import { domainRootDn, escapeDnValue } from './dn.ts';
import { compareRowKeys } from './select-order.ts';

/** Between values in a column's haystack; a column holding it gets no haystack. */
const SEP = '\u0000';

interface Haystack {
  text: string;
  /** starts[i] = offset of row i's value; starts[n] = text length + 1. */
  starts: Int32Array;
}

export class RowTable {
  private readonly lowered = new Map<ColumnName, ReadonlyArray<string | undefined>>();
  private readonly orders = new Map<ColumnName, Int32Array>();
  private readonly ranks = new Map<ColumnName, Int32Array>();
  private readonly haystacks = new Map<ColumnName, Haystack | null>();
  private names: Map<string, number[]> | undefined;
  private dns: Array<string | undefined>;
  private readonly dnsLower: Array<string | undefined>;
  private readonly indexOf: Map<string, number>;

  constructor(
    readonly units: readonly UnitView[],
    readonly dnsName: string,
    readonly revision: number,
  ) {
    this.dns = new Array<string | undefined>(units.length);
    this.dnsLower = new Array<string | undefined>(units.length);
    this.indexOf = new Map(units.map((u, i) => [u.id, i]));
  }

  get size(): number {
    return this.units.length;
  }

  /** Row `i` as an AdRow (for the objects of a window), its DN already known. */
  row(i: number): AdRow {
    return new AdRow(this.units[i] as UnitView, this.dnsName, this.dn(i));
  }

  /** The DN of row `i`, from its parent's (computed once per row). */
  dn(i: number): string {
    let dn = this.dns[i];
    if (dn === undefined) {
      const unit = this.units[i] as UnitView;
      const parent = unit.parentId === null ? undefined : this.indexOf.get(unit.parentId);
      dn = `OU=${escapeDnValue(unit.name)},${parent === undefined ? domainRootDn(this.dnsName) : this.dn(parent)}`;
      this.dns[i] = dn;
    }
    return dn;
  }

  /** The lower-cased DN of row `i` (computed once per row). */
  dnLower(i: number): string {
    let dn = this.dnsLower[i];
    if (dn === undefined) {
      dn = this.dn(i).toLowerCase();
      this.dnsLower[i] = dn;
    }
    return dn;
  }

  /** Every row's lower-cased text of `column`; undefined = unset. */
  column(column: ColumnName): ReadonlyArray<string | undefined> {
    let values = this.lowered.get(column);
    if (values === undefined) {
      if (column === 'DISTINGUISHED_NAME') values = this.units.map((_, i) => this.dnLower(i));
      else {
        const read = textReader(column);
        values = this.units.map((u) => read(new AdRow(u, this.dnsName))?.toLowerCase());
      }
      this.lowered.set(column, values);
    }
    return values;
  }

  /** Row indices in ascending order of `column` (unset first, ties by DN). */
  order(column: ColumnName): Int32Array {
    let order = this.orders.get(column);
    if (order === undefined) {
      const values = this.column(column);
      // Ties only need DNs: computed for the tied rows, not the whole table.
      const indices = Array.from({ length: this.size }, (_, i) => i);
      indices.sort((a, b) => compareRowKeys(values[a], values[b], () => [this.dnLower(a), this.dnLower(b), this.dn(a), this.dn(b)]));
      order = Int32Array.from(indices);
      this.orders.set(column, order);
    }
    return order;
  }

  /** rank[i] = position of row i in `order(column)`. */
  rank(column: ColumnName): Int32Array {
    let rank = this.ranks.get(column);
    if (rank === undefined) {
      const order = this.order(column);
      rank = new Int32Array(order.length);
      for (let k = 0; k < order.length; k++) rank[order[k] as number] = k;
      this.ranks.set(column, rank);
    }
    return rank;
  }

  /** Rows whose lower-cased name is exactly `lowerName`. */
  named(lowerName: string): readonly number[] {
    if (this.names === undefined) {
      const names = new Map<string, number[]>();
      const values = this.column('NAME');
      for (let i = 0; i < values.length; i++) {
        const key = values[i] as string;
        const list = names.get(key);
        if (list === undefined) names.set(key, [i]);
        else list.push(i);
      }
      this.names = names;
    }
    return this.names.get(lowerName) ?? [];
  }

  /**
   * Rows whose lower-cased `column` contains `needle` (lower-cased, not empty), in row order;
   * undefined when the column cannot be searched this way (a value holds the separator).
   */
  containing(column: ColumnName, needle: string): number[] | undefined {
    const hay = this.haystack(column);
    if (hay === undefined || needle === '' || needle.includes(SEP)) return undefined;
    const { text, starts } = hay;
    const out: number[] = [];
    let i = 0;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, starts[i + 1] as number)) {
      while ((starts[i + 1] as number) <= at) i++;
      out.push(i);
    }
    return out;
  }

  private haystack(column: ColumnName): Haystack | undefined {
    let hay = this.haystacks.get(column);
    if (hay === undefined) {
      const values = this.column(column);
      const parts = values.map((v) => v ?? '');
      if (parts.some((p) => p.includes(SEP))) hay = null;
      else {
        const starts = new Int32Array(parts.length + 1);
        let offset = 0;
        for (let i = 0; i < parts.length; i++) {
          starts[i] = offset;
          offset += (parts[i] as string).length + 1;
        }
        starts[parts.length] = offset;
        hay = { text: parts.join(SEP), starts };
      }
      this.haystacks.set(column, hay);
    }
    return hay ?? undefined;
  }
}

const tables = new WeakMap<UnitsApi, RowTable>();

/** The tenant's table at its current revision; undefined when the core has no revision to cache by. */
export function rowTable(api: UnitsApi, dnsName: string): RowTable | undefined {
  const revision = api.revision;
  if (revision === undefined) return undefined;
  const cached = tables.get(api);
  if (cached !== undefined && cached.revision === revision && cached.dnsName === dnsName) return cached;
  const table = new RowTable(api.queryUnits().items, dnsName, revision);
  tables.set(api, table);
  return table;
}
