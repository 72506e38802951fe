/** The last requests the mock answered, in a fixed-size ring buffer (`GET /__mock/journal`). */

export interface JournalEntry {
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  request_id: string;
  /** RFC 3339 time the request arrived. */
  at: string;
}

export interface Journal {
  record(entry: JournalEntry): void;
  /** The last `limit` entries (all when omitted), oldest first. */
  last(limit?: number): JournalEntry[];
  readonly size: number;
}

/**
 * A ring buffer: recording is O(1) and memory stays bounded by `capacity`.
 *
 * @example
 * const j = createJournal(2);
 * j.record(a); j.record(b); j.record(c);
 * j.last(); // [b, c]
 */
export function createJournal(capacity: number): Journal {
  const slots: (JournalEntry | undefined)[] = new Array<JournalEntry | undefined>(Math.max(0, capacity));
  let next = 0;
  let count = 0;
  return {
    get size() {
      return count;
    },
    record(entry) {
      if (slots.length === 0) return;
      slots[next] = entry;
      next = (next + 1) % slots.length;
      count = Math.min(count + 1, slots.length);
    },
    last(limit = count) {
      const n = Math.max(0, Math.min(limit, count));
      const out: JournalEntry[] = [];
      for (let i = n; i > 0; i--) {
        out.push(slots[(next - i + slots.length) % slots.length] as JournalEntry);
      }
      return out;
    },
  };
}
