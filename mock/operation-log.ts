/**
 * The write-ahead log of the mock's state file: every state-changing request is appended as one
 * JSON line before it runs and before it is answered, so an acknowledged write survives `kill -9`
 * (and, with `fsync`, power loss) even between the debounced snapshot saves. Snapshots compact it.
 *
 * The log lives beside the state file in segments named `<state file>.oplog.<first seq>`. A
 * snapshot records the last sequence number it contains (`oplog_seq`); at the moment a snapshot is
 * taken the log moves on to a new segment, and once the snapshot is safely on disk the segments it
 * covers are deleted. A restart loads the snapshot and replays the entries after its `oplog_seq`.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DialectId } from '../dialects/types.ts';
import { StorageError } from './http/typed-errors.ts';
import { StateFileError } from './persistence.ts';

/** One logged request: enough to run it again exactly as it ran (its time and id source pinned). */
export interface LoggedOperation {
  seq: number;
  /** The clock's reading when it ran, ISO 8601: every timestamp it wrote. */
  at: string;
  /** Seed of the ids it generated. */
  nonce: string;
  /** `ou` (the OU API), `admin`, or the id of another dialect. */
  api: 'ou' | 'admin' | Exclude<DialectId, 'ou-api'>;
  /** The tenant a dialect's operation ran on (the OU API's is its `tenant_id` path parameter). */
  tenant?: string;
  /** operationId */
  op: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface OperationLog {
  /** Entries after `seq`, in order, from every segment on disk. @throws StateFileError on a damaged log */
  readAfter(seq: number): LoggedOperation[];
  /** True when segments exist (they must not outlive their state file). */
  hasSegments(): boolean;
  /** Starts appending after `lastSeq`, opening a new segment now: an unwritable place fails the start. @throws StateFileError */
  start(lastSeq: number): void;
  /** Appends one entry, numbered here, and returns it; durable before it returns. @throws StorageError (503) */
  append(entry: Omit<LoggedOperation, 'seq'>): LoggedOperation;
  /** The last sequence number given out; later appends go to a new segment (call when taking a snapshot). */
  cut(): number;
  /** Deletes the segments holding only entries up to `seq` (those a saved snapshot contains). */
  dropThrough(seq: number): void;
  close(): void;
}

const SEGMENT = /^(\d{12})$/;

/**
 * @example
 * const log = createOperationLog('/data/state.json', { fsync: false });
 * log.start(0);
 * log.append({ at, nonce, api: 'ou', op: 'createOu', params, query: {}, body });
 */
export function createOperationLog(stateFile: string, opts: { fsync: boolean }): OperationLog {
  const dir = dirname(stateFile);
  const prefix = `${basename(stateFile)}.oplog.`;
  const segmentPath = (first: number): string => join(dir, prefix + String(first).padStart(12, '0'));
  let fd: number | undefined;
  let lastSeq = 0;
  let rotate = false;

  /** First sequence numbers of the segments on disk, ascending. */
  function segments(): number[] {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.startsWith(prefix) && SEGMENT.test(n.slice(prefix.length)))
      .map((n) => Number(n.slice(prefix.length)))
      .sort((a, b) => a - b);
  }

  function open(first: number): void {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    fd = openSync(segmentPath(first), 'a');
  }

  return {
    hasSegments: () => segments().length > 0,
    readAfter(after) {
      const firsts = segments();
      const entries: LoggedOperation[] = [];
      for (const first of firsts) {
        const file = segmentPath(first);
        const lines = readFileSync(file, 'utf8').split('\n');
        // The text after the last newline is a line whose write was cut off: never acknowledged, so dropped.
        lines.pop();
        lines.forEach((line, i) => {
          let entry: LoggedOperation;
          try {
            entry = JSON.parse(line) as LoggedOperation;
          } catch {
            throw new StateFileError(file, `has a damaged line ${i + 1}. The file was left untouched: fix or remove it`);
          }
          if (typeof entry.seq !== 'number') throw new StateFileError(file, `line ${i + 1} is not a logged operation. The file was left untouched`);
          if (entry.seq > after) entries.push(entry);
        });
      }
      return entries.sort((a, b) => a.seq - b.seq);
    },
    start(last) {
      lastSeq = last;
      try {
        open(last + 1);
      } catch (err) {
        throw new StateFileError(segmentPath(last + 1), `cannot be written (the operation log beside the state file): ${(err as Error).message}`);
      }
    },
    append(entry) {
      const logged: LoggedOperation = { seq: lastSeq + 1, ...entry };
      try {
        if (rotate || fd === undefined) open(logged.seq);
        rotate = false;
        // One write call: a kill -9 cannot tear it; power loss can, and a torn last line is dropped at load.
        writeSync(fd as number, `${JSON.stringify(logged)}\n`);
        if (opts.fsync) fsyncSync(fd as number);
      } catch (err) {
        throw new StorageError(`The mock could not log the change to its state file, so nothing was changed: ${(err as Error).message}`);
      }
      lastSeq = logged.seq;
      return logged;
    },
    cut() {
      rotate = true;
      return lastSeq;
    },
    dropThrough(seq) {
      const firsts = segments();
      // A segment holds entries up to the next segment's first - 1; the open one (the last) is kept.
      for (let i = 0; i + 1 < firsts.length; i++) {
        if ((firsts[i + 1] as number) - 1 <= seq) unlinkSync(segmentPath(firsts[i] as number));
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
