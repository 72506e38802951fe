/**
 * `ou-contract/msw`: the stateful mock as MSW request handlers, for tests (MSW's `setupServer`,
 * jsdom or happy-dom) and stories that must not start a server. The handlers run the mock's own
 * request listener in memory (fetch-bridge.ts), so they give the HTTP mock's answers from the
 * same core, seeded the same way. In a browser page (MSW's `setupWorker`) the same handlers come
 * from `ou-contract/msw/browser`, a bundle of this module (scripts/bundle-msw-browser.mjs).
 */
import { http, type HttpHandler } from 'msw';
import { createMockApp, type MockApp, type MockOptions } from '../app.ts';
import { handleFetch } from './fetch-bridge.ts';

export { handleFetch } from './fetch-bridge.ts';

/** Where the handlers answer unless told otherwise: the HTTP mock's default address. */
export const DEFAULT_BASE_URL = 'http://localhost:4010';

export interface MswMockOptions extends MockOptions {
  /** The origin (and optional path prefix) the frontend calls; requests elsewhere pass by. Default `http://localhost:4010`. */
  baseUrl?: string;
}

export interface MswMock {
  /** Give these to `setupServer(...)` / `setupWorker(...)`. */
  handlers: HttpHandler[];
  /** The mock behind them: its state (`directory`, `snapshot()`), tokens (`issueToken`). */
  app: MockApp;
}

/**
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMswMock } from 'ou-contract/msw';
 * const mock = createMswMock({ seed: 42 });
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * const token = await mock.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] });
 * await fetch('http://localhost:4010/api/v1/tenants/acme/ous', { headers: { Authorization: `Bearer ${token}` } });
 */
export function createMswMock(opts: MswMockOptions = {}): MswMock {
  const baseUrl = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL such as http://localhost:4010, got "${baseUrl}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be an http(s) URL such as http://localhost:4010, got "${baseUrl}"`);
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new TypeError(`baseUrl must not carry a query or fragment, got "${baseUrl}"`);
  const app = createMockApp(opts);
  // The mock serves its own paths: a base path is stripped before the request reaches it.
  const prefix = parsed.pathname === '/' ? '' : parsed.pathname;
  const handler = http.all(`${baseUrl}/*`, ({ request }) => handleFetch(app.handle, request, prefix));
  return { handlers: [handler], app };
}
