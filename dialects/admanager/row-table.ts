/**
 * A tenant's OUs as a column table, so a filtered, sorted list at 100,000 OUs reads arrays
 * instead of building 100,000 views (AD-L5, AD-L6). Built once from the whole tenant, then kept
 * current through the core's change feed (UnitsApi.changesSince): a change re-reads only the
 * units it touched and marks their rows (and, after a rename or move, the subtree's rows, whose
 * DNs and canonical names changed) in each column, which catches up when a request needs it.
 * Every answer equals a table built from scratch (the property test checks it step by step).
 *
 * Rows are slots: a deleted unit frees its slot and a new unit takes a free slot first.
 */
import type { UnitChange, UnitsApi, UnitView } from '../../mock/core/units.ts';
import { AdRow, textReader, type ColumnName } from './columns.ts';
import { canonicalChild, dnChild, domainRootDn } from './dn.ts';
import { TableColumn } from './table-column.ts';

/** Columns whose text comes from the unit's lineage: a rename or move above the unit changes them. */
const LINEAGE_COLUMNS: ReadonlySet<ColumnName> = new Set(['DISTINGUISHED_NAME', 'OU_NAME']);
/** More units changed than 1/REBUILD_SHARE of the table (and than REBUILD_MIN): building it again is as cheap. */
const REBUILD_SHARE = 2;
const REBUILD_MIN = 1024;
const NO_PARENT = -1;

export class RowTable {
  /**
   * The unit of each slot as last read: its own fields are current, its path, lineage and counts
   * may be older (the table derives DNs and canonical names from its parent links instead).
   */
  private readonly views: Array<UnitView | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly parentOf: number[] = [];
  private readonly kids: Array<Set<number> | undefined> = [];
  private readonly dns: Array<string | undefined> = [];
  private readonly dnsLower: Array<string | undefined> = [];
  private readonly canonicals: Array<string | undefined> = [];
  private readonly columns = new Map<ColumnName, TableColumn>();
  private live = 0;

  constructor(
    private readonly api: UnitsApi,
    readonly dnsName: string,
    public revision: number,
  ) {
    const units = api.queryUnits().items;
    for (const unit of units) this.take(unit);
    for (const unit of units) this.link(this.slotOf.get(unit.id) as number);
  }

  /** Live rows. */
  get size(): number {
    return this.live;
  }

  /** Slots used so far (live or free): row indices are below it. */
  get capacity(): number {
    return this.views.length;
  }

  isLive(slot: number): boolean {
    return this.views[slot] !== undefined;
  }

  /** Row `i` as an AdRow (for the objects of a window): the unit as the core has it now, its DN and canonical name already known. */
  row(i: number): AdRow {
    return new AdRow(this.api.getUnit((this.views[i] as UnitView).id), this.dnsName, this.dn(i), this.canonical(i));
  }

  /** The DN of row `i`, from its parent's (computed once per row and change). */
  dn(i: number): string {
    let dn = this.dns[i];
    if (dn === undefined) {
      const parent = this.parentOf[i] as number;
      dn = dnChild(parent === NO_PARENT ? domainRootDn(this.dnsName) : this.dn(parent), (this.views[i] as UnitView).name);
      this.dns[i] = dn;
    }
    return dn;
  }

  /** The lower-cased DN of row `i`. */
  dnLower(i: number): string {
    let dn = this.dnsLower[i];
    if (dn === undefined) {
      dn = this.dn(i).toLowerCase();
      this.dnsLower[i] = dn;
    }
    return dn;
  }

  /** The canonical name of row `i`, from its parent's. */
  canonical(i: number): string {
    let name = this.canonicals[i];
    if (name === undefined) {
      const parent = this.parentOf[i] as number;
      name = canonicalChild(parent === NO_PARENT ? this.dnsName : this.canonical(parent), (this.views[i] as UnitView).name);
      this.canonicals[i] = name;
    }
    return name;
  }

  /** Every slot's lower-cased text of `column`; undefined = unset (or a free slot). */
  column(column: ColumnName): ReadonlyArray<string | undefined> {
    return this.columnOf(column).texts();
  }

  /** Live rows in ascending order of `column` (unset first, ties by DN). */
  order(column: ColumnName): Int32Array {
    return this.columnOf(column).sorted();
  }

  /** rank[i] = position of row i in `order(column)`. */
  rank(column: ColumnName): Int32Array {
    return this.columnOf(column).ranks();
  }

  /** Rows whose lower-cased name is exactly `lowerName`. */
  named(lowerName: string): readonly number[] {
    return this.columnOf('NAME').equal(lowerName);
  }

  /**
   * Rows whose lower-cased `column` contains `needle` (lower-cased, not empty), in no particular
   * order; undefined when the column cannot be searched this way (a value holds the separator).
   */
  containing(column: ColumnName, needle: string): number[] | undefined {
    return this.columnOf(column).containing(needle);
  }

  /**
   * Brings the table to `revision` through `changes` (the core's feed since this table's
   * revision); false when so much changed that the caller should build a new table instead.
   */
  apply(changes: readonly UnitChange[], revision: number): boolean {
    const ids = new Set(changes.map((c) => c.id));
    if (ids.size > Math.max(REBUILD_MIN, this.live / REBUILD_SHARE)) return false;
    const own: number[] = [];
    for (const id of ids) {
      const unit = this.api.findUnit(id);
      const slot = this.slotOf.get(id);
      if (slot === undefined) {
        if (unit !== undefined) own.push(this.take(unit));
        continue;
      }
      this.unlink(slot);
      if (unit === undefined) this.drop(slot);
      else this.views[slot] = unit;
      own.push(slot);
    }
    // Parents may be taken after their children in `ids`: link once every unit has its slot.
    for (const slot of own) if (this.isLive(slot)) this.link(slot);
    const below = this.descendants(changes.filter((c) => c.subtree).map((c) => c.id));
    for (const slot of own) below.delete(slot);
    for (const slot of own) this.forgetDerived(slot);
    for (const slot of below) this.forgetDerived(slot);
    for (const [name, column] of this.columns) {
      for (const slot of own) column.changed(slot);
      const lineage = LINEAGE_COLUMNS.has(name);
      for (const slot of below) {
        if (lineage) column.changed(slot);
        else column.moved(slot);
      }
    }
    this.revision = revision;
    return true;
  }

  private columnOf(name: ColumnName): TableColumn {
    let column = this.columns.get(name);
    if (column === undefined) {
      const read = textReader(name);
      const lineage = LINEAGE_COLUMNS.has(name);
      column = new TableColumn({
        capacity: () => this.capacity,
        isLive: (slot) => this.isLive(slot),
        liveSlots: () => this.liveSlots(),
        read: (slot) =>
          name === 'DISTINGUISHED_NAME'
            ? this.dnLower(slot)
            : read(new AdRow(this.views[slot] as UnitView, this.dnsName, lineage ? this.dn(slot) : undefined, lineage ? this.canonical(slot) : undefined))?.toLowerCase(),
        dnLower: (slot) => this.dnLower(slot),
        dn: (slot) => this.dn(slot),
      });
      this.columns.set(name, column);
    }
    return column;
  }

  private liveSlots(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.views.length; i++) if (this.views[i] !== undefined) out.push(i);
    return out;
  }

  /** Gives `unit` a slot (a free one first) without linking it to its parent. */
  private take(unit: UnitView): number {
    const slot = this.free.pop() ?? this.views.length;
    // Every per-slot array grows one slot at a time, in step: arrays written out of order
    // turn sparse, and V8 then reads them several times slower.
    this.dns[slot] = undefined;
    this.dnsLower[slot] = undefined;
    this.canonicals[slot] = undefined;
    this.kids[slot] = undefined;
    this.views[slot] = unit;
    this.parentOf[slot] = NO_PARENT;
    this.slotOf.set(unit.id, slot);
    this.live++;
    return slot;
  }

  /** Frees the slot of a deleted unit (its children are deleted or moved too: each is a change of its own). */
  private drop(slot: number): void {
    this.slotOf.delete((this.views[slot] as UnitView).id);
    this.views[slot] = undefined;
    this.kids[slot] = undefined;
    this.free.push(slot);
    this.live--;
  }

  /** Takes the slot out of its parent's children. */
  private unlink(slot: number): void {
    const parent = this.parentOf[slot] as number;
    if (parent !== NO_PARENT) this.kids[parent]?.delete(slot);
  }

  private link(slot: number): void {
    const parentId = (this.views[slot] as UnitView).parentId;
    const parent = parentId === null ? undefined : this.slotOf.get(parentId);
    this.parentOf[slot] = parent ?? NO_PARENT;
    if (parent === undefined) return;
    let kids = this.kids[parent];
    if (kids === undefined) {
      kids = new Set();
      this.kids[parent] = kids;
    }
    kids.add(slot);
  }

  /** Every live slot below the units `ids` (each visited once, so even a cycle ends). */
  private descendants(ids: readonly string[]): Set<number> {
    const seen = new Set<number>();
    const queue: number[] = [];
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot !== undefined) queue.push(slot);
    }
    for (let k = 0; k < queue.length; k++) {
      for (const kid of this.kids[queue[k] as number] ?? []) {
        if (!seen.has(kid)) {
          seen.add(kid);
          queue.push(kid);
        }
      }
    }
    return seen;
  }

  private forgetDerived(slot: number): void {
    this.dns[slot] = undefined;
    this.dnsLower[slot] = undefined;
    this.canonicals[slot] = undefined;
  }
}

const tables = new WeakMap<UnitsApi, RowTable>();

/**
 * The tenant's table at its current revision: the cached one brought up to date through the
 * core's change feed when it can be, else built from the whole tenant. Undefined when the core
 * has no revision to cache by.
 */
export function rowTable(api: UnitsApi, dnsName: string): RowTable | undefined {
  const revision = api.revision;
  if (revision === undefined) return undefined;
  const cached = tables.get(api);
  if (cached !== undefined && cached.dnsName === dnsName) {
    if (cached.revision === revision) return cached;
    const changes = api.changesSince?.(cached.revision);
    if (changes !== undefined && cached.apply(changes, revision)) return cached;
  }
  const table = new RowTable(api, dnsName, revision);
  tables.set(api, table);
  return table;
}
