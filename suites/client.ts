import type { Server } from 'node:http';
import type { ContractModel } from './contract-model.ts';
import type { Exchange } from './exchange.ts';
import { DEFAULT_TIMEOUT_MS, describeTransportError, HttpTransport, serveInProcess } from './http-transport.ts';
import { createLimiter } from './limiter.ts';
import type { Limiter } from './limiter.ts';
import { responseIssues } from './response-conformance.ts';
import type { Auth } from './tokens.ts';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestSpec {
  method: string;
  /** Path from the base URL, starting with `/`, without query string. */
  path: string;
  /** Values are sent as given (strings unencoded); undefined/null ones are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  auth: Auth;
  /** Sent as JSON (`JSON.stringify`). */
  json?: unknown;
  /** Sent byte for byte, with this Content-Type (none when undefined). */
  raw?: { body: string; contentType?: string };
}

export class BudgetExceededError extends Error {
  constructor(readonly limit: number) {
    super(`request budget of ${limit} requests exhausted`);
  }
}

export interface ClientOptions {
  /** A base URL, or an in-process server (listened on 127.0.0.1, a free port, when it does not listen yet). */
  target: string | Server;
  /** The URL the target answers on, for evidence. */
  baseUrl: string;
  model: ContractModel<string>;
  maxRequests: number;
  concurrency: number;
  /** Per request: the wait for headers and for each piece of the body; the whole exchange gets twice this. Default 15 s. */
  timeoutMs?: number;
  /** Bodies past this size fail the exchange (status 0, the size seen in `error`). Default 8 MiB. */
  maxResponseBytes?: number;
}

/** Statuses received per operation: the contract coverage of the run. */
export type Observed = ReadonlyMap<string, ReadonlySet<number>>;

/**
 * The one HTTP client of the suites. Every request goes through it: it limits
 * concurrency, enforces the request budget, checks every response against the contract
 * and records the exchange, so post-pass checks and coverage see everything.
 */
export class Client {
  private readonly limiter: Limiter;
  private readonly recorded: Exchange[] = [];
  private readonly observedByOp = new Map<string, Set<number>>();
  private sent = 0;
  private connection: Promise<Connection> | undefined;
  private readonly cancel = new AbortController();

  constructor(private readonly options: ClientOptions) {
    this.limiter = createLimiter(options.concurrency);
  }

  get requestCount(): number {
    return this.sent;
  }

  get exchanges(): readonly Exchange[] {
    return this.recorded;
  }

  get observed(): Observed {
    return this.observedByOp;
  }

  /**
   * Sends `spec` on behalf of `check`. Never rejects for an HTTP status; a transport
   * failure (refused, timed out, body over the size cap) gives status 0 and `error`. `exempt` requests (cleanup) do not count against the budget.
   */
  async send(check: string, spec: RequestSpec, exempt = false): Promise<Exchange> {
    if (!exempt && this.sent >= this.options.maxRequests) throw new BudgetExceededError(this.options.maxRequests);
    this.sent++;
    return this.limiter.run(() => this.exchange(check, spec, exempt ? undefined : this.cancel.signal));
  }

  /**
   * Aborts every request in flight that is not exempt (cleanup): an interrupted run must not
   * wait on a stalled target's answers, nor queue its cleanup behind them.
   */
  abortInFlight(reason: string): void {
    this.cancel.abort(new Error(reason));
  }

  /** Stops the connections, and the in-process listener when the client opened it. */
  async close(): Promise<void> {
    if (this.connection === undefined) return;
    const { transport, close } = await this.connection;
    await Promise.all([transport.close(), close()]);
  }

  private connect(): Promise<Connection> {
    this.connection ??= (async () => {
      const { target } = this.options;
      const served = typeof target === 'string' ? { baseUrl: target, close: () => Promise.resolve() } : await serveInProcess(target);
      const limits = {
        ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
        ...(this.options.maxResponseBytes !== undefined ? { maxResponseBytes: this.options.maxResponseBytes } : {}),
      };
      return { transport: new HttpTransport(served.baseUrl, limits), close: served.close };
    })();
    return this.connection;
  }

  private async exchange(check: string, spec: RequestSpec, cancel: AbortSignal | undefined): Promise<Exchange> {
    const search = queryString(spec.query);
    const path = `${spec.path}${search}`;
    const requestHeaders: Record<string, string> = { ...spec.headers };
    let requestBody: string | undefined;
    if (spec.raw !== undefined) {
      requestBody = spec.raw.body;
      if (spec.raw.contentType !== undefined) requestHeaders['Content-Type'] = spec.raw.contentType;
    } else if (spec.json !== undefined) {
      requestBody = JSON.stringify(spec.json);
      requestHeaders['Content-Type'] = 'application/json';
    }
    const op = this.options.model.match(spec.method, spec.path);
    const started = performance.now();
    let status = 0;
    let headers: Record<string, string> = {};
    let text = '';
    let error: string | undefined;
    try {
      const { transport } = await this.connect();
      const res = await transport.send({
        method: spec.method,
        path,
        headers: spec.auth.header !== undefined ? { ...requestHeaders, Authorization: spec.auth.header } : requestHeaders,
        ...(requestBody !== undefined ? { body: requestBody } : {}),
      }, cancel);
      ({ status, headers, text } = res);
    } catch (err) {
      error = cancel?.aborted === true ? `aborted: ${String((cancel.reason as Error).message)}` : describeTransportError(err, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    }
    const exchange: Exchange = {
      seq: this.recorded.length + 1,
      check,
      operationId: op?.operationId,
      method: spec.method.toUpperCase(),
      url: `${this.options.baseUrl}${path}`,
      path,
      requestHeaders,
      authShell: spec.auth.shell,
      authLabel: spec.auth.label,
      requestBody,
      status,
      headers,
      text,
      body: parseJson(text),
      error,
      issues: responseIssues(op, { status, headers, text }),
      durationMs: Math.round(performance.now() - started),
    };
    this.recorded.push(exchange);
    if (op !== undefined && status !== 0) {
      let seen = this.observedByOp.get(op.operationId);
      if (seen === undefined) this.observedByOp.set(op.operationId, (seen = new Set()));
      seen.add(status);
    }
    return exchange;
  }
}

interface Connection {
  transport: HttpTransport;
  close: () => Promise<void>;
}

function queryString(query: RequestSpec['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
