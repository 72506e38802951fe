/**
 * The home page (`/`, `/__mock`), the API docs page (`/__mock/docs`) and the files they load:
 * plain HTML and scripts from mock/ui/, Swagger UI from the installed swagger-ui-dist package,
 * the contracts from api-docs.ts. Nothing is fetched from elsewhere, nothing is built.
 *
 * These are public files, served without the admin key (a browser cannot send one when it opens
 * a page); everything they show comes from the admin routes, which stay guarded: the page asks
 * for the key when one is needed. Framing by other sites is refused (the page has buttons that
 * reset state), and a Content-Security-Policy keeps every script and request same-origin.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestContext } from '../http/context.ts';
import { apiDocuments, documentFor } from './api-docs.ts';

const UI_DIR = fileURLToPath(new URL('../ui/', import.meta.url));
const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

interface Asset {
  file: string;
  type: string;
}

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Every file served, by path: nothing else under these prefixes is reachable (no path walking). */
const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['/', { file: join(UI_DIR, 'index.html'), type: HTML }],
  ['/__mock', { file: join(UI_DIR, 'index.html'), type: HTML }],
  ['/__mock/', { file: join(UI_DIR, 'index.html'), type: HTML }],
  ['/__mock/ui/home.js', { file: join(UI_DIR, 'home.js'), type: JS }],
  ['/__mock/ui/common.js', { file: join(UI_DIR, 'common.js'), type: JS }],
  ['/__mock/ui/style.css', { file: join(UI_DIR, 'style.css'), type: CSS }],
  ['/__mock/docs', { file: join(UI_DIR, 'docs.html'), type: HTML }],
  ['/__mock/ui/docs.js', { file: join(UI_DIR, 'docs.js'), type: JS }],
  ['/__mock/docs/swagger-ui.css', { file: join(SWAGGER_DIR, 'swagger-ui.css'), type: CSS }],
  ['/__mock/docs/swagger-ui-bundle.js', { file: join(SWAGGER_DIR, 'swagger-ui-bundle.js'), type: JS }],
  ['/__mock/docs/swagger-ui-standalone-preset.js', { file: join(SWAGGER_DIR, 'swagger-ui-standalone-preset.js'), type: JS }],
]);

const SECURITY_HEADERS = {
  // Swagger UI sets inline styles and shows its icons as data: images.
  'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const OPENAPI_PATH = /^\/__mock\/openapi\/([a-z0-9-]{1,40})\.yaml$/;

const cache = new Map<string, Buffer>();

function send(ctx: RequestContext, status: number, type: string, body: Buffer | string): void {
  ctx.res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-cache',
    'X-Request-ID': ctx.requestId,
  });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
}

/** The origin a browser used to reach this mock, for the documents' `servers`. */
function originOf(ctx: RequestContext): string {
  const host = ctx.req.headers.host ?? '';
  // A Host header that is not a plain host[:port] never reaches a document.
  return /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host) ? `http://${host}` : 'http://127.0.0.1';
}

/**
 * Serves the request when it is for the page, its files or a document, and says whether it did.
 *
 * @example
 * if (serveUi(ctx)) return; // else the admin API routes it
 */
export function serveUi(ctx: RequestContext): boolean {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return false;
  const asset = ASSETS.get(ctx.pathname);
  if (asset) {
    let body = cache.get(asset.file);
    if (!body) {
      body = readFileSync(asset.file);
      cache.set(asset.file, body);
    }
    send(ctx, 200, asset.type, body);
    return true;
  }
  if (ctx.pathname === '/openapi.yaml') {
    const ouApi = apiDocuments().find((d) => d.id === 'ou-api');
    if (!ouApi) return false;
    send(ctx, 200, 'application/yaml; charset=utf-8', readFileSync(ouApi.file));
    return true;
  }
  if (ctx.pathname === '/__mock/openapi') {
    const list = apiDocuments().map(({ id, title, url, credential }) => ({ id, title, url, credential }));
    send(ctx, 200, 'application/json', JSON.stringify({ data: list }));
    return true;
  }
  const id = OPENAPI_PATH.exec(ctx.pathname)?.[1];
  const doc = id === undefined ? undefined : documentFor(id, originOf(ctx));
  if (doc === undefined) return false;
  send(ctx, 200, 'application/yaml; charset=utf-8', doc);
  return true;
}
