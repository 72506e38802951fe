/**
 * CORS for the OU API: the allow-origin header on every response, and preflight answers that
 * grant what a browser asks for. Browsers refuse a request whose preflight does not list every
 * header it will carry, and tracing SDKs add their own (`traceparent`, `baggage`, ...), so the
 * requested headers are echoed rather than checked against a fixed list.
 */
import type { RequestContext } from './context.ts';
import { sendEmpty } from './respond.ts';

export interface CorsOptions {
  /** Value of `Access-Control-Allow-Origin`, e.g. `*` or `http://localhost:5173`. */
  origin: string;
}

/** Always granted, so a preflight without `Access-Control-Request-Headers` still covers the usual ones. */
const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'X-Request-ID', 'Prefer'];
const EXPOSE_HEADERS = 'X-Request-ID, WWW-Authenticate, Allow, Location, Preference-Applied';
/** An HTTP field name (RFC 9110 token); anything else in the request list is dropped, never echoed. */
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Bounds the echoed list: a browser asks for a handful, a hostile client for megabytes. */
const MAX_REQUESTED = 50;

export interface Cors {
  /** Sets the headers every response carries. */
  decorate(ctx: RequestContext): void;
  /** Answers a preflight for a path served with `methods` (204). */
  preflight(ctx: RequestContext, methods: readonly string[]): void;
}

/** The default headers plus the valid names of `Access-Control-Request-Headers`, each once. */
function allowedHeaders(requested: string | undefined): string {
  const names = new Map(ALLOW_HEADERS.map((h) => [h.toLowerCase(), h]));
  for (const raw of (requested ?? '').split(',').slice(0, MAX_REQUESTED)) {
    const name = raw.trim();
    if (FIELD_NAME.test(name) && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  return [...names.values()].join(', ');
}

/**
 * With a configured origin (not `*`) credentials are allowed too: a page calling with
 * `credentials: 'include'` then works. Browsers refuse credentials with `*`, so none are granted there.
 *
 * @example
 * const cors = createCors({ origin: 'http://localhost:5173' });
 * cors.decorate(ctx); // Access-Control-Allow-Origin: http://localhost:5173, Access-Control-Allow-Credentials: true
 */
export function createCors(opts: CorsOptions): Cors {
  const specific = opts.origin !== '*';
  return {
    decorate(ctx) {
      ctx.res.setHeader('Access-Control-Allow-Origin', opts.origin);
      ctx.res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      if (specific) {
        ctx.res.setHeader('Access-Control-Allow-Credentials', 'true');
        ctx.res.setHeader('Vary', 'Origin');
      }
    },
    preflight(ctx, methods) {
      const requested = ctx.req.headers['access-control-request-headers'];
      sendEmpty(ctx, 204, {
        'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
        'Access-Control-Allow-Headers': allowedHeaders(requested),
        'Access-Control-Max-Age': '600',
        // The answer depends on what was asked: a cache must not reuse it for other headers.
        Vary: specific ? 'Origin, Access-Control-Request-Headers' : 'Access-Control-Request-Headers',
      });
    },
  };
}
