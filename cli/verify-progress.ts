import { progressLine } from '../reports/terminal.ts';
import type { CheckResult } from '../suites/model.ts';

/** Where progress goes: a stream with, on a terminal, `isTTY` and `columns`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  start(checkId: string): void;
  end(result: CheckResult, baselined: boolean): void;
  /** Clears the live status line (TTY only) before the summary is printed. */
  done(): void;
}

/**
 * One line per finished check. On a TTY the line is coloured (unless `color` is false) and a status line below it
 * shows the checks still running (they run concurrently); elsewhere (CI logs, pipes)
 * only the plain lines are written.
 */
export function createProgress(out: ProgressStream, color: boolean = out.isTTY === true): Progress {
  const tty = out.isTTY === true;
  const running = new Set<string>();
  let finished = 0;
  const clear = (): void => {
    if (tty) out.write('\r\u001b[K');
  };
  const status = (): void => {
    if (!tty || running.size === 0) return;
    // Narrower than the terminal, so the line never wraps and `\r` can clear it.
    const width = Math.max(20, (out.columns || 80) - 1);
    const text = `… ${finished} done, running ${[...running].join(', ')}`;
    out.write(text.length > width ? `${text.slice(0, width - 1)}…` : text);
  };
  return {
    start(checkId) {
      running.add(checkId);
      clear();
      status();
    },
    end(result, baselined) {
      running.delete(result.check);
      finished++;
      clear();
      out.write(`${progressLine(result, { color }, baselined)}\n`);
      status();
    },
    done() {
      clear();
    },
  };
}
