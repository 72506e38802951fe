/**
 * Runs a fetch `Request` through the mock's node-style request listener without a server: the
 * request becomes the small part of `IncomingMessage` the mock reads, and what the mock writes
 * to its `ServerResponse` becomes a fetch `Response`. So MSW handlers (and anything else that
 * speaks fetch) get the very answers the HTTP mock gives, from the same code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (...args: unknown[]) => void;

/** The few EventEmitter methods the mock uses on requests and responses. */
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    this.attached(event);
    return this;
  }

  once(event: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      fn(...args);
    };
    return this.on(event, wrapped);
  }

  off(event: string, fn: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== fn));
    return this;
  }

  removeListener(event: string, fn: Listener): this {
    return this.off(event, fn);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const current = this.listeners.get(event) ?? [];
    for (const fn of current) fn(...args);
    return current.length > 0;
  }

  /** Hook for subclasses: a listener was added. */
  protected attached(_event: string): void {}
}

class BridgedRequest extends Emitter {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[]> = {};
  readonly headersDistinct: Record<string, string[]> = {};
  /** Names and values as received, alternating (fetch has already joined repeated fields). */
  readonly rawHeaders: string[] = [];
  readonly socket: { remoteAddress: string; localPort: number };
  readableEnded = false;
  private flowing = false;

  constructor(
    request: Request,
    private readonly body: Uint8Array,
    basePath: string,
  ) {
    super();
    const url = new URL(request.url);
    this.method = request.method.toUpperCase();
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    this.url = (path.startsWith('/') ? path : `/${path}`) + url.search;
    const defaultPort = url.protocol === 'https:' ? 443 : 80;
    this.socket = { remoteAddress: '127.0.0.1', localPort: url.port === '' ? defaultPort : Number(url.port) };
    request.headers.forEach((value, name) => {
      this.headersDistinct[name] = [value];
      this.headers[name] = name === 'set-cookie' ? [value] : value;
      this.rawHeaders.push(name, value);
    });
    // Fetch computes no Host header; the mock's admin guard reads it, as a server would get it.
    if (this.headers.host === undefined) {
      this.headers.host = url.host;
      this.headersDistinct.host = [url.host];
      this.rawHeaders.push('host', url.host);
    }
    if (this.headers['content-length'] === undefined && body.length > 0) {
      this.headers['content-length'] = String(body.length);
      this.headersDistinct['content-length'] = [String(body.length)];
      this.rawHeaders.push('content-length', String(body.length));
    }
  }

  /** As a stream's `push`: the body's bytes, then null at its end (the journal taps this). */
  push(chunk: Uint8Array | null): boolean {
    if (chunk === null) {
      this.readableEnded = true;
      this.emit('end');
    } else {
      this.emit('data', chunk);
    }
    return true;
  }

  pause(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  /** The body flows once someone listens for its end (the mock's body reader does). */
  protected override attached(event: string): void {
    if (event !== 'end' || this.flowing) return;
    this.flowing = true;
    queueMicrotask(() => {
      // A Buffer, as a socket gives: the mock's body code decodes chunks with its methods. In the
      // browser build `Buffer` is the `buffer` package's (scripts/bundle-msw-browser.mjs).
      if (this.body.length > 0) this.push(Buffer.from(this.body));
      this.push(null);
    });
  }
}

class BridgedResponse extends Emitter {
  statusCode = 200;
  headersSent = false;
  destroyed = false;
  private readonly head = new Map<string, string | string[]>();
  private readonly chunks: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();

  constructor(private readonly done: (response: Response) => void) {
    super();
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.head.set(name.toLowerCase(), Array.isArray(value) ? [...value] : String(value));
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this.head.get(name.toLowerCase());
  }

  getHeaders(): Record<string, string | string[]> {
    return Object.fromEntries(this.head);
  }

  hasHeader(name: string): boolean {
    return this.head.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.head.delete(name.toLowerCase());
  }

  writeHead(status: number, headers: Record<string, string | number | readonly string[]> = {}): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Uint8Array): boolean {
    this.headersSent = true;
    this.chunks.push(typeof chunk === 'string' ? this.encoder.encode(chunk) : chunk);
    return true;
  }

  end(chunk?: string | Uint8Array): this {
    if (chunk !== undefined) this.write(chunk);
    this.headersSent = true;
    const headers = new Headers();
    for (const [name, value] of this.head) {
      // The runtime frames the body itself; a hop-by-hop header has no meaning without a connection.
      if (name === 'content-length' || name === 'connection') continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const size = this.chunks.reduce((n, c) => n + c.length, 0);
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of this.chunks) {
      body.set(c, at);
      at += c.length;
    }
    const empty = this.statusCode === 204 || this.statusCode === 304 || size === 0;
    this.done(new Response(empty ? null : body, { status: this.statusCode, headers }));
    this.emit('finish');
    this.emit('close');
    return this;
  }
}

/** A node-style request listener, as `createMockApp(...).handle` is. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Answers `request` with `listener`, in memory; `basePath` (e.g. `/mock`) is taken off the path first.
 *
 * @example
 * const app = createMockApp({ seed: 42 });
 * const res = await handleFetch(app.handle, new Request('http://localhost:4010/api/v1/tenants/acme/ous'));
 */
export async function handleFetch(listener: NodeListener, request: Request, basePath = ''): Promise<Response> {
  const body = request.body === null ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  return new Promise<Response>((resolve) => {
    const req = new BridgedRequest(request, body, basePath);
    const res = new BridgedResponse(resolve);
    listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
}
