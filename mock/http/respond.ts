/** Writing responses: JSON bodies with their length or streamed, empty bodies, and errors via `toResponse`. */
import type { ServerResponse } from 'node:http';
import type { Defects } from '../defects.ts';
import { jsonChunks } from '../json-chunks.ts';
import type { RequestContext } from './context.ts';
import { toResponse } from './errors.ts';

export type Headers = Readonly<Record<string, string>>;

const JSON_TYPE = 'application/json';

/** Sends `body` as JSON with `X-Request-ID`; a response already under way is left alone. */
export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: Headers = {}): void {
  if (ctx.res.headersSent) return;
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    'X-Request-ID': ctx.requestId,
  });
  ctx.res.end(text);
}

/**
 * Sends `body` as JSON in chunks (json-chunks.ts): for answers of unbounded size or depth (the tree,
 * a snapshot), so one big answer neither stalls other requests nor overflows the stack. Waits for
 * a slow reader to drain before writing more, and stops when the client goes away. A body that
 * fits in one chunk is sent whole, with its length.
 */
export async function streamJson(ctx: RequestContext, status: number, body: unknown, headers: Headers = {}): Promise<void> {
  if (ctx.res.headersSent) return;
  const chunks = jsonChunks(body);
  const first = await chunks.next();
  if (first.done) throw new Error('jsonChunks wrote nothing');
  const second = await chunks.next();
  const head = { ...headers, 'Content-Type': JSON_TYPE, 'X-Request-ID': ctx.requestId };
  if (second.done) {
    ctx.res.writeHead(status, { ...head, 'Content-Length': String(Buffer.byteLength(first.value)) });
    ctx.res.end(first.value);
    return;
  }
  ctx.res.writeHead(status, head);
  const all = (async function* () {
    yield first.value;
    yield second.value;
    yield* chunks;
  })();
  for await (const chunk of all) {
    // Leaving the loop early ends the generators: nothing more is serialised for a client that left.
    if (ctx.res.destroyed) return;
    if (!ctx.res.write(chunk) && !(await drained(ctx.res))) return;
  }
  ctx.res.end();
}

/** Resolves true once the response can take more, false when its connection closed first. */
function drained(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (ok: boolean) => (): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/** Sends a response without a body (204, preflight). */
export function sendEmpty(ctx: RequestContext, status: number, headers: Headers = {}): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(status, { ...headers, 'X-Request-ID': ctx.requestId });
  ctx.res.end();
}

/**
 * Up to this many bytes of an oversized body are read and dropped after a 413, so a client
 * still sending it gets to read the answer (closing at once makes its write fail with EPIPE
 * before it sees the 413); past this the connection is closed.
 */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Sends the response for a thrown value. After a 413 the rest of the oversized body is
 * dropped unread (and the connection closed when it is over `DRAIN_MAX_BYTES`). A 500 is a mock bug and is logged with its stack, a 503 (the
 * mock's storage failing) with its message; never request data, so no token.
 */
export function sendError(ctx: RequestContext, err: unknown, defects?: Defects): void {
  const { status, headers, body } = toResponse(err, defects);
  if (status === 500) {
    process.stderr.write(`ou-mock: unexpected error on ${ctx.method} ${ctx.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  } else if (status > 500) {
    // An expected failure of the mock itself (its storage): the operator needs to know, without a stack.
    process.stderr.write(`ou-mock: ${status} on ${ctx.method} ${ctx.pathname}: ${(err as Error).message}\n`);
  }
  sendJson(ctx, status, body, status === 413 ? { ...headers, ...dropOversizedBody(ctx) } : headers);
}

/**
 * Called before answering 413: drops the rest of the oversized body unread, and answers the
 * headers the 413 needs (`Connection: close` when it is over `DRAIN_MAX_BYTES`).
 */
export function dropOversizedBody(ctx: RequestContext): Headers {
  const declared = Number(ctx.req.headers['content-length']);
  const drain = Number.isFinite(declared) && declared <= DRAIN_MAX_BYTES && !ctx.req.readableEnded;
  if (drain) ctx.req.resume();
  return drain ? {} : { Connection: 'close' };
}
