/** Coalesces bursts of changes into few saves; see {@link createDebouncedSaver}. */
export interface DebouncedSaver {
  /** Notes a change; a save follows `delayMs` after the last change, at most `maxWaitMs` after the first. */
  schedule(): void;
  /** Saves now if anything is unsaved and waits for every save under way; rejects if the last save failed. */
  flush(): Promise<void>;
  /** True while a change is not yet saved. */
  readonly dirty: boolean;
}

export interface DebouncedSaverOptions {
  /** Quiet time after the last change before saving. Default 200 ms. */
  delayMs?: number;
  /**
   * Upper bound between the first unsaved change and its save, so steady writes still get saved. Default 2 s.
   * Stretched when saves are slow: after a save of D ms the next starts no sooner than 4·D later.
   */
  maxWaitMs?: number;
  /** Told about a failed background save; the change stays dirty and is retried after `maxWaitMs`. */
  onError?: (err: unknown) => void;
}

/**
 * Runs `save` (which must capture the state at call time) after changes settle.
 * Saves never overlap: a change during a save is picked up by the next one.
 *
 * @example
 * const saver = createDebouncedSaver(() => store.save(app.snapshot()));
 * app.onChange(() => saver.schedule());
 * process.on('SIGTERM', async () => { await saver.flush(); process.exit(0); });
 */
export function createDebouncedSaver(save: () => Promise<void>, opts: DebouncedSaverOptions = {}): DebouncedSaver {
  const delayMs = opts.delayMs ?? 200;
  const maxWaitMs = Math.max(opts.maxWaitMs ?? 2_000, delayMs);
  let dirty = false;
  let firstChangeAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const arm = (wait: number): void => {
    if (timer) clearTimeout(timer);
    // unref: a pending save must not keep a finished process (or test) alive; shutdown flushes instead.
    timer = setTimeout(fire, Math.max(0, wait)).unref();
  };

  // Big states take seconds to save: keep saving to at most a fifth of the time by resting 4x the
  // last save's duration after it, whatever the debounce says.
  let restUntil = 0;

  const armForChanges = (): void => {
    const now = Date.now();
    const sinceFirst = now - (firstChangeAt ?? now);
    arm(Math.max(Math.min(delayMs, maxWaitMs - sinceFirst), restUntil - now));
  };

  const runOnce = (): Promise<void> => {
    dirty = false;
    firstChangeAt = undefined;
    const startedAt = Date.now();
    // new Promise: a save that throws synchronously becomes a rejection like any other failure.
    const attempt = new Promise<void>((resolve) => resolve(save())).then(
      () => {
        running = undefined;
        const endedAt = Date.now();
        restUntil = endedAt + 4 * (endedAt - startedAt);
        // Changes made while this save ran are not in it: save again once they settle.
        if (dirty) armForChanges();
      },
      (err: unknown) => {
        running = undefined;
        dirty = true;
        firstChangeAt ??= Date.now();
        arm(maxWaitMs);
        throw err;
      },
    );
    running = attempt;
    return attempt;
  };

  function fire(): void {
    timer = undefined;
    // A save under way re-arms when it ends, so there is nothing to do now.
    if (!dirty || running) return;
    runOnce().catch((err: unknown) => opts.onError?.(err));
  }

  return {
    schedule(): void {
      dirty = true;
      firstChangeAt ??= Date.now();
      if (!running) armForChanges();
    },
    async flush(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (running) await running.catch(() => undefined);
      if (dirty) await runOnce();
    },
    get dirty(): boolean {
      return dirty;
    },
  };
}
