/**
 * Waiting for the server's clock, not the verifier's. A change shows a later updateTime than
 * the time before it only once the server's clock has moved past that time, and a server's
 * clock may tick in milliseconds, whole seconds or coarser. A fixed pause is too long for the
 * first (two pauses of 1.1 s were most of a run's time) and, for a clock coarser than the
 * pause, passes or fails a correct server by chance. So the server is asked what time it is:
 * a new unit's createTime.
 */
import type { CheckContext } from '../../../suites/check.ts';
import { fieldsOf, idaas, idIfCreated } from './support.ts';

/** Waiting longer than this, the clock is taken for one that does not move (the check's assertions then judge what it shows). */
const MAX_WAIT_MS = 3000;

/** Pauses between readings double from 2 ms up to this, so a whole-second clock is seen to move at most this late. */
const LONGEST_PAUSE_MS = 200;

/** The pause when the server's clock cannot be read (no unit could be made or read): longer than a whole-second tick. */
const PAST_A_SECOND_MS = 1100;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The server's time now, as the createTime of a new unit under `parentId`; undefined when none can be made and read. */
async function serverTime(ctx: CheckContext, parentId: string, label: string): Promise<number | undefined> {
  const d = idaas(ctx);
  const made = idIfCreated(await d.createRaw({ organizationalUnitName: label, parentId }));
  if (made === undefined) return undefined;
  const time = fieldsOf(await d.getRaw(made))?.['createTime'];
  return typeof time === 'number' ? time : undefined;
}

/**
 * Returns once the server's clock shows a time after `t` (Unix ms): at once on a millisecond
 * clock, within a second on a whole-second one. Each reading makes a unit `<label> N` under
 * `parentId` (the check's own sandbox: the run's cleanup removes them); each wait of a check
 * needs its own label, or its units' names would clash.
 */
export async function untilServerTimeAfter(ctx: CheckContext, parentId: string, t: number, label: string): Promise<void> {
  // An updateTime that is no number fails the check's comparisons whatever the clock does.
  if (!Number.isFinite(t)) return;
  const started = performance.now();
  for (let reading = 1, pause = 2; ; reading++, pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    const now = await serverTime(ctx, parentId, `${label} ${reading}`);
    if (now === undefined) {
      ctx.note(`the server's time could not be read from a new unit's createTime: paused ${PAST_A_SECOND_MS} ms instead`);
      return sleep(PAST_A_SECOND_MS);
    }
    if (now > t) return;
    const left = MAX_WAIT_MS - (performance.now() - started);
    if (left <= 0) {
      ctx.note(`the server's clock showed no time after ${t} within ${MAX_WAIT_MS} ms (a new unit's createTime was ${now})`);
      return;
    }
    await sleep(Math.min(pause, left));
  }
}
