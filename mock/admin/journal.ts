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

/** What the recorder adds to an entry: headers, bodies, status. */
export type Recorded = Pick<JournalEntry, 'query' | 'status' | 'http_version' | 'request' | 'response'>;

/**
 * An entry as recorded: `recorded` turns the exchange's raw capture into its redacted form. It runs
 * when the entry is first read, not on every request: redaction costs more than serving a list.
 */
export type JournalDraft = Omit<JournalEntry, 'seq' | keyof Recorded> & { recorded: () => Recorded };

export interface Journal {
  /** Records an entry, giving it the next `seq`. */
  record(draft: JournalDraft): void;
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
interface Slot {
  seq: number;
  draft?: JournalDraft;
  entry?: JournalEntry;
}

/** The entry of a slot, made from its draft once (the draft, holding raw buffers, is then dropped). */
function entryOf(slot: Slot): JournalEntry {
  if (!slot.entry) {
    const { recorded, ...fields } = slot.draft as JournalDraft;
    slot.entry = { seq: slot.seq, ...fields, ...recorded() };
    delete slot.draft;
  }
  return slot.entry;
}

export function createJournal(capacity: number): Journal {
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(Math.max(0, capacity));
  let next = 0;
  let count = 0;
  let seq = 0;
  return {
    get size() {
      return count;
    },
    record(draft) {
      seq++;
      if (slots.length === 0) return;
      slots[next] = { seq, draft };
      next = (next + 1) % slots.length;
      count = Math.min(count + 1, slots.length);
    },
    last(limit = count, since = 0) {
      const out: Slot[] = [];
      for (let i = count; i > 0; i--) {
        const slot = slots[(next - i + slots.length) % slots.length] as Slot;
        if (slot.seq > since) out.push(slot);
      }
      return out.slice(Math.max(0, out.length - Math.max(0, limit))).map(entryOf);
    },
  };
}
