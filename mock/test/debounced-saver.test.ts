import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDebouncedSaver } from '../debounced-saver.ts';

/** A save that records when it ran and can be held open to simulate a slow disk. */
function recorder() {
  const times: number[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const save = vi.fn(async () => {
    times.push(Date.now());
    if (hold) await new Promise<void>((resolve) => (release = resolve));
  });
  return {
    save,
    times,
    holdNext: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => vi.useRealTimers());

describe('createDebouncedSaver', () => {
  it('saves once, 200 ms after the last of a burst of changes', async () => {
    const r = recorder();
    const saver = createDebouncedSaver(r.save);
    for (let i = 0; i < 5; i++) {
      saver.schedule();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(r.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(r.times).toEqual([400]);
    expect(saver.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(r.save).toHaveBeenCalledTimes(1);
  });

  it('under steady changes still saves at least every 2 s (max wait)', async () => {
    const r = recorder();
    const saver = createDebouncedSaver(r.save);
    for (let t = 0; t < 5_000; t += 100) {
      saver.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(r.times).toEqual([2_000, 4_000]);
  });

  it('a change made while a save runs is saved by a following save, never lost', async () => {
    const r = recorder();
    const saver = createDebouncedSaver(r.save);
    r.holdNext();
    saver.schedule();
    await vi.advanceTimersByTimeAsync(200);
    expect(r.save).toHaveBeenCalledTimes(1);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(100);
    expect(r.save).toHaveBeenCalledTimes(1);
    r.release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(r.save).toHaveBeenCalledTimes(2);
    expect(saver.dirty).toBe(false);
  });

  it('after a slow save, the next one waits 4x its duration, so saving takes at most a fifth of the time', async () => {
    const r = recorder();
    const saver = createDebouncedSaver(r.save);
    r.holdNext();
    saver.schedule();
    await vi.advanceTimersByTimeAsync(200);
    await vi.advanceTimersByTimeAsync(3_000);
    r.release(); // the save took 3 s
    await vi.advanceTimersByTimeAsync(0);
    saver.schedule();
    await vi.advanceTimersByTimeAsync(11_900);
    expect(r.save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.times).toEqual([200, 15_200]);
  });

  it('flush() saves pending changes at once, waits for a save under way, and is a no-op when clean', async () => {
    const r = recorder();
    const saver = createDebouncedSaver(r.save);
    await saver.flush();
    expect(r.save).not.toHaveBeenCalled();
    saver.schedule();
    await saver.flush();
    expect(r.times).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(r.save).toHaveBeenCalledTimes(1);

    r.holdNext();
    saver.schedule();
    await vi.advanceTimersByTimeAsync(200);
    saver.schedule();
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    r.release();
    await flushing;
    expect(r.save).toHaveBeenCalledTimes(3);
    expect(saver.dirty).toBe(false);
  });

  it('a failed save is reported, stays dirty and is retried; flush() rejects with the failure', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error('disk full');
    });
    const saver = createDebouncedSaver(save, { onError: (e) => errors.push(e) });
    saver.schedule();
    await vi.advanceTimersByTimeAsync(200);
    expect(errors).toHaveLength(1);
    expect(saver.dirty).toBe(true);
    await expect(saver.flush()).rejects.toThrow('disk full');
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saver.dirty).toBe(false);
    expect(save).toHaveBeenCalledTimes(3);
  });
});
