/**
 * Another idaas server, for tests: the mock's listener with the answers to some requests
 * replaced, status and exact body text, so a test can put on the wire what the mock never
 * sends (a leak in a refusal, a body serialised another way).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

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

/** Holds back what the mock writes to `res` and sends `replacement`'s answer at its end. */
function capture(res: ServerResponse, replacement: Replacement): void {
  const chunks: Buffer[] = [];
  const original = { writeHead: res.writeHead.bind(res), end: res.end.bind(res) };
  let status = 200;
  const collect = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.writeHead = ((code: number) => {
    status = code;
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    collect(chunk);
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (typeof chunk !== 'function') collect(chunk);
    const out = replacement.answer({ status, json: parsed(Buffer.concat(chunks).toString('utf8')) });
    original.writeHead(out.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(out.text)) });
    return original.end(out.text);
  }) as ServerResponse['end'];
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
      capture(res, replacement);
    }
    return handle(req, res);
  };
}
