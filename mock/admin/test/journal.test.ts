import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJournal, type JournalFields, type Recorded, type Recording, type SlotBytes } from '../journal.ts';

const fields = (path: string): JournalFields => ({ method: 'GET', path, duration_ms: 1, request_id: path, at: new Date('2026-01-01T00:00:00.000Z') });

/** A recording whose response body is `body`, copied into the slot's bytes as the recorder does. */
function recording(body = ''): Recording {
  return {
    keep(slot: SlotBytes) {
      const end = slot.reserve(Buffer.byteLength(body)).write(body, 0);
      return (): Recorded => ({
        query: '',
        status: 200,
        http_version: '1.1',
        request: { headers: {}, body_size: 0 },
        response: { headers: {}, body: slot.text(0, end), body_size: end },
      });
    },
  };
}

describe('journal ring buffer', () => {
  it('keeps the last `capacity` entries, oldest first', () => {
    const j = createJournal(3);
    for (const p of ['a', 'b', 'c', 'd', 'e']) j.record(fields(p), recording());
    expect(j.size).toBe(3);
    expect(j.last().map((e) => e.path)).toEqual(['c', 'd', 'e']);
    expect(j.last(2).map((e) => e.path)).toEqual(['d', 'e']);
    expect(j.last(10).map((e) => e.path)).toEqual(['c', 'd', 'e']);
  });

  it('numbers entries; since= gives only the newer ones, limit the last of those', () => {
    const j = createJournal(3);
    for (const p of ['a', 'b', 'c', 'd']) j.record(fields(p), recording());
    expect(j.last().map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(j.last(undefined, 2).map((e) => e.path)).toEqual(['c', 'd']);
    expect(j.last(1, 2).map((e) => e.path)).toEqual(['d']);
    expect(j.last(undefined, 4)).toEqual([]);
  });

  it('holds less than capacity before it wraps; capacity 0 keeps nothing', () => {
    const j = createJournal(5);
    j.record(fields('a'), recording());
    expect(j.last().map((e) => e.path)).toEqual(['a']);
    const none = createJournal(0);
    none.record(fields('a'), recording());
    expect(none.last()).toEqual([]);
  });

  it('formats the arrival time when an entry is read', () => {
    const j = createJournal(1);
    j.record(fields('a'), recording());
    expect(j.last()[0]?.at).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives each entry its own body while slots and their bytes are reused, whenever it is read', () => {
    // Bodies of every size (slots grow and are reused), read at any point: an entry read late
    // must not show the bytes of an entry recorded after it.
    const step = fc.oneof(fc.record({ body: fc.string({ unit: 'grapheme', maxLength: 3000 }) }), fc.constant({ read: true as const }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 40 }), (capacity, steps) => {
        const j = createJournal(capacity);
        const bodies: string[] = [];
        for (const s of steps) {
          if ('body' in s) {
            j.record(fields(String(bodies.length)), recording(s.body));
            bodies.push(s.body);
          } else {
            expect(j.last().map((e) => e.response.body)).toEqual(bodies.slice(-capacity));
          }
        }
        expect(j.last().map((e) => e.response.body)).toEqual(bodies.slice(-capacity));
      }),
    );
  });
});
