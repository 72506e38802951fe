/**
 * The node:http request listener: context, the split between the admin API and the dialects'
 * APIs, CORS (the dialects' APIs only), the journal. Never throws and never leaves a request unanswered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Journal } from '../admin/journal.ts';
import { captureExchange, type Capture } from '../admin/recorder.ts';
import { createContext, type ApiHandler, type RequestContext } from './context.ts';
import type { Cors } from './cors.ts';
import { sendError } from './respond.ts';

export interface DispatchOptions {
  /** Every dialect's API (the dialect host). */
  api: ApiHandler;
  admin: ApiHandler;
  adminPrefix: string;
  /** Methods served at a path by any dialect (for preflights), undefined when none. */
  methodsAt(pathname: string): readonly string[] | undefined;
  cors: Cors | undefined;
  journal: Journal;
  clock: () => Date;
}

function isAdmin(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Served by the admin side although outside its prefix: the home page and the OU API's contract. */
const ADMIN_PAGES: ReadonlySet<string> = new Set(['/', '/openapi.yaml']);

/** Reads of the admin API and the home page are not recorded: the page polls them, and would fill the journal it shows. */
function journaled(ctx: RequestContext, prefix: string): boolean {
  const read = ctx.method === 'GET' || ctx.method === 'HEAD';
  return !(read && (isAdmin(ctx.pathname, prefix) || ADMIN_PAGES.has(ctx.pathname)));
}

/**
 * @example
 * http.createServer(createRequestListener({ api, admin, adminPrefix: '/__mock', methodsAt, cors, journal, clock }));
 */
export function createRequestListener(opts: DispatchOptions): (req: IncomingMessage, res: ServerResponse) => void {
  async function route(ctx: RequestContext): Promise<void> {
    // CORS is for the dialects' APIs only: the admin API must not be callable from other origins' pages
    // (its home page is same-origin), so it answers no preflight and grants no origin.
    if (isAdmin(ctx.pathname, opts.adminPrefix) || ADMIN_PAGES.has(ctx.pathname)) return opts.admin(ctx);
    opts.cors?.decorate(ctx);
    if (opts.cors && ctx.method === 'OPTIONS') {
      const methods = opts.methodsAt(ctx.pathname);
      if (methods) return opts.cors.preflight(ctx, methods);
    }
    return opts.api(ctx);
  }

  function record(ctx: RequestContext, arrivedAt: Date, capture: Capture): void {
    if (!journaled(ctx, opts.adminPrefix)) return;
    opts.journal.record(
      {
        method: ctx.method,
        path: ctx.pathname,
        duration_ms: Math.round((performance.now() - ctx.startedAt) * 1000) / 1000,
        request_id: ctx.requestId,
        at: arrivedAt,
      },
      capture.finish(),
    );
  }

  async function serve(ctx: RequestContext, arrivedAt: Date, capture: Capture): Promise<void> {
    try {
      await route(ctx);
    } catch (err) {
      sendError(ctx, err);
    } finally {
      record(ctx, arrivedAt, capture);
    }
  }

  return (req, res) => {
    const ctx = createContext(req, res);
    serve(ctx, opts.clock(), captureExchange(ctx)).catch((err: unknown) => {
      // sendError or the journal threw: a bug of the mock. Logged like sendError's 500s: method and path, no headers or body.
      process.stderr.write(`ou-mock: could not finish ${ctx.method} ${ctx.pathname}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  };
}
