/**
 * All OUs of a tenant sorted by lower-cased path (OU-L4), so a list page is a slice, not a sort.
 * Single-OU changes patch it in place (binary search + splice); large ones drop it and the next
 * read rebuilds it once. The name-search haystack follows the list and is rebuilt on the first
 * search after any change.
 */
import { NameHaystack } from './name-search.ts';
import { byPath, type OuRecord } from './records.ts';

/** Above this many changed records, rebuilding lazily is cheaper than patching. */
const PATCH_LIMIT = 64;

export class PathIndex {
  private list: OuRecord[] | null = null;
  private haystack: NameHaystack | null = null;

  constructor(private readonly source: () => Iterable<OuRecord>) {}

  /** Every OU in list order. Rebuilt here if a large change dropped it. */
  all(): readonly OuRecord[] {
    this.list ??= Array.from(this.source()).sort(byPath);
    return this.list;
  }

  /** Every OU whose name contains `needle` (lower-cased), in list order (OU-L5). */
  namesContaining(needle: string): OuRecord[] {
    this.haystack ??= new NameHaystack(this.all());
    return this.haystack.containing(needle);
  }

  /** Announces that `count` records are about to change: above the patch limit, drop the list now. */
  willChange(count: number): void {
    if (count > PATCH_LIMIT) this.list = null;
  }

  /** Adds records whose `lowerPath` is final. */
  add(recs: readonly OuRecord[]): void {
    const list = this.patchable(recs.length);
    if (list === null) return;
    for (const r of recs) list.splice(this.lowerBound(list, r), 0, r);
  }

  /** Removes records; call before their `lowerPath` changes. */
  remove(recs: readonly OuRecord[]): void {
    const list = this.patchable(recs.length);
    if (list === null) return;
    for (const r of recs) {
      const i = this.lowerBound(list, r);
      if (list[i] !== r) {
        // Not where its key says: rebuild rather than risk a wrong list.
        this.list = null;
        return;
      }
      list.splice(i, 1);
    }
  }

  /**
   * The search text goes stale with any change. The sorted list is patched in place for a
   * few records; above the patch limit it is dropped and rebuilt on the next read.
   */
  private patchable(count: number): OuRecord[] | null {
    this.haystack = null;
    if (count > PATCH_LIMIT) this.list = null;
    return this.list;
  }

  private lowerBound(list: readonly OuRecord[], r: OuRecord): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byPath(list[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
