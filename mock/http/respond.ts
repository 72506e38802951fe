/** Writing responses: JSON bodies with their length, empty bodies, and errors via `toResponse`. */
import type { Defects } from '../defects.ts';
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

/** Sends a response without a body (204, preflight). */
export function sendEmpty(ctx: RequestContext, status: number, headers: Headers = {}): void {
  if (ctx.res.headersSent) return;
  ctx.res.writeHead(status, { ...headers, 'X-Request-ID': ctx.requestId });
  ctx.res.end();
}

/**
 * Sends the response for a thrown value. A 413 closes the connection: the rest of the
 * oversized body is never read. A 500 is a mock bug and is logged (message only: no
 * request data, so no token).
 */
export function sendError(ctx: RequestContext, err: unknown, defects?: Defects): void {
  const { status, headers, body } = toResponse(err, defects);
  if (status >= 500) {
    process.stderr.write(`ou-mock: unexpected error on ${ctx.method} ${ctx.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  sendJson(ctx, status, body, status === 413 ? { ...headers, Connection: 'close' } : headers);
}
