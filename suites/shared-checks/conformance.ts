import type { Exchange } from '../exchange.ts';
import type { CheckContext } from '../check.ts';
import type { SharedCheckSpec } from './spec.ts';

const MAX_REPORTED = 10;

/** Refusals for limits no rule sets (body size, URL and header length, rate): the vendor's choice. */
const LIMIT_STATUSES: ReadonlySet<number> = new Set([413, 414, 429, 431]);

/**
 * After every other check: each answer the run recorded matches the dialect's contract —
 * a documented status, JSON where a body is documented, a body valid against its schema,
 * the documented headers. (5xx answers are the negative-data check's.)
 */
export const conformanceCheck: SharedCheckSpec = {
  kind: 'schema',
  id: 'shared.schema',
  title: "every answer of the run has a status, body and headers the dialect's contract documents",
  post: true,
  async run(ctx: CheckContext) {
    // The users adapter's exchanges are not the dialect's; an exchange already blamed by another check is one cause, one failure.
    const judged = ctx.exchanges().filter((ex) => ex.check !== 'users' && ex.status !== 0 && !LIMIT_STATUSES.has(ex.status) && !ctx.isBlamed(ex));
    const bad: Array<{ ex: Exchange; messages: string[] }> = [];
    for (const ex of judged) {
      const messages = ex.issues.filter((i) => i.kind !== 'server-error').map((i) => i.message);
      if (messages.length > 0) bad.push({ ex, messages });
    }
    for (const { ex, messages } of bad.slice(0, MAX_REPORTED)) {
      ctx.expect(false, `an answer the contract documents: [${ex.check}] ${ex.method} ${ex.path} ${messages.join('; ')}`, ex);
    }
    if (bad.length > MAX_REPORTED) ctx.expect(false, `… and ${bad.length - MAX_REPORTED} more answers the contract does not document`);
    ctx.note(`${judged.length} answers checked`);
  },
};
