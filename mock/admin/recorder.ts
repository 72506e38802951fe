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
import type { Recorded, RecordedMessage, Recording, SlotBytes } from './journal.ts';

/** Bytes kept of each body: the journal holds up to 2 of these per entry. */
export const BODY_CAPTURE_LIMIT = 16 * 1024;

/** Header values that are secrets as a whole. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-admin-key']);
/** JSON keys whose string values (also nested) are secrets: `access_token`, `tokens`, `secret`, ...; not `token_type`. */
const SECRET_KEY = /(?:^|_)tokens?$|secret|password|api[_-]?key/i;
/** A JWT (or any JWS in compact form) starting with a JSON header: `eyJ…`. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

/** Where a body's kept bytes lie in the journal slot's bytes, and what it was in full. */
interface KeptBody {
  start: number;
  end: number;
  size: number;
  truncated: boolean;
}

interface Exchange {
  query: string;
  httpVersion: string;
  status: number;
}

/** What the response's headers were made of: those set on it, and those given to writeHead. */
interface SentHeaders {
  set: OutgoingHttpHeaders;
  given: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;
}

export interface Capture {
  /** Call once the response is over: what the exchange carried, for the journal to keep. */
  finish(): Recording;
}

/** Encodings whose text is kept as the string given (the rest is encoded to bytes first). */
const UTF8 = new Set(['utf8', 'utf-8']);

/**
 * Keeps the first `limit` bytes of a body as it is written. Strings are immutable, so a string
 * that fits is kept as it is: no encoding and no copy per write (every response is tapped).
 */
class BodyTap {
  private readonly parts: Array<string | Buffer> = [];
  /** Bytes kept, at most the limit. */
  kept = 0;
  size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: unknown, encoding?: unknown): void {
    if (typeof chunk === 'string') {
      const enc = typeof encoding === 'string' ? encoding.toLowerCase() : 'utf8';
      if (UTF8.has(enc)) return this.addText(chunk);
      return this.addBytes(Buffer.from(chunk, enc as BufferEncoding), false);
    }
    if (chunk instanceof Uint8Array) this.addBytes(chunk, true);
  }

  private addText(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.kept + bytes <= this.limit || this.kept >= this.limit) {
      this.size += bytes;
      if (this.kept < this.limit) {
        this.parts.push(text);
        this.kept += bytes;
      }
      return;
    }
    this.addBytes(Buffer.from(text), false);
  }

  private addBytes(bytes: Uint8Array, borrowed: boolean): void {
    this.size += bytes.byteLength;
    if (this.kept >= this.limit) return;
    const part = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, this.limit - this.kept));
    // A borrowed chunk is copied: the caller may reuse its buffer once the write returns.
    this.parts.push(borrowed ? Buffer.from(part) : part);
    this.kept += part.length;
  }

  get truncated(): boolean {
    return this.size > this.kept;
  }

  /** Copies what was kept into `target` at `start`. */
  copyTo(target: Buffer, start: number): KeptBody {
    let end = start;
    for (const part of this.parts) end += typeof part === 'string' ? target.write(part, end) : part.copy(target, end);
    return { start, end, size: this.size, truncated: this.truncated };
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
 * journal.record(fields, capture.finish());
 */
export function captureExchange(ctx: RequestContext, limit = BODY_CAPTURE_LIMIT): Capture {
  const requestBody = tapRequest(ctx.req, limit);
  const response = tapResponse(ctx.res, limit);
  return {
    finish() {
      const exchange = { query: ctx.rawQuery, httpVersion: ctx.req.httpVersion, status: ctx.res.headersSent ? ctx.res.statusCode : 0 };
      return new FinishedExchange(exchange, ctx.req.headers, requestBody, { set: ctx.res.getHeaders(), given: response.given }, response.body);
    },
  };
}

/**
 * An exchange once its response is over. It keeps the request and the response only through
 * plain values (headers, taps): the journal's entries outlive the exchange, and holding the
 * request or the response would keep the socket with them.
 */
class FinishedExchange implements Recording {
  constructor(
    private readonly exchange: Exchange,
    private readonly requestHeaders: IncomingHttpHeaders,
    private readonly requestBody: BodyTap,
    private readonly response: SentHeaders,
    private readonly responseBody: BodyTap,
  ) {}

  keep(slot: SlotBytes): () => Recorded {
    const bytes = slot.reserve(this.requestBody.kept + this.responseBody.kept);
    const request = this.requestBody.copyTo(bytes, 0);
    return later(this.exchange, this.requestHeaders, this.response, slot, request, this.responseBody.copyTo(bytes, request.end));
  }
}

/**
 * The journal's thunk, made at module level: a closure made inside a method would keep its
 * scope (and with it the taps, holding the body text) for as long as the journal keeps the
 * entry. Headers and bodies are turned into text only here: most entries are never read.
 */
function later(exchange: Exchange, requestHeaders: IncomingHttpHeaders, response: SentHeaders, slot: SlotBytes, requestBody: KeptBody, responseBody: KeptBody): () => Recorded {
  return () => redacted(exchange, message(headersText(requestHeaders), slot, requestBody), message(mergedHeaders(response), slot, responseBody));
}

function headersText(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, headerText(v)]));
}

/** The exchange with every secret replaced, wherever and in whatever encoding it appears. */
function redacted(exchange: Exchange, request: RecordedMessage, response: RecordedMessage): Recorded {
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

function message(headers: Record<string, string>, slot: SlotBytes, body: KeptBody): RecordedMessage {
  const text = body.size > 0 ? slot.text(body.start, body.end) : undefined;
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

/*
 * The taps replace methods of the request and the response with the functions below, the same
 * for every request (no closure or bound copy per request: every request is tapped). Each finds
 * its state, and the method it replaced, under a symbol on the object.
 */
const TAP = Symbol('ou-mock.tap');

interface RequestTap {
  body: BodyTap;
  push: IncomingMessage['push'];
}

interface ResponseTap {
  body: BodyTap;
  /** writeHead(status, [message], [headers]): headers given there are not visible to getHeaders(). */
  given: SentHeaders['given'];
  writeHead: ServerResponse['writeHead'];
  write: ServerResponse['write'];
  end: ServerResponse['end'];
}

type Tapped<T, S> = T & { [TAP]: S };

function tappedPush(this: Tapped<IncomingMessage, RequestTap>, chunk: unknown, encoding?: BufferEncoding): boolean {
  const tap = this[TAP];
  tap.body.add(chunk, encoding);
  return tap.push.call(this, chunk, encoding);
}

function tappedWriteHead(this: Tapped<ServerResponse, ResponseTap>, ...args: unknown[]): ServerResponse {
  const tap = this[TAP];
  tap.given = args.find((a, i) => i > 0 && typeof a === 'object' && a !== null) as SentHeaders['given'];
  return (tap.writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
}

function tappedWrite(this: Tapped<ServerResponse, ResponseTap>, ...args: unknown[]): boolean {
  const tap = this[TAP];
  tap.body.add(args[0], args[1]);
  return (tap.write as (...a: unknown[]) => boolean).apply(this, args);
}

function tappedEnd(this: Tapped<ServerResponse, ResponseTap>, ...args: unknown[]): ServerResponse {
  const tap = this[TAP];
  if (typeof args[0] !== 'function') tap.body.add(args[0], args[1]);
  return (tap.end as (...a: unknown[]) => ServerResponse).apply(this, args);
}

/** Copies body chunks as the HTTP parser hands them to the request stream, without reading it. */
function tapRequest(req: IncomingMessage, limit: number): BodyTap {
  const body = new BodyTap(limit);
  // Only a request that declares a body is tapped: its stream is left alone otherwise.
  if (!hasBody(req.headers)) return body;
  const tapped = req as Tapped<IncomingMessage, RequestTap>;
  tapped[TAP] = { body, push: req.push };
  req.push = tappedPush;
  return body;
}

/** RFC 9112 §6.3: a request has a body only when it says so. */
function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

function tapResponse(res: ServerResponse, limit: number): ResponseTap {
  const tap: ResponseTap = { body: new BodyTap(limit), given: undefined, writeHead: res.writeHead, write: res.write, end: res.end };
  (res as Tapped<ServerResponse, ResponseTap>)[TAP] = tap;
  res.writeHead = tappedWriteHead as ServerResponse['writeHead'];
  res.write = tappedWrite as ServerResponse['write'];
  res.end = tappedEnd as ServerResponse['end'];
  return tap;
}

function mergedHeaders({ set, given }: SentHeaders): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(set)) merged[k.toLowerCase()] = headerText(v);
  if (Array.isArray(given)) for (let i = 0; i + 1 < given.length; i += 2) merged[String(given[i]).toLowerCase()] = String(given[i + 1]);
  else if (given) for (const [k, v] of Object.entries(given)) if (v !== undefined) merged[k.toLowerCase()] = headerText(v);
  return merged;
}
