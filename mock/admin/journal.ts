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

/** What the listener knows of an exchange: `at` is formatted only when the entry is first read. */
export type JournalFields = Omit<JournalEntry, 'seq' | 'at' | keyof Recorded> & { at: Date };

/**
 * The recorder's capture of an exchange. The journal hands it the bytes of the slot that keeps
 * the entry, and gets back what makes the entry's redacted form; that runs when the entry is
 * first read, not on every request: redaction costs more than serving a list.
 */
export interface Recording {
  /** Copies the bodies into `bytes`; the function returned reads them back, with the rest of the capture. */
  keep(bytes: SlotBytes): () => Recorded;
}

export interface Journal {
  /** Records an entry, giving it the next `seq`. */
  record(fields: JournalFields, recording: Recording): void;
  /** The last `limit` entries (all when omitted), oldest first; with `since`, only those with a greater seq. */
  last(limit?: number, since?: number): JournalEntry[];
  readonly size: number;
}

/**
 * The bytes of one journal slot, reused by every entry the slot holds in turn: a body is copied
 * into them instead of into a new buffer per request (Buffer.from of a short text takes a slice
 * of a shared 8 KiB pool, which the journal then kept alive entry by entry). They are rewritten
 * only when the slot takes a new entry, which drops the old one, so an entry never reads another's bytes.
 */
export class SlotBytes {
  private bytes = Buffer.alloc(0);

  /** The slot's buffer, grown to at least `size` bytes (its contents are then undefined). */
  reserve(size: number): Buffer {
    // Grown in 4 KiB steps: the same endpoint answers nearly the same size every time.
    if (this.bytes.length < size) this.bytes = Buffer.allocUnsafeSlow(Math.ceil(size / 4096) * 4096);
    return this.bytes;
  }

  text(start: number, end: number): string {
    return this.bytes.toString('utf8', start, end);
  }
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
  readonly bytes: SlotBytes;
  fields?: JournalFields;
  recorded?: () => Recorded;
  entry?: JournalEntry;
}

/** The entry of a slot, made once from what was recorded (which is then dropped). */
function entryOf(slot: Slot): JournalEntry {
  if (!slot.entry) {
    const { at, ...fields } = slot.fields as JournalFields;
    slot.entry = { seq: slot.seq, ...fields, at: at.toISOString(), ...(slot.recorded as () => Recorded)() };
    slot.fields = undefined;
    slot.recorded = undefined;
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
    record(fields, recording) {
      seq++;
      if (slots.length === 0) return;
      const slot = (slots[next] ??= { seq, bytes: new SlotBytes() });
      slot.seq = seq;
      slot.entry = undefined;
      slot.fields = fields;
      slot.recorded = recording.keep(slot.bytes);
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
