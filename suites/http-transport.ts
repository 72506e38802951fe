import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';
import { Agent } from 'undici';

/** Largest response body read before giving up on it (a target must not exhaust the run's memory). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface TransportLimits {
  /** Longest wait for the response headers, and for each next piece of the body. */
  timeoutMs?: number;
  /** Bodies past this many bytes are cut off and the request fails. */
  maxResponseBytes?: number;
}

export interface RawRequest {
  method: string;
  /** Path and query below the base URL, sent as given. */
  path: string;
  headers: Readonly<Record<string, string>>;
  /** Sent byte for byte. */
  body?: string;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
}

/** The response came, but its body was larger than the cap, so it was not read to the end. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly status: number,
    readonly limit: number,
    readonly seen: number,
  ) {
    super(`response body larger than ${limit} bytes: stopped reading after ${seen} bytes (status ${status})`);
  }
}

/**
 * HTTP/1.1 on undici for one base URL. No `fetch`: it refuses ports such as 5060 and cannot
 * send arbitrary bodies; the checks need both. Bodies are read as text with a size cap (after
 * decoding a gzip, deflate or br content coding), redirects never followed.
 */
export class HttpTransport {
  private readonly agent: Agent;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(baseUrl: string, limits: TransportLimits = {}) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = limits.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.agent = new Agent({ headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs, connect: { timeout: this.timeoutMs } });
  }

  /**
   * Resolves with any HTTP answer; rejects only when none came complete (see {@link describeTransportError})
   * or when `cancel` aborts it.
   */
  async send(req: RawRequest, cancel?: AbortSignal): Promise<RawResponse> {
    // A trickling target resets the body timeout with every byte: this bounds the whole exchange.
    const deadline = AbortSignal.timeout(this.timeoutMs * 2);
    const res = await this.agent.request({
      origin: this.origin,
      path: `${this.prefix}${req.path}` || '/',
      method: req.method.toUpperCase(),
      headers: { ...req.headers },
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: cancel === undefined ? deadline : AbortSignal.any([deadline, cancel]),
    });
    const chunks: Buffer[] = [];
    let seen = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > this.maxBytes) {
        res.body.destroy();
        throw new ResponseTooLargeError(res.statusCode, this.maxBytes, seen);
      }
      chunks.push(chunk);
    }
    const headers = flatHeaders(res.headers);
    const body = decode(Buffer.concat(chunks), headers['content-encoding'], res.statusCode, this.maxBytes);
    return { status: res.statusCode, headers, text: body.toString('utf8') };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** How long one exchange may take at most, for messages. */
  get deadlineMs(): number {
    return this.timeoutMs * 2;
  }
}

/**
 * The base URL of an in-process server, listening on 127.0.0.1 on a free port first when it
 * does not listen yet; `close` stops only a listener opened here.
 */
export async function serveInProcess(server: Server): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const opened = !server.listening;
  if (opened) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
  const { address, family, port } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address === '0.0.0.0' ? '127.0.0.1' : address;
  return {
    baseUrl: `http://${host}:${port}`,
    close: () => (opened ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()),
  };
}

/** A transport failure in words: the socket error code, the timeout that fired, or the size cap. */
export function describeTransportError(error: unknown, timeoutMs: number): string {
  if (error instanceof ResponseTooLargeError) return error.message;
  const err = error as { name?: string; code?: string; message?: string };
  if (err.name === 'TimeoutError' || err.code === 'UND_ERR_ABORTED') return `no complete response within ${timeoutMs * 2} ms`;
  if (err.code === 'UND_ERR_HEADERS_TIMEOUT') return `no response headers within ${timeoutMs} ms`;
  if (err.code === 'UND_ERR_BODY_TIMEOUT') return `response body stalled for ${timeoutMs} ms`;
  if (err.code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect within ${timeoutMs} ms`;
  const message = err.message ?? String(error);
  return err.code !== undefined && !message.includes(err.code) ? `${err.code} ${message}` : message;
}

/** An answer in a content coding this client cannot decode. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly coding: string) {
    super(`response body in the content coding "${coding}": only gzip, deflate and br are decoded`);
  }
}

/**
 * The body with its content codings undone, last applied first (RFC 9110 §8.4). The
 * requests send no Accept-Encoding, which accepts any coding (§12.5.3): a server may compress
 * unasked. The decoded size is capped as the raw one is, so a small bomb cannot exhaust memory.
 */
function decode(raw: Buffer, encoding: string | undefined, status: number, maxBytes: number): Buffer {
  if (encoding === undefined || raw.length === 0) return raw;
  const codings = encoding.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  const options: ZlibOptions = { maxOutputLength: maxBytes };
  let body = raw;
  try {
    for (const coding of codings.reverse()) {
      if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body, options);
      else if (coding === 'br') body = brotliDecompressSync(body, { maxOutputLength: maxBytes });
      else if (coding === 'deflate') body = inflate(body, options);
      else throw new UnsupportedEncodingError(coding);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ResponseTooLargeError(status, maxBytes, maxBytes);
    throw error;
  }
  return body;
}

/** "deflate" is the zlib format (RFC 9110 §8.4.1.2), yet some servers send raw deflate: both are read. */
function inflate(body: Buffer, options: ZlibOptions): Buffer {
  try {
    return inflateSync(body, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'Z_DATA_ERROR') return inflateRawSync(body, options);
    throw error;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
