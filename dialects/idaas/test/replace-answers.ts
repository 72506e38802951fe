/**
 * Another idaas server, for tests: the mock's listener with the answers to some requests
 * replaced, status and exact body text, so a test can put on the wire what the mock never
 * sends (a leak in a refusal, a body serialised another way).
 */
import type { IncomingMessage, OutgoingHttpHeader, RequestListener, ServerResponse } from 'node:http';

/** The mock's answer, its body parsed (undefined when empty or not JSON). */
export interface MockAnswer {
  status: number;
  json: unknown;
}

export interface Replacement {
  /** The Authorization header the mock sees instead of the client's. */
  authorization?: string;
  /** What goes to the client instead of the mock's answer (always as application/json). */
  answer(mock: MockAnswer): { status: number; text: string };
}

function parsed(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The mock's answer, held back whole: the headers it gave are set on the response, the rest is here. */
export interface HeldAnswer {
  status: number;
  body: Buffer;
  /** The response's own methods, to send what goes to the client instead. */
  send: Pick<ServerResponse, 'writeHead' | 'write' | 'end'>;
}

/** Holds back what the mock writes to `res`; at its end, `finish` sends the client's answer. */
export function holdAnswer(res: ServerResponse, finish: (held: HeldAnswer) => ServerResponse): void {
  const chunks: Buffer[] = [];
  const send = { writeHead: res.writeHead.bind(res), write: res.write.bind(res), end: res.end.bind(res) };
  let status = 200;
  const collect = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const headers = rest.find((r): r is Record<string, OutgoingHttpHeader> => typeof r === 'object' && r !== null && !Array.isArray(r));
    for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) res.setHeader(k, v);
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    collect(chunk);
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (typeof chunk !== 'function') collect(chunk);
    return finish({ status, body: Buffer.concat(chunks), send });
  }) as ServerResponse['end'];
}

/** Sends `replacement`'s answer instead of the mock's, with only its own headers. */
function replace(res: ServerResponse, replacement: Replacement): void {
  holdAnswer(res, ({ status, body, send }) => {
    const out = replacement.answer({ status, json: parsed(body.toString('utf8')) });
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    send.writeHead(out.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(out.text)) });
    return send.end(out.text);
  });
}

/**
 * @example
 * const server = replaceAnswers(app.handle, (req) => (req.method === 'GET' ? { answer: () => ({ status: 403, text: '{}' }) } : undefined));
 */
export function replaceAnswers(handle: RequestListener, pick: (req: IncomingMessage) => Replacement | undefined): RequestListener {
  return (req, res) => {
    const replacement = pick(req);
    if (replacement !== undefined) {
      if (replacement.authorization !== undefined) req.headers.authorization = replacement.authorization;
      replace(res, replacement);
    }
    return handle(req, res);
  };
}
