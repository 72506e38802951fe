/** CORS: the allow-origin header on every response and preflight answers. */
import type { RequestContext } from './context.ts';
import { sendEmpty } from './respond.ts';

export interface CorsOptions {
  /** Value of `Access-Control-Allow-Origin`, e.g. `*` or `http://localhost:5173`. */
  origin: string;
}

const ALLOW_HEADERS = 'Authorization, Content-Type, X-Request-ID, Prefer';
const EXPOSE_HEADERS = 'X-Request-ID, WWW-Authenticate, Allow, Location, Preference-Applied';

export interface Cors {
  /** Sets the headers every response carries. */
  decorate(ctx: RequestContext): void;
  /** Answers a preflight for a path served with `methods` (204). */
  preflight(ctx: RequestContext, methods: readonly string[]): void;
}

/**
 * @example
 * const cors = createCors({ origin: '*' });
 * cors.decorate(ctx);
 */
export function createCors(opts: CorsOptions): Cors {
  const varies = opts.origin !== '*';
  return {
    decorate(ctx) {
      ctx.res.setHeader('Access-Control-Allow-Origin', opts.origin);
      ctx.res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      if (varies) ctx.res.setHeader('Vary', 'Origin');
    },
    preflight(ctx, methods) {
      sendEmpty(ctx, 204, {
        'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(', '),
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    },
  };
}
