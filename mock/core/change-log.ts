/**
 * Which units changed at which revision (UnitsApi.changesSince): a reader that derived data from
 * the units at one revision can bring just those units up to date instead of reading the whole
 * tenant again. Bounded: past MAX_ENTRIES the oldest half is forgotten and a reader that far
 * behind is told to read everything.
 */
import type { UnitChange } from './units.ts';

const MAX_ENTRIES = 65_536;

export class ChangeLog {
  private revisions: number[] = [];
  private changes: UnitChange[] = [];
  /**
   * @param floor the revision the log starts at: it knows every change after it and nothing
   * before it (a store built at this revision, e.g. from a snapshot, is a change of everything).
   */
  constructor(
    private floor: number,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** Notes that unit `id` changed at `revision`; `subtree`: the lineage of every unit below it changed too. */
  record(revision: number, id: string, subtree: boolean): void {
    // Units loaded while the store is built are covered by the floor.
    if (revision <= this.floor) return;
    this.revisions.push(revision);
    this.changes.push({ id, subtree });
    if (this.changes.length > this.maxEntries) {
      const drop = Math.ceil(this.maxEntries / 2);
      this.floor = this.revisions[drop - 1] as number;
      // Entries of the same revision are all kept or all dropped.
      let keep = drop;
      while (keep < this.revisions.length && this.revisions[keep] === this.floor) keep++;
      this.revisions = this.revisions.slice(keep);
      this.changes = this.changes.slice(keep);
    }
  }

  /** Every change after `revision`, oldest first; undefined when the log does not reach back that far. */
  since(revision: number): UnitChange[] | undefined {
    if (revision < this.floor) return undefined;
    let lo = 0;
    let hi = this.revisions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.revisions[mid] as number) <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.changes.slice(lo);
  }
}
