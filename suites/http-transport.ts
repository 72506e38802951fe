import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
 * send arbitrary bodies; the checks need both. Bodies are read as text with a size cap, never
 * decompressed, redirects never followed.
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
    return { status: res.statusCode, headers: flatHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') };
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

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
