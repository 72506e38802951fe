/**
 * What keeps web pages and other machines off the admin API, checked before any admin route runs:
 * - the `Host` header must name this server by a loopback name (or the host it was told to
 *   listen on) and its port: a page on another origin that rebinds its DNS name to 127.0.0.1
 *   sends its own name, so it is refused (DNS rebinding);
 * - writes (POST, PUT, PATCH) must say `Content-Type: application/json`: a cross-site form or
 *   `fetch` without a preflight cannot send that type, and the admin API answers no preflight;
 * - when a key is configured (always when listening beyond loopback), `X-Admin-Key` must carry it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ForbiddenError, UnsupportedMediaTypeError } from '../http/typed-errors.ts';
import { isJsonMedia, mediaType } from '../http/body.ts';

/** Names every loopback listener answers to; a browser writes IPv6 hosts in brackets. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface AdminGuardOptions {
  /** Required in `X-Admin-Key` on every admin request when set. */
  key?: string;
  /** Host names accepted besides the loopback ones, e.g. the `--host` given. Ignored when `anyHost`. */
  hosts?: readonly string[];
  /** Accept any `Host` (a wildcard listener has no one name); only allowed with a key. */
  anyHost?: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** Same length, constant time: a key compared byte by byte would leak how much of a guess is right. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** `Host` split into a lower-case name (IPv6 kept in brackets) and a port, or undefined when malformed. */
function parseHost(host: string): { name: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** Listen addresses are written without brackets (`::1`); Host headers with them. */
function asHostName(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host.toLowerCase()}]` : host.toLowerCase();
}

/**
 * @example
 * const guard = createAdminGuard({ key: 'k' });
 * guard(req); // throws ForbiddenError for a foreign Host or a missing key, else returns
 */
export function createAdminGuard(opts: AdminGuardOptions = {}): (req: IncomingMessage) => void {
  if (opts.anyHost && opts.key === undefined) throw new TypeError('anyHost needs an admin key');
  const names = new Set([...LOOPBACK_HOSTS, ...(opts.hosts ?? []).map(asHostName)]);
  const key = opts.key === undefined ? undefined : digest(opts.key);
  return (req) => {
    if (!opts.anyHost) {
      const host = parseHost(req.headers.host ?? '');
      // Without a port the client meant 80; compare with the port this connection really came in on.
      const portMatches = host !== undefined && (host.port ?? 80) === req.socket.localPort;
      if (!host || !names.has(host.name) || !portMatches) {
        throw new ForbiddenError(`Host "${(req.headers.host ?? '').slice(0, 100)}" is not allowed for the admin API: use ${[...names].join(', ')} with the server's port`);
      }
    }
    if (key) {
      const given = req.headers['x-admin-key'];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), key)) {
        throw new ForbiddenError('The admin API needs the admin key in X-Admin-Key (printed at start, or the one you configured)');
      }
    }
  };
}

/**
 * Writes (POST, PUT, PATCH) must declare a JSON body, even an empty one. Checked after routing,
 * so a wrong method still answers 405.
 */
export function requireJsonWrite(req: IncomingMessage): void {
  if (!WRITES.has(req.method ?? '')) return;
  const media = mediaType(req.headers['content-type']);
  if (!isJsonMedia(media)) {
    throw new UnsupportedMediaTypeError(`Admin writes need Content-Type: application/json${media === '' ? '' : `, got ${media.slice(0, 100)}`}`);
  }
}
