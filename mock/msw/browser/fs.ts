/**
 * `node:fs` in the browser bundle: reads of the package's own data files (the contracts), which
 * the bundler embeds as text (scripts/bundle-msw-browser.mjs). Anything else does not exist here.
 */
import { Buffer } from 'buffer';
import { dirname } from 'pathe';
import { files } from 'ou-contract:embedded-files';

function notFound(syscall: string, path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory (not embedded in the browser build), ${syscall} '${path}'`), { code: 'ENOENT', syscall, path });
}

const pathOf = (path: string | URL): string => (path instanceof URL ? decodeURIComponent(path.pathname) : path);

export function readFileSync(path: string | URL): Buffer;
export function readFileSync(path: string | URL, encoding: BufferEncoding | { encoding: BufferEncoding }): string;
export function readFileSync(path: string | URL, encoding?: BufferEncoding | { encoding: BufferEncoding }): string | Buffer {
  const text = files[pathOf(path)];
  if (text === undefined) throw notFound('open', pathOf(path));
  return encoding === undefined ? Buffer.from(text) : text;
}

export function readdirSync(path: string | URL): string[] {
  const dir = pathOf(path).replace(/\/+$/, '');
  const names = Object.keys(files)
    .filter((file) => dirname(file) === dir)
    .map((file) => file.slice(dir.length + 1));
  if (names.length === 0) throw notFound('scandir', dir);
  return names;
}
