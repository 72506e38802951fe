/**
 * The entry of the browser build (`ou-contract/msw/browser`): `ou-contract/msw`, with the mock's
 * pages answered by a clear 404. The build embeds the contracts, not the page files (the home
 * page, Swagger UI), and a page is of no use through a service worker anyway: a browser opens
 * it from a server, never from the app's worker.
 */
import { http, HttpResponse } from 'msw';
import { createMswMock as createNodeMswMock, DEFAULT_BASE_URL, type MswMock, type MswMockOptions } from '../index.ts';

export { DEFAULT_BASE_URL, handleFetch, type MswMock, type MswMockOptions } from '../index.ts';

/** The paths of the mock's pages and their files (mock/admin/ui.ts); its documents (`/__mock/openapi/…`) are served. */
const PAGES = ['/', '/__mock', '/__mock/', '/__mock/docs', '/__mock/docs/*', '/__mock/ui/*'];

/** As `createMswMock` of `ou-contract/msw`; see there. */
export function createMswMock(opts: MswMockOptions = {}): MswMock {
  const mock = createNodeMswMock(opts);
  const baseUrl = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const notHere = () =>
    HttpResponse.json({ detail: "The mock's pages are not in the browser build of ou-contract/msw: run `npx ou-contract mock` and open it" }, { status: 404 });
  return { ...mock, handlers: [...PAGES.map((path) => http.all(`${baseUrl}${path}`, notHere)), ...mock.handlers] };
}
