/**
 * Records what a request and its response carried, for the journal and its HAR export: headers,
 * and bodies up to a bound, tapped as they pass (the handlers read and write as before). Secrets
 * never reach the journal: the credential of `Authorization`, the admin key, cookies, every
 * string under a token-like JSON key and every JWT-shaped string are replaced by `[redacted]`,
 * in every form reports/redact.ts knows (base64, URL encoding, ...), wherever they appear.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { REDACTED, redactText, secretForms } from '../../reports/redact.ts';
import type { RequestContext } from '../http/context.ts';
import type { Recorded, RecordedMessage } from './journal.ts';

/** Bytes kept of each body: the journal holds up to 2 of these per entry. */
export const BODY_CAPTURE_LIMIT = 16 * 1024;

/** Header values that are secrets as a whole. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-admin-key']);
/** JSON keys whose string values (also nested) are secrets: `access_token`, `tokens`, `secret`, ...; not `token_type`. */
const SECRET_KEY = /(?:^|_)tokens?$|secret|password|api[_-]?key/i;
/** A JWT (or any JWS in compact form) starting with a JSON header: `eyJ…`. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

export interface Capture {
  /**
   * Call once the response is over: keeps what the exchange carried, and returns what makes its
   * redacted form later (a journal reads few of the entries it keeps, so most are never redacted).
   */
  finish(): () => Recorded;
}

class BodyTap {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: unknown, encoding?: unknown): void {
    let bytes: Buffer;
    if (typeof chunk === 'string') bytes = Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else if (chunk instanceof Uint8Array) bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else return;
    this.size += bytes.length;
    if (this.kept >= this.limit) return;
    const part = bytes.subarray(0, this.limit - this.kept);
    // Copied: the caller may reuse its buffer once the write returns.
    this.chunks.push(Buffer.from(part));
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.size > this.kept;
  }

  text(): string | undefined {
    return this.size === 0 ? undefined : Buffer.concat(this.chunks, this.kept).toString('utf8');
  }
}

function headerText(value: OutgoingHttpHeader | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

/**
 * Starts recording `ctx` (call before anything reads the request or writes the response).
 *
 * @example
 * const capture = captureExchange(ctx);
 * // … the request is served …
 * journal.record({ ...fields, recorded: capture.finish() });
 */
export function captureExchange(ctx: RequestContext, limit = BODY_CAPTURE_LIMIT): Capture {
  const requestBody = tapRequest(ctx.req, limit);
  const response = tapResponse(ctx.res, limit);
  return {
    finish() {
      // Only plain values are kept: the thunk must not hold on to the request or the response.
      const exchange = { query: ctx.rawQuery, httpVersion: ctx.req.httpVersion, status: ctx.res.headersSent ? ctx.res.statusCode : 0 };
      const requestHeaders = ctx.req.headers;
      const responseHeaders = response.headers();
      return () => redacted(exchange, message(headersText(requestHeaders), requestBody), message(responseHeaders, response.body));
    },
  };
}

function headersText(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, headerText(v)]));
}

/** The exchange with every secret replaced, wherever and in whatever encoding it appears. */
function redacted(exchange: { query: string; httpVersion: string; status: number }, request: RecordedMessage, response: RecordedMessage): Recorded {
  const raw = { query: exchange.query, request, response };
  const secrets = [...Object.entries(request.headers), ...Object.entries(response.headers)]
    .filter(([name]) => SECRET_HEADERS.has(name))
    .flatMap(([, value]) => [value, value.replace(/^\S+\s+/, '')]);
  for (const text of [raw.request.body, raw.response.body]) if (text !== undefined) secrets.push(...jsonSecrets(text));
  const forms = secretForms(secrets);
  const clean = (text: string): string => redactText(text, forms).replace(JWT, REDACTED);
  const cleanMessage = (m: RecordedMessage): RecordedMessage => ({
    ...m,
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, SECRET_HEADERS.has(k) ? REDACTED : clean(v)])),
    ...(m.body !== undefined ? { body: clean(m.body) } : {}),
  });
  return {
    query: clean(raw.query),
    status: exchange.status,
    http_version: exchange.httpVersion,
    request: cleanMessage(raw.request),
    response: cleanMessage(raw.response),
  };
}

function message(headers: Record<string, string>, body: BodyTap): RecordedMessage {
  const text = body.text();
  return { headers, ...(text !== undefined ? { body: text } : {}), body_size: body.size, ...(body.truncated ? { body_truncated: true as const } : {}) };
}

/** String values under secret-looking keys of a JSON text (none when it is not whole JSON). */
function jsonSecrets(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  const pending: Array<[unknown, boolean]> = [[value, false]];
  while (pending.length > 0) {
    const [node, secret] = pending.pop() as [unknown, boolean];
    if (typeof node === 'string') {
      if (secret) found.push(node);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) pending.push([child, secret || SECRET_KEY.test(key)]);
    }
  }
  return found;
}

/** Copies body chunks as the HTTP parser hands them to the request stream, without reading it. */
function tapRequest(req: IncomingMessage, limit: number): BodyTap {
  const tap = new BodyTap(limit);
  const push = req.push.bind(req);
  req.push = ((chunk: unknown, encoding?: BufferEncoding) => {
    tap.add(chunk, encoding);
    return push(chunk, encoding);
  }) as typeof req.push;
  return tap;
}

function tapResponse(res: ServerResponse, limit: number): { body: BodyTap; headers(): Record<string, string> } {
  const tap = new BodyTap(limit);
  let head: Record<string, string> = {};
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    // writeHead(status, [message], [headers]): headers given here are not visible to getHeaders().
    const given = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null) as OutgoingHttpHeaders | string[] | undefined;
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.getHeaders())) merged[k.toLowerCase()] = headerText(v);
    if (Array.isArray(given)) for (let i = 0; i + 1 < given.length; i += 2) merged[String(given[i]).toLowerCase()] = String(given[i + 1]);
    else if (given) for (const [k, v] of Object.entries(given)) if (v !== undefined) merged[k.toLowerCase()] = headerText(v);
    head = merged;
    return writeHead(...args);
  }) as typeof res.writeHead;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  res.write = ((...args: unknown[]) => {
    tap.add(args[0], args[1]);
    return write(...args);
  }) as typeof res.write;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') tap.add(args[0], args[1]);
    return end(...args);
  }) as typeof res.end;
  return {
    body: tap,
    headers: () => (Object.keys(head).length > 0 ? head : Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k.toLowerCase(), headerText(v)]))),
  };
}
