import type { RunningServer } from './server.ts';

export interface SignalShutdownOptions {
  /** Longest the whole shutdown (requests in flight + final save) may take before exiting anyway. Default 5 s. */
  timeoutMs?: number;
  /** Progress lines (default stderr). */
  log?: (line: string) => void;
  /** Default process.exit. */
  exit?: (code: number) => void;
  /** Where the signals arrive; default `process` (tests pass an EventEmitter). */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  /**
   * How often to check that the parent process still lives (default 1 s; 0 turns it off).
   * `kill` of an `npm start` leaves its child running; the child sees it by being reparented.
   */
  parentCheckMs?: number;
  /** The current parent process id; default `process.ppid` (tests pass their own). */
  ppid?: () => number;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Closes `server` on SIGINT/SIGTERM, or when the parent process is gone, and exits: 0 when it stopped cleanly (state saved), 1 when the
 * close failed or overran `timeoutMs`. A second signal exits at once; the state file is still
 * whole then, because every save replaces it atomically.
 *
 * @returns a function that removes the handlers
 * @example
 * const server = await startMockServer({ stateFile: 'state.json' });
 * closeOnSignals(server);
 */
export function closeOnSignals(server: RunningServer, opts: SignalShutdownOptions = {}): () => void {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = opts.timeoutMs ?? 5_000;
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals | 'parent exited'): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log(`${signal}: stopping (letting requests in flight finish, saving state)...`);
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<'overrun'>((resolve) => {
      timer = setTimeout(() => resolve('overrun'), timeoutMs);
    });
    Promise.race([server.close().then(() => 'closed' as const), overrun]).then(
      (outcome) => {
        clearTimeout(timer);
        if (outcome === 'closed') {
          log('stopped');
          exit(0);
        } else {
          log(`did not stop within ${timeoutMs} ms: exiting anyway`);
          exit(1);
        }
      },
      (err: unknown) => {
        clearTimeout(timer);
        log(`stopping failed: ${(err as Error).message}`);
        exit(1);
      },
    );
  };

  const source = opts.signals ?? process;
  for (const signal of SIGNALS) source.on(signal, onSignal);
  const parentTimer = watchParent(opts.parentCheckMs ?? 1_000, opts.ppid ?? (() => process.ppid), () => onSignal('parent exited'));
  return () => {
    for (const signal of SIGNALS) source.off(signal, onSignal);
    clearInterval(parentTimer);
  };
}

/** Calls `onGone` once when the parent process id changes (the parent died and this process was reparented). */
function watchParent(everyMs: number, ppid: () => number, onGone: () => void): NodeJS.Timeout | undefined {
  if (everyMs <= 0) return undefined;
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() === parent) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  // The check alone must never keep the process alive.
  timer.unref();
  return timer;
}
