import type { Server } from 'node:http';
import request from 'supertest';
import type { Test } from 'supertest';
import type { OperationId } from '../contracts/index.ts';
import type { ContractModel } from './contract-model.ts';
import type { Exchange } from './exchange.ts';
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
  /** A base URL, or a listening in-process server. */
  target: string | Server;
  /** The URL the target answers on, for evidence. */
  baseUrl: string;
  model: ContractModel;
  maxRequests: number;
  concurrency: number;
  timeoutMs?: number;
}

/** Statuses received per operation: the contract coverage of the run. */
export type Observed = ReadonlyMap<OperationId, ReadonlySet<number>>;

/**
 * The one HTTP client of the suites. Every request goes through it: it limits
 * concurrency, enforces the request budget, checks every response against the contract
 * and records the exchange, so post-pass checks and coverage see everything.
 */
export class Client {
  private readonly limiter: Limiter;
  private readonly recorded: Exchange[] = [];
  private readonly observedByOp = new Map<OperationId, Set<number>>();
  private sent = 0;

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
   * failure gives status 0. `exempt` requests (cleanup) do not count against the budget.
   */
  async send(check: string, spec: RequestSpec, exempt = false): Promise<Exchange> {
    if (!exempt && this.sent >= this.options.maxRequests) throw new BudgetExceededError(this.options.maxRequests);
    this.sent++;
    return this.limiter.run(() => this.exchange(check, spec));
  }

  private async exchange(check: string, spec: RequestSpec): Promise<Exchange> {
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
    let test = agentMethod(request(this.options.target), spec.method)(path)
      .timeout({ response: this.options.timeoutMs ?? 15_000, deadline: (this.options.timeoutMs ?? 15_000) * 2 })
      .buffer(true)
      .parse(rawText as unknown as Parameters<Test['parse']>[0]);
    for (const [name, value] of Object.entries(requestHeaders)) test = test.set(name, value);
    if (spec.auth.header !== undefined) test = test.set('Authorization', spec.auth.header);
    if (requestBody !== undefined) test = test.send(requestBody);
    let status = 0;
    let headers: Record<string, string> = {};
    let text = '';
    let error: string | undefined;
    try {
      const res = await test;
      status = res.status;
      headers = flatHeaders(res.headers as Record<string, unknown>);
      text = typeof res.body === 'string' ? res.body : '';
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
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

type AgentMethod = (url: string) => Test;

function agentMethod(agent: ReturnType<typeof request>, method: string): AgentMethod {
  const fn = (agent as unknown as Record<string, AgentMethod | undefined>)[method.toLowerCase()];
  if (typeof fn !== 'function') throw new TypeError(`unsupported HTTP method ${method}`);
  return fn.bind(agent);
}

/** Keeps the body as text so the suites, not the HTTP library, judge whether it is JSON. */
function rawText(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: string) => void): void {
  res.setEncoding('utf8');
  let text = '';
  res.on('data', (chunk: string) => {
    text += chunk;
  });
  res.on('end', () => done(null, text));
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

function flatHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
