/**
 * One column of the row table (row-table.ts): each row's lower-cased text, the rows in the
 * column's order (AD-L6) with each row's rank in it, an index of equal texts and one joined
 * string for substring search (AD-L5). A change only marks the rows it touched; each part
 * catches up with the marked rows the first time a request needs it, so a change costs about
 * the rows it touched, never a rebuild of 100,000 rows.
 */
import { compareDns, compareKeys } from './select-order.ts';
import { SlotSet } from './slot-set.ts';

/** Between values in a haystack; a column holding it gets no haystack. */
const SEP = '\u0000';
/** A haystack is joined again once more than 1/REJOIN_SHARE of the rows changed since it was joined. */
const REJOIN_SHARE = 8;

/** What a column reads from its table. Rows are slots: a freed slot may later hold another unit. */
export interface ColumnSource {
  /** Slots used so far, live or free. */
  capacity(): number;
  isLive(slot: number): boolean;
  /** Every live slot. */
  liveSlots(): number[];
  /** The slot's lower-cased text of this column; undefined = unset. */
  read(slot: number): string | undefined;
  /** Tie breakers of every order (AD-L6). */
  dnLower(slot: number): string;
  dn(slot: number): string;
}

interface Haystack {
  text: string;
  /** starts[i] = offset of slot i's value; starts[capacity at join] = text length + 1. */
  starts: Int32Array;
  /** Slots changed since the join: their part of `text` is stale. */
  dirty: SlotSet;
}

export class TableColumn {
  private readonly values: Array<string | undefined> = [];
  /** Slots whose value must be read again. */
  private readonly stale = new SlotSet();
  private order: Int32Array | undefined;
  /** Slots whose place in `order` may be wrong (value or DN changed, freed, taken). */
  private readonly misplaced = new SlotSet();
  private rank: Int32Array | undefined;
  private equals: Map<string, Set<number>> | undefined;
  private hay: Haystack | null | undefined;

  constructor(private readonly source: ColumnSource) {
    for (let i = 0; i < source.capacity(); i++) this.values[i] = source.isLive(i) ? source.read(i) : undefined;
  }

  /** The slot's value changed, or the slot was freed or taken. */
  changed(slot: number): void {
    this.stale.add(slot);
    this.moved(slot);
    if (this.hay === null) this.hay = undefined;
    else this.hay?.dirty.add(slot);
  }

  /** Only the slot's tie breaker (its DN) changed. */
  moved(slot: number): void {
    if (this.order !== undefined) this.misplaced.add(slot);
  }

  /** Every slot's lower-cased text; undefined = unset or free. */
  texts(): ReadonlyArray<string | undefined> {
    for (const slot of this.stale.values()) {
      const before = this.values[slot];
      const after = this.source.isLive(slot) ? this.source.read(slot) : undefined;
      this.values[slot] = after;
      if (this.equals !== undefined) {
        if (before !== undefined) this.equals.get(before)?.delete(slot);
        if (after !== undefined) addTo(this.equals, after, slot);
      }
    }
    this.stale.clear();
    return this.values;
  }

  /** Live slots in ascending order (unset first, ties by DN). */
  sorted(): Int32Array {
    const values = this.texts();
    const src = this.source;
    // compareRowKeys without a closure per comparison: a repair after a big move compares a lot.
    const cmp = (a: number, b: number): number => compareKeys(values[a], values[b]) || compareDns(src.dnLower(a), src.dnLower(b), src.dn(a), src.dn(b));
    if (this.order === undefined) {
      this.order = Int32Array.from(this.source.liveSlots().sort(cmp));
      this.rank = undefined;
    } else if (this.misplaced.size > 0) {
      this.order = reinserted(this.order, this.misplaced, this.source, cmp);
      this.rank = undefined;
    }
    this.misplaced.clear();
    return this.order;
  }

  /** rank[slot] = position of the slot in `sorted()` (free slots: meaningless). */
  ranks(): Int32Array {
    const order = this.sorted();
    if (this.rank === undefined) {
      this.rank = new Int32Array(this.source.capacity());
      for (let k = 0; k < order.length; k++) this.rank[order[k] as number] = k;
    }
    return this.rank;
  }

  /** Live slots whose text is exactly `lower` (lower-cased). */
  equal(lower: string): number[] {
    if (this.equals === undefined) {
      const values = this.texts();
      const equals = new Map<string, Set<number>>();
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value !== undefined) addTo(equals, value, i);
      }
      this.equals = equals;
    }
    this.texts();
    return Array.from(this.equals.get(lower) ?? []);
  }

  /**
   * Live slots whose text contains `needle` (lower-cased, not empty), in no particular order;
   * undefined when the column cannot be searched this way (a value holds the separator).
   */
  containing(needle: string): number[] | undefined {
    if (needle === '' || needle.includes(SEP)) return undefined;
    const values = this.texts();
    const hay = this.haystack(values);
    if (hay === null) return undefined;
    const { text, starts, dirty } = hay;
    const out: number[] = [];
    let i = 0;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, starts[i + 1] as number)) {
      while ((starts[i + 1] as number) <= at) i++;
      if (!dirty.has(i)) out.push(i);
    }
    for (const slot of dirty.values()) if (this.source.isLive(slot) && values[slot]?.includes(needle) === true) out.push(slot);
    return out;
  }

  private haystack(values: ReadonlyArray<string | undefined>): Haystack | null {
    const hay = this.hay;
    if (hay === null) return null;
    if (hay !== undefined && hay.dirty.size <= Math.max(64, this.source.capacity() / REJOIN_SHARE)) return hay;
    const capacity = this.source.capacity();
    const parts = new Array<string>(capacity);
    for (let i = 0; i < capacity; i++) parts[i] = this.source.isLive(i) ? (values[i] ?? '') : '';
    if (parts.some((p) => p.includes(SEP))) {
      this.hay = null;
      return null;
    }
    const starts = new Int32Array(capacity + 1);
    let offset = 0;
    for (let i = 0; i < capacity; i++) {
      starts[i] = offset;
      offset += (parts[i] as string).length + 1;
    }
    starts[capacity] = offset;
    this.hay = { text: parts.join(SEP), starts, dirty: new SlotSet() };
    return this.hay;
  }
}

function addTo(index: Map<string, Set<number>>, key: string, slot: number): void {
  const set = index.get(key);
  if (set === undefined) index.set(key, new Set([slot]));
  else set.add(slot);
}

/**
 * `order` with the `misplaced` slots taken out and the live ones put back where `cmp` says; the
 * rest keep their relative order (nothing about them changed). The slots put back are sorted
 * from their old relative order (after a rename or move most of it still holds, and the sort
 * runs through sorted runs in linear time), then merged in: a few by binary search, many by
 * one linear merge. O(rows + m log m) comparisons at worst for m misplaced slots.
 */
function reinserted(order: Int32Array, misplaced: SlotSet, source: ColumnSource, cmp: (a: number, b: number) => number): Int32Array {
  const kept = new Int32Array(order.length);
  const moved: number[] = [];
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const slot = order[k] as number;
    if (!misplaced.has(slot)) kept[n++] = slot;
    else if (source.isLive(slot)) moved.push(slot);
  }
  const placed = new SlotSet();
  for (const slot of moved) placed.add(slot);
  for (const slot of misplaced.values()) if (!placed.has(slot) && source.isLive(slot)) moved.push(slot);
  moved.sort(cmp);
  const out = new Int32Array(n + moved.length);
  const linear = moved.length * Math.log2(n + 2) > n;
  let from = 0;
  let to = 0;
  for (const slot of moved) {
    let at = from;
    if (linear) while (at < n && cmp(kept[at] as number, slot) < 0) at++;
    else {
      let hi = n;
      while (at < hi) {
        const mid = (at + hi) >>> 1;
        if (cmp(kept[mid] as number, slot) < 0) at = mid + 1;
        else hi = mid;
      }
    }
    out.set(kept.subarray(from, at), to);
    to += at - from;
    out[to++] = slot;
    from = at;
  }
  out.set(kept.subarray(from, n), to);
  return out;
}
