/**
 * `node:url` in the browser bundle. The bundler gives each module a `file:` URL of its place in
 * the package (see scripts/bundle-msw-browser.mjs), so paths stay what they are in Node.
 */
export function fileURLToPath(url: string | URL): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'file:') throw new TypeError(`The URL must be of scheme file, got ${parsed.href}`);
  return decodeURIComponent(parsed.pathname);
}

export function pathToFileURL(path: string): URL {
  return new URL(`file://${encodeURI(path)}`);
}
