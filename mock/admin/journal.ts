/** The last requests the mock answered, in a fixed-size ring buffer (`GET /__mock/journal`). */

/** One side of an exchange as recorded: headers (secrets redacted) and the start of the body. */
export interface RecordedMessage {
  headers: Record<string, string>;
  /** The body as text, cut to the recorder's limit; absent when there was none. */
  body?: string;
  /** Size of the whole body in bytes. */
  body_size: number;
  /** Set when `body` holds only the first bytes. */
  body_truncated?: true;
}

export interface JournalEntry {
  /** Increases by one per recorded request: `?since=` reads only what came after. */
  seq: number;
  method: string;
  path: string;
  /** The query string without `?` (secrets redacted); '' when none. */
  query: string;
  /** 0 when no response was sent (the connection was cut). */
  status: number;
  duration_ms: number;
  request_id: string;
  /** RFC 3339 time the request arrived. */
  at: string;
  /** `1.1`, `1.0`. */
  http_version: string;
  request: RecordedMessage;
  response: RecordedMessage;
}

export interface Journal {
  /** Records an entry, giving it the next `seq`. */
  record(entry: Omit<JournalEntry, 'seq'>): void;
  /** The last `limit` entries (all when omitted), oldest first; with `since`, only those with a greater seq. */
  last(limit?: number, since?: number): JournalEntry[];
  readonly size: number;
}

/**
 * A ring buffer: recording is O(1) and memory stays bounded by `capacity` (each entry's bodies
 * are bounded by the recorder).
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
  let seq = 0;
  return {
    get size() {
      return count;
    },
    record(entry) {
      seq++;
      if (slots.length === 0) return;
      slots[next] = { seq, ...entry };
      next = (next + 1) % slots.length;
      count = Math.min(count + 1, slots.length);
    },
    last(limit = count, since = 0) {
      const out: JournalEntry[] = [];
      for (let i = count; i > 0; i--) {
        const entry = slots[(next - i + slots.length) % slots.length] as JournalEntry;
        if (entry.seq > since) out.push(entry);
      }
      return out.slice(Math.max(0, out.length - Math.max(0, limit)));
    },
  };
}
