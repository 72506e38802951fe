/**
 * A tenant's OUs as AD rows, built once per revision of its state: a list at 100,000 OUs
 * then filters the rows it already has (lower-cased texts memoised on them), an `eq` on the
 * name reads a name index, and each sort order is computed once. A core without
 * `revision` gets no cache: every request reads the units afresh.
 */
import type { UnitsApi } from '../../mock/core/units.ts';
import { AdRow, type ColumnName } from './columns.ts';
import { sortRows } from './select-order.ts';

export interface TenantRows {
  /** Every OU of the tenant. */
  readonly all: readonly AdRow[];
  /** Rows by lower-cased name. */
  byName(lowerName: string): readonly AdRow[];
  /** Every row in this order (ascending; ties by DN): computed once per revision. */
  sortedBy(column: ColumnName): readonly AdRow[];
}

class Rows implements TenantRows {
  private names: Map<string, AdRow[]> | undefined;
  private readonly sorted = new Map<ColumnName, AdRow[]>();

  constructor(
    readonly all: readonly AdRow[],
    readonly revision: number | undefined,
    readonly dnsName: string,
  ) {}

  byName(lowerName: string): readonly AdRow[] {
    if (this.names === undefined) {
      const names = new Map<string, AdRow[]>();
      for (const row of this.all) {
        const key = row.unit.name.toLowerCase();
        const list = names.get(key);
        if (list === undefined) names.set(key, [row]);
        else list.push(row);
      }
      this.names = names;
    }
    return this.names.get(lowerName) ?? [];
  }

  sortedBy(column: ColumnName): readonly AdRow[] {
    let rows = this.sorted.get(column);
    if (rows === undefined) {
      rows = this.all.slice();
      sortRows(rows, { column, desc: false });
      this.sorted.set(column, rows);
    }
    return rows;
  }
}

const cache = new WeakMap<UnitsApi, Rows>();

/** The tenant's rows at its current revision. */
export function tenantRows(api: UnitsApi, dnsName: string): TenantRows {
  const revision = api.revision;
  const cached = cache.get(api);
  if (cached !== undefined && revision !== undefined && cached.revision === revision && cached.dnsName === dnsName) return cached;
  const rows = new Rows(
    api.queryUnits().items.map((unit) => new AdRow(unit, dnsName)),
    revision,
    dnsName,
  );
  if (revision !== undefined) cache.set(api, rows);
  return rows;
}
