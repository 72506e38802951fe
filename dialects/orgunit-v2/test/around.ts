/**
 * Another implementation of `orgunit-v2`, made by wrapping the mock's HTTP listener: its
 * requests and JSON responses rewritten on the way. Conformant variations (key order, message
 * texts, free orders, extra fields, chunked bodies) must still pass `verify`; broken ones the
 * mock's contract layer would refuse before a defect switch could act (a code format, a sort
 * value, a force value) show that the checks catch them.
 */
import { IncomingMessage } from 'node:http';
import type { ServerResponse } from 'node:http';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface SeenRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
  /** The JSON body, or undefined when there is none or it is not JSON (sent on as it came). */
  json: unknown;
}

export interface SeenResponse {
  request: SeenRequest;
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

export interface Rewrites {
  /** The request as the wrapped server should see it (url, JSON body, and the Authorization header when given). */
  request?: (req: SeenRequest) => { url: URL; json: unknown; authorization?: string };
  /** A JSON response's new headers and body; non-JSON responses pass unchanged. */
  response?: (res: SeenResponse) => { headers: Record<string, string>; json: unknown };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A copy of `req` with another url and body, readable by the wrapped listener as a request of its own. */
function replay(req: IncomingMessage, url: string, body: Buffer, authorization: string | undefined): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method ?? 'GET';
  copy.url = url;
  copy.httpVersion = req.httpVersion;
  // Complete, or Node takes the copy's end for an aborted request and destroys the shared socket.
  copy.complete = true;
  const headers = { ...req.headers };
  if (body.length > 0 || headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
  delete headers['transfer-encoding'];
  if (authorization !== undefined) headers.authorization = authorization;
  copy.headers = headers;
  copy.rawHeaders = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v.flatMap((x) => [k, x]) : v === undefined ? [] : [k, v]));
  copy.push(body);
  copy.push(null);
  return copy;
}

/** Holds back what the wrapped listener writes, and sends the rewritten response at its end. */
function capture(res: ServerResponse, seen: SeenRequest, rewrite: NonNullable<Rewrites['response']>): void {
  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead.bind(res), end: res.end.bind(res) };
  let status = 200;
  let headed: Record<string, string> = {};
  const toBuffer = (chunk: unknown): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const h = rest.find((r) => typeof r === 'object' && r !== null);
    if (h !== undefined) headed = Object.fromEntries(Object.entries(h as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    chunks.push(toBuffer(chunk));
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function') chunks.push(toBuffer(chunk));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.getHeaders())) headers[k.toLowerCase()] = String(v);
    Object.assign(headers, headed);
    for (const k of Object.keys(res.getHeaders())) res.removeHeader(k);
    const body = Buffer.concat(chunks);
    const json = /json/i.test(headers['content-type'] ?? '') ? parseJson(body) : undefined;
    if (json === undefined) {
      original.writeHead(status === 0 ? res.statusCode : status, headers);
      return original.end(body);
    }
    const out = rewrite({ request: seen, status: status || res.statusCode, headers, json });
    const text = Buffer.from(JSON.stringify(out.json));
    const { 'content-length': _, ...rest } = out.headers;
    original.writeHead(status || res.statusCode, rest);
    return original.end(text);
  }) as ServerResponse['end'];
}

/** The mock's listener behind the rewrites. */
export function around(handle: Listener, rewrites: Rewrites): Listener {
  return (req, res) => {
    void (async () => {
      const raw = await readAll(req);
      const seen: SeenRequest = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://mock.invalid'), authorization: req.headers.authorization, json: parseJson(raw) };
      let url = req.url ?? '/';
      let body = raw;
      let authorization: string | undefined;
      if (rewrites.request !== undefined) {
        const next = rewrites.request(seen);
        url = `${next.url.pathname}${next.url.search}`;
        if (next.json !== seen.json) body = Buffer.from(JSON.stringify(next.json));
        authorization = next.authorization;
      }
      if (rewrites.response !== undefined) capture(res, seen, rewrites.response);
      handle(replay(req, url, body, authorization), res);
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  };
}
