import { describe, expect, it } from 'vitest';
import { createJournal, type JournalDraft } from '../journal.ts';

const entry = (path: string): JournalDraft => ({
  method: 'GET',
  path,
  duration_ms: 1,
  request_id: path,
  at: '2026-01-01T00:00:00.000Z',
  recorded: () => ({ query: '', status: 200, http_version: '1.1', request: { headers: {}, body_size: 0 }, response: { headers: {}, body_size: 0 } }),
});

describe('journal ring buffer', () => {
  it('keeps the last `capacity` entries, oldest first', () => {
    const j = createJournal(3);
    for (const p of ['a', 'b', 'c', 'd', 'e']) j.record(entry(p));
    expect(j.size).toBe(3);
    expect(j.last().map((e) => e.path)).toEqual(['c', 'd', 'e']);
    expect(j.last(2).map((e) => e.path)).toEqual(['d', 'e']);
    expect(j.last(10).map((e) => e.path)).toEqual(['c', 'd', 'e']);
  });

  it('numbers entries; since= gives only the newer ones, limit the last of those', () => {
    const j = createJournal(3);
    for (const p of ['a', 'b', 'c', 'd']) j.record(entry(p));
    expect(j.last().map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(j.last(undefined, 2).map((e) => e.path)).toEqual(['c', 'd']);
    expect(j.last(1, 2).map((e) => e.path)).toEqual(['d']);
    expect(j.last(undefined, 4)).toEqual([]);
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
