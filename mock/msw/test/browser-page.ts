/**
 * The page of the browser test (browser.test.ts), written as a frontend would: MSW's
 * `setupWorker` with the mock's handlers. The test bundles it with esbuild and no polyfill,
 * pointing the import of `../index.ts` at the browser build (what `ou-contract/msw/browser`
 * resolves to), so the page runs the bundle the package ships.
 */
import { setupWorker } from 'msw/browser';
import { createMswMock } from '../index.ts';

/** What the test reads once the worker answers. */
export interface PageReady {
  /** From `createMswMock` called to the mock built (contracts parsed, validators ready). */
  createMs: number;
  /** From `worker.start()` called to the first request answered through the worker. */
  startToFirstAnswerMs: number;
  firstStatus: number;
  /** A read-write token of tenant acme, from the mock in the page. */
  token: string;
}

const API = 'http://localhost:4010';

const created = performance.now();
const mock = createMswMock({ seed: 42, preset: 'small', baseUrl: API });
const createMs = performance.now() - created;
const worker = setupWorker(...mock.handlers);

async function start(): Promise<PageReady> {
  const started = performance.now();
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  const token = await mock.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read', 'ous:write'] });
  const first = await fetch(`${API}/api/v1/tenants/acme/ous?per_page=1`, { headers: { Authorization: `Bearer ${token}` } });
  await first.arrayBuffer();
  return { createMs, startToFirstAnswerMs: performance.now() - started, firstStatus: first.status, token };
}

Object.assign(globalThis, { ouMockReady: start() });
