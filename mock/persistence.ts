import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file.ts';
import { Directory, SnapshotError, type Snapshot } from './core/index.ts';
import { ValidationError } from './http/typed-errors.ts';
import { jsonChunks } from './json-chunks.ts';

/**
 * A state file that cannot be used. The file is never modified or replaced when this is thrown:
 * starting empty over a broken file would destroy the state the user meant to keep.
 */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`state file ${file} ${problem}`);
    this.name = 'StateFileError';
  }
}

/** A state file's content: the snapshot and the last operation-log entry it contains. */
export interface SavedState {
  snapshot: Snapshot;
  /** Entries of the operation log up to this sequence number are in the snapshot (0: none). */
  oplogSeq: number;
}

/** Reads and writes the mock's whole state as one JSON snapshot file. */
export interface StateStore {
  /** Absolute path of the state file; for a symlink, of the file it points to (saves replace that, keeping the link). */
  readonly file: string;
  /**
   * The saved snapshot, or undefined when the file does not exist yet.
   * @param opts.validate default true: check the content with the core's snapshot loader. Pass false only
   *   when the caller loads it into a Directory at once (that runs the same checks; seconds at 1M users).
   * @throws StateFileError when the file exists but is unreadable, not JSON or not a valid snapshot
   */
  load(opts?: { validate?: boolean }): Snapshot | undefined;
  /** As `load`, with the operation-log position the file records. */
  loadState(opts?: { validate?: boolean }): SavedState | undefined;
  /** Replaces the file atomically (see {@link writeFileAtomic}). @throws StateFileError */
  save(snapshot: Snapshot, oplogSeq?: number): Promise<void>;
}

/**
 * @example
 * const store = createStateStore('./ou-state.json');
 * const saved = store.load();                       // undefined on first start
 * const app = createMockApp(saved ? { snapshot: saved } : { preset: 'small' });
 * await store.save(app.snapshot());
 */
export function createStateStore(file: string): StateStore {
  const path = followLink(resolve(file));
  return {
    file: path,
    load: (opts) => loadSnapshotFile(path, opts?.validate ?? true)?.snapshot,
    loadState: (opts) => loadSnapshotFile(path, opts?.validate ?? true),
    async save(snapshot: Snapshot, oplogSeq = 0): Promise<void> {
      try {
        await writeFileAtomic(path, snapshotText(snapshot, oplogSeq));
      } catch (err) {
        throw new StateFileError(path, `could not be saved: ${(err as Error).message}`);
      }
    },
  };
}

/**
 * Where saves must go: the target of a symlink, so the link survives (a rename over the link would
 * replace it with a regular file). A path that does not exist yet is used as it is.
 */
function followLink(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A link whose target does not exist yet: the first save creates the target.
    try {
      return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : path;
    } catch {
      return path;
    }
  }
}

/** Compact JSON (the file can hold a million users; pretty printing would double it), in pieces. */
async function* snapshotText(snapshot: Snapshot, oplogSeq: number): AsyncGenerator<string> {
  yield* jsonChunks({ ...snapshot, oplog_seq: oplogSeq });
  yield '\n';
}

function loadSnapshotFile(path: string, validate: boolean): SavedState | undefined {
  // Temps of writers killed before their rename: never the state itself, so safe to drop.
  removeStaleTempFiles(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    if (code === 'ENOENT') return undefined;
    throw new StateFileError(path, `cannot be read: ${message}`);
  }
  if (text.trim() === '') throw refusedStateFile(path, 'is empty, which is not a snapshot');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw refusedStateFile(path, `is not valid JSON (${(err as Error).message})`);
  }
  // Checked even unvalidated: `null`, `0` or a list are no state, and must never pass for "no file yet".
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refusedStateFile(path, `is not a valid snapshot: Input should be a valid JSON object, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`);
  }
  const { oplog_seq: oplogSeq = 0, ...snapshot } = value as Record<string, unknown>;
  if (typeof oplogSeq !== 'number' || !Number.isSafeInteger(oplogSeq) || oplogSeq < 0) {
    throw refusedStateFile(path, 'is not a valid snapshot: oplog_seq: Input should be a non-negative integer');
  }
  if (validate) {
    try {
      // The core's own loader is the one definition of a valid snapshot (types, parents, cycles, duplicates),
      // so a file that loads here is one the mock will accept.
      Directory.fromSnapshot(snapshot as unknown as Snapshot);
    } catch (err) {
      const problem = err instanceof SnapshotError ? ValidationError.fromSnapshot(err) : err;
      if (problem instanceof ValidationError) throw refusedStateFile(path, `is not a valid snapshot: ${describeIssues(problem)}`);
      throw err;
    }
  }
  return { snapshot: snapshot as unknown as Snapshot, oplogSeq };
}

/** `tenants.0.ous.12.parent_id: unknown parent OU "x"`; the top level has no location to name. */
export function describeIssues(err: ValidationError): string {
  return err.issues.map((i) => (i.loc.length > 0 ? `${i.loc.join('.')}: ${i.msg}` : i.msg)).join('; ');
}

/** The error for a state file that exists but cannot be used; says the file was kept. */
export function refusedStateFile(path: string, problem: string): StateFileError {
  return new StateFileError(path, `${problem}. The file was left untouched: fix or remove it, or use another state file`);
}
