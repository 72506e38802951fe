/** What one request carries through the layers: parsed target, request id, timing. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Upper-case method. */
  readonly method: string;
  /** Path without the query string; `''` when the target is not a path (e.g. `*`). */
  readonly pathname: string;
  /** Query string without the `?`. */
  readonly rawQuery: string;
  /** The client's `X-Request-ID` when usable, else generated (OU-E2). */
  readonly requestId: string;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
}

/** Echoed in a response header, so only visible ASCII, bounded as the contract bounds it. */
const USABLE_ID = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

function target(url: string): { pathname: string; rawQuery: string } {
  let path = url;
  if (!path.startsWith('/')) {
    // absolute-form (`http://host/path`), as proxies send it; anything else names no route.
    try {
      const parsed = new URL(url);
      path = parsed.pathname + parsed.search;
    } catch {
      return { pathname: '', rawQuery: '' };
    }
  }
  const q = path.indexOf('?');
  return q < 0 ? { pathname: path, rawQuery: '' } : { pathname: path.slice(0, q), rawQuery: path.slice(q + 1) };
}

/** Serves one request completely: answers it, whatever happens (never rejects in practice). */
export type ApiHandler = (ctx: RequestContext) => Promise<void>;

/** Builds the context of a request that just arrived. */
export function createContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  const given = req.headers['x-request-id'];
  const { pathname, rawQuery } = target(req.url ?? '');
  return {
    req,
    res,
    method: (req.method ?? 'GET').toUpperCase(),
    pathname,
    rawQuery,
    requestId: typeof given === 'string' && USABLE_ID.test(given) ? given : randomUUID(),
    startedAt: performance.now(),
  };
}
