/**
 * Stubs (`/__mock/stubs`): rules tried before the state, WireMock-style, so a frontend can make one
 * route answer something specific without touching its client. A rule matches on method, route
 * (operationId or path glob), query parameters, headers and a subset of the JSON body, and answers
 * a canned response or a network fault; `times` spends it after that many answers, which is how a
 * scenario is written (the first call fails, the next ones reach the state). Rules are tried in
 * order, the first match answers.
 *
 * Like faults, stubs apply before authentication: they stand for whatever is in front of the
 * service answering instead of it.
 */
import { randomUUID } from 'node:crypto';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ValidationError, type Loc } from '../http/typed-errors.ts';
import type { RequestContext } from '../http/context.ts';
import { sendEmpty, sendJson } from '../http/respond.ts';
import { compileRouteGlob, matchesTemplate } from './route-glob.ts';
import { routeSelector, type RouteSelector, type ServedRoute } from './route-select.ts';

/** How a stub cuts the connection instead of answering. */
export type StubFault = 'connection_reset' | 'empty_response';

export interface StubMatch {
  /** Upper- or lower-case; any method when absent. */
  method?: string;
  /** An operationId of a served contract (`getOu`). */
  operation?: string;
  /** A path glob (`/api/v1/tenants/acme/ous/**`), as fault routes take. */
  path?: string;
  /** Each parameter must be present with exactly this value (the first, when repeated). */
  query?: Record<string, string>;
  /** Each header (name case-insensitive) must have exactly this value. */
  headers?: Record<string, string>;
  /** The JSON body must contain this: objects by key, recursively; arrays and scalars whole. */
  body?: unknown;
}

export type StubResponse = { status: number; headers?: Record<string, string>; body?: unknown } | { fault: StubFault };

export interface StubRule {
  match: StubMatch;
  respond: StubResponse;
  /** Answers this many requests, then is spent; unlimited when absent. */
  times?: number;
  /** Waits this long before answering, in ms. */
  delay_ms?: number;
}

/** A rule as the admin API shows it. */
export interface StubView extends StubRule {
  id: string;
  /** Requests it answered. */
  hits: number;
  /** Answers left; absent = unlimited. */
  remaining?: number;
}

export interface Stubs {
  /** Adds rules after those in force. @throws ValidationError naming the bad field; nothing changes then. */
  add(rules: readonly StubRule[], loc: (i: number) => Loc): StubView[];
  /** Replaces every rule. @throws ValidationError as `add`. */
  replace(rules: readonly StubRule[], loc: (i: number) => Loc): StubView[];
  list(): StubView[];
  /** @returns false when no stub has that id. */
  remove(id: string): boolean;
  clear(): void;
  /**
   * Answers the request when a rule matches, and says whether it did. `body` reads the request body
   * (the caller keeps the same bytes for its own use); it is read only when a rule matches on it.
   */
  answer(ctx: RequestContext, operationId: string, body: () => Promise<Buffer>): Promise<boolean>;
  /** Rules in force: with none, a request need not be matched at all (the common case, kept cheap). */
  readonly size: number;
}

/** Headers a stub may not set: the server frames the response itself. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

interface Active {
  view: StubView;
  selects: RouteSelector;
}

/**
 * @example
 * const stubs = createStubs(routes);
 * stubs.add([{ match: { operation: 'getOu' }, respond: { status: 500, body: { detail: 'boom' } }, times: 1 }], (i) => ['body', i]);
 */
export function createStubs(routes: readonly ServedRoute[]): Stubs {
  let active: Active[] = [];

  const compile = (rules: readonly StubRule[], loc: (i: number) => Loc): Active[] =>
    rules.map((rule, i) => ({ view: { ...structuredClone(rule), id: randomUUID(), hits: 0, ...(rule.times !== undefined ? { remaining: rule.times } : {}) }, selects: checkRule(rule, routes, loc(i)) }));

  return {
    get size() {
      return active.length;
    },
    add(rules, loc) {
      const added = compile(rules, loc);
      active = [...active, ...added];
      return added.map((a) => view(a));
    },
    replace(rules, loc) {
      active = compile(rules, loc);
      return active.map((a) => view(a));
    },
    list: () => active.map((a) => view(a)),
    remove(id) {
      const before = active.length;
      active = active.filter((a) => a.view.id !== id);
      return active.length < before;
    },
    clear() {
      active = [];
    },
    async answer(ctx, operationId, body) {
      const candidates = active.filter((a) => a.view.remaining !== 0 && a.selects(operationId, ctx.pathname) && matchesHead(a.view.match, ctx));
      if (candidates.length === 0) return false;
      let parsed: { value: unknown } | undefined;
      let chosen: Active | undefined;
      for (const candidate of candidates) {
        if (candidate.view.match.body !== undefined) {
          parsed ??= parseJson(await body());
          if (!parsed || !contains(parsed.value, candidate.view.match.body)) continue;
        }
        // Re-checked after the await: a concurrent request may have spent it meanwhile.
        if (candidate.view.remaining === 0 || !active.includes(candidate)) continue;
        chosen = candidate;
        break;
      }
      if (!chosen) return false;
      chosen.view.hits++;
      if (chosen.view.remaining !== undefined) chosen.view.remaining--;
      await respond(ctx, chosen.view);
      return true;
    },
  };
}

function view(a: Active): StubView {
  return structuredClone(a.view);
}

/** The selector of a rule's route, or a ValidationError naming what selects nothing. */
function checkRule(rule: StubRule, routes: readonly ServedRoute[], loc: Loc): RouteSelector {
  const method = rule.match.method?.toUpperCase();
  const served = method === undefined ? routes : routes.filter((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'));
  if (served.length === 0) {
    throw ValidationError.field([...loc, 'match', 'method'], `no route is served with method ${rule.match.method ?? ''}; served: ${[...new Set(routes.map((r) => r.method))].join(', ')}`);
  }
  const byOperation = routeSelector(rule.match.operation, served, [...loc, 'match', 'operation']);
  const byPath = routeSelector(rule.match.path, served, [...loc, 'match', 'path']);
  // Each may select routes on its own, yet none together (getOu with a glob of the users path).
  if (rule.match.operation !== undefined && rule.match.path !== undefined) {
    const glob = compileRouteGlob(rule.match.path);
    if (!served.some((r) => r.operationId === rule.match.operation && matchesTemplate(glob, r.path))) {
      throw ValidationError.field([...loc, 'match', 'path'], `path glob matches no path of operation ${rule.match.operation}`);
    }
  }
  if ('status' in rule.respond) {
    for (const [name, value] of Object.entries(rule.respond.headers ?? {})) {
      const where: Loc = [...loc, 'respond', 'headers', name];
      if (FRAMING.has(name.toLowerCase())) throw ValidationError.field(where, 'the mock frames the response itself; this header cannot be stubbed');
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch (err) {
        throw ValidationError.field(where, `not a valid HTTP header: ${(err as Error).message}`);
      }
    }
  }
  return (operationId, pathname) => byOperation(operationId, pathname) && byPath(operationId, pathname);
}

/** Method, query and headers: what is known before the body is read. */
function matchesHead(match: StubMatch, ctx: RequestContext): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== ctx.method) return false;
  if (match.query) {
    const query = new URLSearchParams(ctx.rawQuery);
    for (const [name, value] of Object.entries(match.query)) if (query.get(name) !== value) return false;
  }
  if (match.headers) {
    for (const [name, value] of Object.entries(match.headers)) {
      const actual = ctx.req.headers[name.toLowerCase()];
      if ((Array.isArray(actual) ? actual.join(', ') : actual) !== value) return false;
    }
  }
  return true;
}

function parseJson(raw: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * `expected` is contained in `actual`: every key of an expected object is in the actual one with a
 * contained value; arrays and scalars must be equal (arrays element by element, containment per element).
 * Iterative: a request body may be nested deep.
 */
export function contains(actual: unknown, expected: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[actual, expected]];
  while (pending.length > 0) {
    const [a, e] = pending.pop() as [unknown, unknown];
    if (e === null || typeof e !== 'object') {
      if (a !== e) return false;
      continue;
    }
    if (a === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(e)) return false;
    if (Array.isArray(e)) {
      const list = a as unknown[];
      if (list.length !== e.length) return false;
      e.forEach((item, i) => pending.push([list[i], item]));
      continue;
    }
    for (const [key, value] of Object.entries(e)) {
      if (!Object.prototype.hasOwnProperty.call(a, key)) return false;
      pending.push([(a as Record<string, unknown>)[key], value]);
    }
  }
  return true;
}

async function respond(ctx: RequestContext, stub: StubView): Promise<void> {
  if (stub.delay_ms) await sleep(stub.delay_ms);
  const answer = stub.respond;
  if ('fault' in answer) {
    const socket = ctx.req.socket;
    if (answer.fault === 'connection_reset') socket.resetAndDestroy();
    else socket.destroy();
    return;
  }
  const headers = { ...answer.headers, 'X-Mock-Stub': stub.id };
  if (answer.body === undefined) return sendEmpty(ctx, answer.status, headers);
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  // A string body with a non-JSON type is sent as it is: HTML error pages of a gateway, plain text.
  if (type !== undefined && typeof answer.body === 'string' && !/json/i.test(type)) {
    if (ctx.res.headersSent) return;
    ctx.res.writeHead(answer.status, { ...headers, 'Content-Length': String(Buffer.byteLength(answer.body)), 'X-Request-ID': ctx.requestId });
    ctx.res.end(answer.body);
    return;
  }
  sendJson(ctx, answer.status, answer.body, headers);
}
