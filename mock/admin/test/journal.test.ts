import { describe, expect, it } from 'vitest';
import { createJournal, type JournalEntry } from '../journal.ts';

const entry = (path: string): JournalEntry => ({ method: 'GET', path, status: 200, duration_ms: 1, request_id: path, at: '2026-01-01T00:00:00.000Z' });

describe('journal ring buffer', () => {
  it('keeps the last `capacity` entries, oldest first', () => {
    const j = createJournal(3);
    for (const p of ['a', 'b', 'c', 'd', 'e']) j.record(entry(p));
    expect(j.size).toBe(3);
    expect(j.last().map((e) => e.path)).toEqual(['c', 'd', 'e']);
    expect(j.last(2).map((e) => e.path)).toEqual(['d', 'e']);
    expect(j.last(10).map((e) => e.path)).toEqual(['c', 'd', 'e']);
  });

  it('holds less than capacity before it wraps; capacity 0 keeps nothing', () => {
    const j = createJournal(5);
    j.record(entry('a'));
    expect(j.last().map((e) => e.path)).toEqual(['a']);
    const none = createJournal(0);
    none.record(entry('a'));
    expect(none.last()).toEqual([]);
  });
});
