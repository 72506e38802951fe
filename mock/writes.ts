/**
 * The one path of every state-changing request: logged ahead (when the mock persists), then run with
 * its time and id source pinned, so that replaying the log after a restart makes exactly the same
 * change: the same timestamps, the same generated ids, the same outcome.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoggedOperation } from './operation-log.ts';

/** A state-changing request as the log keeps it. */
export type WriteRequest = Pick<LoggedOperation, 'api' | 'op' | 'params' | 'query' | 'body'>;

export interface Writes {
  /** Clock for the domain core: the pinned time while a write runs. */
  clock(): Date;
  /** Id source for the domain core: derived from the write's nonce while it runs. */
  newId(): string;
  /**
   * Logs `request`, then runs `apply` pinned. A log failure throws (StorageError, 503) before
   * anything changed. `apply` must make its change before its first `await`: only that part is pinned.
   */
  run<T>(request: WriteRequest, apply: () => T): T;
  /** Runs `apply` pinned to a logged operation's time and nonce (replay). */
  again<T>(entry: LoggedOperation, apply: () => T): T;
}

/** UUID v4-shaped ids from a nonce: random-looking, but the same for the same nonce and count. */
function idsFrom(nonce: string): () => string {
  let count = 0;
  return () => {
    const hex = createHash('sha256').update(`${nonce}:${count++}`).digest('hex');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

/**
 * @example
 * const writes = createWrites(() => new Date(), log);
 * const dir = new Directory({ clock: writes.clock, newId: writes.newId });
 * writes.run({ api: 'ou', op: 'createOu', params, query: {}, body }, () => ou.createOu(body));
 */
export function createWrites(clock: () => Date, log?: { append(entry: Omit<LoggedOperation, 'seq'>): unknown }): Writes {
  let pinned: { at: Date; ids: () => string } | undefined;
  const pin = <T>(at: string, nonce: string, apply: () => T): T => {
    pinned = { at: new Date(at), ids: idsFrom(nonce) };
    try {
      return apply();
    } finally {
      pinned = undefined;
    }
  };
  return {
    clock: () => pinned?.at ?? clock(),
    newId: () => (pinned ? pinned.ids() : randomUUID()),
    run(request, apply) {
      const at = clock().toISOString();
      const nonce = randomBytes(12).toString('hex');
      log?.append({ at, nonce, ...request });
      return pin(at, nonce, apply);
    },
    again: (entry, apply) => pin(entry.at, entry.nonce, apply),
  };
}
