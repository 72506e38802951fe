/**
 * A transforming reverse proxy for tests: node:http on 127.0.0.1 in front of an in-process
 * request listener (the mock's `handle`). Each answer is read whole from the mock, handed
 * to a {@link WireVariation}, and written to the client exactly as the variation says:
 * status line, header names in its case and order, body framing, pauses. So `verify` can
 * be run against "the mock, as another server would put it on the wire".
 */
import { Agent, createServer, request, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { serveInProcess } from '../../suites/http-transport.ts';

/** One header field as it goes on the wire: name in its own case; repeated names stay separate fields. */
export type HeaderField = readonly [name: string, value: string];

/** The request the client sent, as the variation may need it (method, path, headers with lower-case names). */
export interface ProxiedRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** The mock's answer, whole: hop-by-hop and framing headers (Connection, Content-Length, Transfer-Encoding) removed. */
export interface UpstreamAnswer {
  status: number;
  headers: readonly HeaderField[];
  body: Buffer;
}

/** What goes to the client. */
export interface WireAnswer {
  status: number;
  /** The reason phrase; Node's standard one when absent. */
  statusMessage?: string;
  /**
   * Every field sent, in this order and case. Without a Content-Length field the body is
   * sent chunked (HTTP/1.1); `Connection: close` closes the connection after the answer.
   */
  headers: readonly HeaderField[];
  body: Buffer;
  /** The body is written in this many pieces (default 1), with `pauseMs` before the headers and between pieces. */
  pieces?: number;
  pauseMs?: number;
}

export interface WireVariation {
  name: string;
  /** Why HTTP or the page allows it (a conformant variation), or which rule it breaks (a breaking one). */
  why: string;
  answer(upstream: UpstreamAnswer, req: ProxiedRequest): WireAnswer;
}

/** Hop-by-hop and framing fields: the proxy frames the body itself (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade', 'te', 'trailer']);

/** Statuses that never carry a body or its length (RFC 9110 §6.4.1, §15.4.5). */
export function bodiless(status: number): boolean {
  return status === 204 || status === 304 || (status >= 100 && status < 200);
}

/** The answer as the mock gave it, framed with its Content-Length (the mock streams large bodies chunked). */
export function withLength(up: UpstreamAnswer, headers: readonly HeaderField[] = up.headers): WireAnswer {
  return { status: up.status, headers: bodiless(up.status) ? headers : [...headers, ['Content-Length', String(up.body.length)]], body: up.body };
}

/** The value of a header field, by case-insensitive name. */
export function headerOf(headers: readonly HeaderField[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

export interface RunningProxy {
  baseUrl: string;
  /** Answers the variation shaped so far: one that never applied proves nothing. */
  readonly answered: number;
  close(): Promise<void>;
}

/**
 * Serves `upstream` (listening on its own loopback port) behind a proxy that applies `variation`.
 *
 * @example
 * const proxy = await startWireProxy(app.handle, variation);
 * await runSuite({ ...config, app: undefined, baseUrl: proxy.baseUrl });
 * await proxy.close();
 */
export async function startWireProxy(upstream: RequestListener, variation: WireVariation): Promise<RunningProxy> {
  const mock = await serveInProcess(createServer(upstream));
  const agent = new Agent({ keepAlive: true });
  let answered = 0;
  const front = createServer((req, res) => {
    forward(req, mock.baseUrl, agent)
      .then(async (up) => {
        const wire = variation.answer(up, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
        answered++;
        await write(res, wire, req.method === 'HEAD');
      })
      .catch((error: unknown) => {
        // A proxy fault must show as one, not as something the target said.
        if (!res.headersSent) res.writeHead(599, 'Proxy Fault', { 'Content-Type': 'text/plain' });
        res.end(`wire proxy: ${String(error)}`);
      });
  });
  const served = await serveInProcess(front);
  return {
    baseUrl: served.baseUrl,
    get answered() {
      return answered;
    },
    async close() {
      front.closeAllConnections();
      await served.close();
      agent.destroy();
      await mock.close();
    },
  };
}

async function forward(req: IncomingMessage, base: string, agent: Agent): Promise<UpstreamAnswer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  // Host names the upstream, as a reverse proxy sets it by default (the mock's admin API checks it).
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name) && name !== 'host'));
  return new Promise((resolve, reject) => {
    const out = request(`${base}${req.url ?? '/'}`, { method: req.method, headers: { ...headers, 'content-length': String(body.length) }, agent }, (res) => {
      const got: Buffer[] = [];
      res.on('data', (c: Buffer) => got.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: fieldsOf(res.rawHeaders), body: Buffer.concat(got) }));
    });
    out.on('error', reject);
    out.end(body);
  });
}

function fieldsOf(raw: readonly string[]): HeaderField[] {
  const fields: HeaderField[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) fields.push([name, raw[i + 1] as string]);
  }
  return fields;
}

async function write(res: ServerResponse, wire: WireAnswer, head: boolean): Promise<void> {
  // Only the fields the variation names go out (Node adds Connection/Keep-Alive only when they are absent).
  res.sendDate = false;
  const pause = (): Promise<void> => (wire.pauseMs === undefined ? Promise.resolve() : new Promise((r) => setTimeout(r, wire.pauseMs)));
  await pause();
  res.writeHead(wire.status, wire.statusMessage, wire.headers.flatMap(([n, v]) => [n, v]));
  const pieces = head || bodiless(wire.status) ? 0 : Math.max(1, wire.pieces ?? 1);
  const size = Math.ceil(wire.body.length / Math.max(1, pieces));
  for (let i = 0; i < pieces && size > 0; i++) {
    if (i > 0) await pause();
    res.write(wire.body.subarray(i * size, (i + 1) * size));
  }
  res.end();
}
