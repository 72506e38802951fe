import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { CONTRACT_PATH } from '../contracts/index.ts';
import { loadDocument } from '../contracts/model/index.ts';
import { createResponseChecker, prismCannotCarry, readBody, sendDirect } from './proxy-fallback.ts';
import { spawnPrism } from './prism-process.ts';
import { parseViolationHeader, summarise, type Exchange, type ViolationRecord, type ViolationSummary } from './proxy-violations.ts';

/** A bad option of the proxy, naming it (e.g. `--upstream`). */
export class ProxyOptionError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
  }
}

export interface ValidationProxyOptions {
  /** Base URL of the API under test, e.g. `http://127.0.0.1:4010`. */
  upstream: string;
  /** 0 picks a free port (default 4011). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON-lines report (default `reports/proxy-<timestamp>.jsonl` under the working directory). */
  out?: string;
  /** Contract to validate against (default CONTRACT_PATH). */
  contract?: string;
  /** Called for each violation as it is recorded (the CLI prints them live). */
  onViolation?: (record: ViolationRecord) => void;
}

export interface ValidationProxy {
  url: string;
  /** Absolute path of the JSON-lines report. */
  out: string;
  /** Violations recorded so far. */
  records(): readonly ViolationRecord[];
  summary(): ViolationSummary;
  /** Stops the front server and Prism; resolves with the final summary. */
  close(): Promise<ViolationSummary>;
}

/** Prism's own errors come as problem+json; the contract never answers with it. */
const PROBLEM_JSON = 'application/problem+json';

/**
 * Starts Prism's validation proxy (`prism proxy CONTRACT UPSTREAM --errors=false`) on a private
 * loopback port, behind a thin front server on `port` that relays every exchange unchanged and
 * records the violations Prism reports for it (its `sl-violations` header) as JSON lines in `out`.
 * The report file exists from the start, so an empty file means a clean run.
 *
 * @example
 * const proxy = await startValidationProxy({ upstream: 'http://127.0.0.1:4010', port: 0 });
 * // ... send the traffic to proxy.url
 * const summary = await proxy.close(); // summary.total === 0 for a conforming upstream
 */
export async function startValidationProxy(opts: ValidationProxyOptions): Promise<ValidationProxy> {
  const upstream = parseUpstream(opts.upstream);
  const out = resolve(opts.out ?? defaultReportPath(new Date()));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, '');

  const contract = opts.contract ?? CONTRACT_PATH;
  // Before Prism starts: a contract that cannot be read or routed fails here, leaving no process behind.
  const checkResponse = createResponseChecker(loadDocument(contract));
  const prism = await spawnPrism({
    // --cors=false: the upstream's own CORS headers and preflight answers pass through untouched.
    // The log level stays at info: Prism announces "listening on <url>" (our readiness signal) there.
    args: ['proxy', '-h', '127.0.0.1', '-p', '0', '--errors=false', '--cors=false', contract, upstream],
  });
  const prismUrl = new URL(prism.url);
  const agent = new Agent({ keepAlive: true });
  const records: ViolationRecord[] = [];
  let exchanges = 0;

  const record = (list: readonly ViolationRecord[]): void => {
    if (list.length === 0) return;
    appendFileSync(out, list.map((r) => JSON.stringify(r) + '\n').join(''));
    for (const r of list) {
      records.push(r);
      opts.onViolation?.(r);
    }
  };

  const relay = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      // The client went away mid-body: nothing to relay, nobody to answer.
      res.destroy();
      return;
    }
    const exchange = (status: number): Exchange => ({
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status,
    });
    if (prismCannotCarry(req, body)) {
      await bypass(req, res, body, exchange);
      return;
    }
    const forward = httpRequest(
      { hostname: prismUrl.hostname, port: prismUrl.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        exchanges++;
        const status = answer.statusCode ?? 502;
        const header = answer.headers['sl-violations'];
        const violations = typeof header === 'string' ? parseViolationHeader(header, exchange(status)) : [];
        if (!String(answer.headers['content-type']).startsWith(PROBLEM_JSON)) {
          record(violations);
          res.writeHead(status, answer.headers);
          answer.pipe(res);
          return;
        }
        // Our contract only answers application/json: problem+json is Prism's own failure (upstream down...).
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const problem = Buffer.concat(chunks);
          record([...violations, prismFailure(problem, exchange(status))]);
          res.writeHead(status, answer.headers);
          res.end(problem);
        });
      },
    );
    forward.on('error', (err) => {
      exchanges++;
      unreachable(res, exchange, 'Prism', err);
    });
    forward.end(body);
  };

  /** Sends the request straight to the upstream and checks the answer with the contract's schemas. */
  const bypass = async (req: IncomingMessage, res: ServerResponse, body: Buffer, exchange: (status: number) => Exchange): Promise<void> => {
    exchanges++;
    try {
      const answer = await sendDirect(upstream, req, body);
      const found = checkResponse({
        method: req.method ?? 'GET',
        pathname: new URL(req.url ?? '/', 'http://proxy.invalid').pathname,
        status: answer.status,
        contentType: answer.headers['content-type'],
        body: answer.body.toString('utf8'),
      });
      record(found.map((v) => ({ ...exchange(answer.status), kind: 'response' as const, ...v })));
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch (err) {
      unreachable(res, exchange, 'upstream', err);
    }
  };

  const unreachable = (res: ServerResponse, exchange: (status: number) => Exchange, what: string, err: unknown): void => {
    const message = `${what} unreachable: ${err instanceof Error ? err.message : String(err)}`;
    record([{ ...exchange(502), kind: 'proxy', location: [], message, severity: 'Error' }]);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detail: `validation proxy: ${message}` }));
  };

  const front = createServer((req, res) => void relay(req, res));
  try {
    await new Promise<void>((ok, ko) => {
      front.once('error', ko);
      front.listen(opts.port ?? 4011, opts.host ?? '127.0.0.1', () => ok());
    });
  } catch (err) {
    await prism.close();
    throw new ProxyOptionError('--port', `cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 4011}: ${(err as Error).message}`);
  }
  const address = front.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const summary = (): ViolationSummary => summarise(records, out, exchanges);

  let closing: Promise<ViolationSummary> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    out,
    records: () => records,
    summary,
    close: () =>
      (closing ??= (async () => {
        front.closeAllConnections();
        await new Promise<void>((ok) => front.close(() => ok()));
        agent.destroy();
        await prism.close();
        return summary();
      })()),
  };
}

/** `reports/proxy-2026-01-15T09-30-00-000Z.jsonl`: sortable, and safe in every file system. */
export function defaultReportPath(now: Date): string {
  return `reports/proxy-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`;
}

function parseUpstream(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyOptionError('--upstream', `not a URL: "${value}" (expected e.g. http://127.0.0.1:4010)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyOptionError('--upstream', `only http and https are supported, got "${url.protocol}"`);
  }
  return url.href.replace(/\/$/, '');
}

function prismFailure(body: Buffer, exchange: Exchange): ViolationRecord {
  let message = body.toString('utf8').slice(0, 500);
  try {
    const problem = JSON.parse(message) as { title?: unknown; detail?: unknown };
    message = [problem.title, problem.detail].filter((x) => typeof x === 'string').join(': ') || message;
  } catch {
    // Not JSON: the raw text (cut) is the most useful message we have.
  }
  return { ...exchange, kind: 'proxy', location: [], message: `Prism could not proxy: ${message}`, severity: 'Error' };
}
