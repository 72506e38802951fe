/**
 * The generic HTTP host of the dialects: route (across every dialect's contract) -> faults ->
 * auth (the dialect's credential, the mock's tokens) -> tenant -> scopes -> Prefer -> body ->
 * contract validation -> tenant exists -> the dialect's handler over the tenant's UnitsApi
 * (state changes through the write-ahead log) -> response. Every failure is rendered by the
 * dialect that answers, in its own shape (`renderError`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadContract } from '../../contracts/index.ts';
import { HostError } from '../../dialects/types.ts';
import type { Claims, Dialect, DialectEnv, DialectRequest, DialectResponse, HostFailure } from '../../dialects/types.ts';
import { loadDocument, operationsOf } from '../../contracts/model/index.ts';
import type { FaultRoute, Faults } from '../admin/faults.ts';
import type { Stubs } from '../admin/stubs.ts';
import type { Directory } from '../core/index.ts';
import { DomainError } from '../core/index.ts';
import { MethodNotAllowedError, OuError } from './typed-errors.ts';
import type { LoggedOperation } from '../operation-log.ts';
import type { WriteRequest, Writes } from '../writes.ts';
import { unverifiedTenant, type TokenAuthority } from './auth.ts';
import { parseJsonBody, readBody } from './body.ts';
import type { ApiHandler, RequestContext } from './context.ts';
import { createDialectRouter, type DialectMount, type DialectRouter } from './dialect-routes.ts';
import { failureOf } from './host-failures.ts';
import { createContractAdapter, type ContractRoute } from './openapi-adapter.ts';
import { preferredResponse, readPreference } from './prefer.ts';
import { dropOversizedBody, sendEmpty, sendError, sendJson, streamJson } from './respond.ts';

export interface DialectHostOptions {
  mounts: readonly DialectMount[];
  /** The current directory (an import may replace it). */
  directory: () => Directory;
  /** Undefined when auth is off (`auth: false`). */
  auth: TokenAuthority | undefined;
  /** Every defect switch that is on: the host's own (mock/defects.ts) and the dialects'. */
  defects: ReadonlySet<string>;
  clock: () => Date;
  bodyLimitBytes: number;
  latencyMs: number;
  faults: Faults;
  /** Stub rules of the admin API, tried right after faults. */
  stubs: Stubs;
  /** The logged path every state-changing operation runs through. */
  writes: Writes;
  /** Called after each successful state-changing request. */
  changed: () => void;
  /** With `--auto-tenants`: creates the tenant when unknown (a logged write). */
  autoTenant?: (tenantId: string) => void;
}

export interface DialectHost {
  handle: ApiHandler;
  router: DialectRouter;
  /** Runs a logged operation of a dialect again (a restart's replay); throws what it threw when it ran. */
  replay(entry: LoggedOperation): void;
}

const mounted = new WeakMap<Dialect, DialectMount>();

/** The contract operations of a dialect, each checked to have a handler (a dialect without one is a bug: fail at start). */
function routesOf(dialect: Dialect): FaultRoute[] {
  const routes = operationsOf(loadDocument(dialect.contractFile)).map((op) => ({ operationId: op.id, method: op.method, path: op.pathTemplate }));
  const missing = routes.filter((r) => !Object.hasOwn(dialect.mock.handlers, r.operationId)).map((r) => r.operationId);
  if (missing.length > 0) throw new Error(`dialect ${dialect.id} has no handler for ${missing.join(', ')} of its contract`);
  return routes;
}

/** A dialect's contract compiled once per process (routes and validators are stateless, so apps share them). */
export function mountDialect(dialect: Dialect): DialectMount & { routes: readonly FaultRoute[] } {
  const known = mounted.get(dialect) as (DialectMount & { routes: readonly FaultRoute[] }) | undefined;
  if (known) return known;
  const doc = loadContract(dialect.contractFile);
  const routes = routesOf(dialect);
  const mount = { dialect, adapter: createContractAdapter(doc), templates: Object.keys(doc.paths), routes };
  mounted.set(dialect, mount);
  return mount;
}

/** The OU API keeps its old log name (`ou`): logs written before the dialects still replay. */
function logApi(dialect: Dialect): LoggedOperation['api'] {
  return dialect.id === 'ou-api' ? 'ou' : dialect.id;
}

function claimsOf(claims: { tenant_id: string; scopes: ReadonlySet<string> }): Claims {
  return { tenantId: claims.tenant_id, scopes: [...claims.scopes] };
}

/** The query as sent (strings, repeated keys as lists): what `tenantOf` sees before validation. */
function rawQueryValues(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const prior = out[key];
    out[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return out;
}

/** How many Authorization fields a request carries (`rawHeaders`: name, value, name, value, ...). */
function authorizationFields(rawHeaders: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === 'authorization') n++;
  return n;
}

function fail(failure: HostFailure): never {
  throw new HostError(failure);
}

/**
 * @example
 * const host = createDialectHost({ mounts: DIALECTS.map(mountDialect), directory: () => dir, auth, defects: new Set(), clock, bodyLimitBytes: 1 << 20, latencyMs: 0, faults, writes, changed });
 * http.createServer((req, res) => void host.handle(createContext(req, res)));
 */
export function createDialectHost(opts: DialectHostOptions): DialectHost {
  const router = createDialectRouter(opts.mounts);
  const envs = new Map<Dialect, DialectEnv>();
  const envOf = (dialect: Dialect): DialectEnv => {
    let env = envs.get(dialect);
    if (!env) {
      const own = new Set([...opts.defects].filter((d) => Object.hasOwn(dialect.defects, d)));
      env = {
        get directory() {
          return opts.directory();
        },
        clock: opts.writes.clock,
        defects: own,
      };
      envs.set(dialect, env);
    }
    return env;
  };

  /** The request's credential, checked to be given once. */
  function credentialOf(dialect: Dialect, ctx: RequestContext): string | undefined {
    // Node keeps only the first of repeated Authorization headers: a second, different credential must not pass unseen.
    if (ctx.req.headers.authorization !== undefined && authorizationFields(ctx.req.rawHeaders) > 1) {
      fail({ kind: 'unauthorized', message: 'Authorization header must be given once' });
    }
    return dialect.mock.credential(ctx.req.headers);
  }

  /** The tenant the request acts on: the one it names, else the token's; never another than the token's. */
  function tenantFor(dialect: Dialect, pre: DialectRequest, claims: Claims | undefined, credential: string | undefined): string {
    const named = dialect.mock.tenantOf(pre, envOf(dialect));
    if (claims === undefined) {
      // Auth is off: a dialect that names the tenant by the token alone still reads it from one (unchecked).
      const tenant = named ?? unverifiedTenant(credential);
      return tenant ?? fail({ kind: 'unauthorized', message: 'This API names the tenant by the token alone: send a token (auth is off, so it is not checked)' });
    }
    if (named !== undefined && named !== claims.tenantId && !opts.defects.has('ignore-token-tenant')) {
      fail({ kind: 'forbidden', reason: 'tenant', message: `Token is not valid for tenant ${named}` });
    }
    return named ?? claims.tenantId;
  }

  function checkScopes(route: ContractRoute, claims: Claims | undefined): void {
    if (claims === undefined || opts.defects.has('ignore-scopes')) return;
    const missing = route.scopes.find((scope) => !claims.scopes.includes(scope));
    if (missing !== undefined) fail({ kind: 'forbidden', reason: 'scope', message: `Token lacks scope ${missing}` });
  }

  /** The dialect's generic error body for a status and a message: its rendering of an injected fault carrying that message. */
  function errorBodyOf(dialect: Dialect, req: DialectRequest): (status: number, message: string) => unknown {
    return (status, message) => dialect.mock.renderError({ kind: 'injected', status, message }, req, envOf(dialect)).body;
  }

  /** The documented response a `Prefer` asks for (any 4xx/5xx; undocumented ones in the dialect's error shape). */
  function preferred(ctx: RequestContext, route: ContractRoute, dialect: Dialect, req: DialectRequest): boolean {
    const preference = readPreference(ctx.req.headers.prefer, ctx.rawQuery);
    if (!preference) return false;
    try {
      const chosen = preferredResponse(route, preference, errorBodyOf(dialect, req));
      if (chosen.body === undefined) sendEmpty(ctx, chosen.status, chosen.headers);
      else sendJson(ctx, chosen.status, chosen.body, chosen.headers);
    } catch (err) {
      sendError(ctx, err);
    }
    return true;
  }

  async function readJson(ctx: RequestContext, readRaw: () => Promise<Buffer>): Promise<{ value: unknown } | undefined> {
    const raw = await readRaw();
    return raw.length > 0 ? { value: parseJsonBody(raw, ctx.req.headers['content-type']) } : undefined;
  }

  function run(dialect: Dialect, req: DialectRequest, tenantId: string): DialectResponse {
    const handler = dialect.mock.handlers[req.operationId] as NonNullable<Dialect['mock']['handlers'][string]>;
    const env = envOf(dialect);
    const apply = (): DialectResponse => handler(env.directory.tenant(tenantId), req, env);
    if (!dialect.mock.writes.has(req.operationId)) return apply();
    const logged: WriteRequest & { tenant: string } = { api: logApi(dialect), op: req.operationId, params: { ...req.params }, query: { ...req.query }, body: req.body, tenant: tenantId };
    const response = opts.writes.run(logged, apply);
    opts.changed();
    return response;
  }

  async function serve(ctx: RequestContext, answer: { dialect: Dialect; req: DialectRequest | undefined }): Promise<void> {
    if (opts.latencyMs > 0) await sleep(opts.latencyMs);
    const match = router.match(ctx.method, ctx.pathname);
    answer.dialect = match.mount.dialect;
    if (match.kind === 'not-found') fail({ kind: 'route_not_found' });
    if (match.kind === 'method-not-allowed') {
      fail({ kind: 'method_not_allowed', allow: match.allow, source: new MethodNotAllowedError(`Method ${ctx.method} not allowed`, match.allow) });
    }
    const { route, params, mount } = match;
    const dialect = mount.dialect;
    const fault = opts.faults.decide(route.operationId, ctx.pathname);
    if (fault) {
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.errorStatus !== undefined) fail({ kind: 'injected', status: fault.errorStatus });
    }
    // Read once, on demand: a stub matching on the body and the handler below see the same bytes.
    let rawBody: Promise<Buffer> | undefined;
    const readRaw = (): Promise<Buffer> => (rawBody ??= readBody(ctx.req, opts.bodyLimitBytes));
    if (opts.stubs.size > 0 && (await opts.stubs.answer(ctx, route.operationId, readRaw))) return;
    // One request object, completed stage by stage: a failure is rendered with what is known by then.
    const req: DialectRequest = {
      operationId: route.operationId,
      method: ctx.method,
      pathname: ctx.pathname,
      params,
      query: rawQueryValues(ctx.rawQuery),
      rawQuery: ctx.rawQuery,
      headers: ctx.req.headers,
      body: undefined,
      requestId: ctx.requestId,
      claims: undefined,
    };
    answer.req = req;
    const credential = credentialOf(dialect, ctx);
    // A known token is answered at once: the whole request then runs without a pause (no await).
    const claims = opts.auth ? claimsOf(opts.auth.cachedClaims(credential) ?? (await opts.auth.authenticateToken(credential))) : undefined;
    req.claims = claims;
    const tenantId = tenantFor(dialect, req, claims, credential);
    checkScopes(route, claims);
    if (preferred(ctx, route, dialect, req)) return;
    const body = route.hasBody ? await readJson(ctx, readRaw) : undefined;
    const valid = mount.adapter.validate(route, { params, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body });
    req.params = valid.params;
    req.query = valid.query;
    req.body = valid.body;
    if (opts.autoTenant && !opts.directory().hasTenant(tenantId)) opts.autoTenant(tenantId);
    if (!opts.directory().hasTenant(tenantId)) fail({ kind: 'tenant_not_found', tenantId });
    const response = run(dialect, req, tenantId);
    return send(ctx, response);
  }

  /** Writes the response; a promise only when it is streamed. */
  function send(ctx: RequestContext, response: DialectResponse): Promise<void> | undefined {
    const headers = response.headers ?? {};
    if (response.body === undefined) sendEmpty(ctx, response.status, headers);
    else if (response.stream === true) return streamJson(ctx, response.status, response.body, headers);
    else sendJson(ctx, response.status, response.body, headers);
    return undefined;
  }

  /** The dialect's answer to a failure; an unexpected error is a bug of the mock (500, logged with its stack). */
  async function render(ctx: RequestContext, err: unknown, dialect: Dialect, req: DialectRequest | undefined): Promise<void> {
    const failure = failureOf(err, opts.bodyLimitBytes);
    if (failure === undefined) return sendError(ctx, err);
    if (failure.kind === 'unavailable') {
      // The mock's own storage failed: the operator needs to know, without a stack and without request data.
      process.stderr.write(`ou-mock: 503 on ${ctx.method} ${ctx.pathname}: ${(err as Error).message}\n`);
    }
    const response = dialect.mock.renderError(failure, req, envOf(dialect));
    const extra = !(failure instanceof DomainError) && failure.kind === 'too_large' ? dropOversizedBody(ctx) : {};
    return send(ctx, { ...response, headers: { ...response.headers, ...extra } });
  }

  return {
    router,
    handle: async (ctx) => {
      const answer: { dialect: Dialect; req: DialectRequest | undefined } = { dialect: (opts.mounts[0] as DialectMount).dialect, req: undefined };
      try {
        await serve(ctx, answer);
      } catch (err) {
        await render(ctx, err, answer.dialect, answer.req);
      }
    },
    replay(entry) {
      const mount = opts.mounts.find((m) => logApi(m.dialect) === entry.api);
      if (!mount) throw new TypeError(`logged operation ${entry.seq} names unknown dialect ${entry.api}`);
      const { dialect } = mount;
      if (!Object.hasOwn(dialect.mock.handlers, entry.op)) throw new TypeError(`logged operation ${entry.seq} names unknown operation ${entry.op} of ${dialect.id}`);
      const tenantId = entry.tenant ?? entry.params['tenant_id'] ?? '';
      const req: DialectRequest = {
        operationId: entry.op,
        method: '',
        pathname: '',
        params: entry.params,
        query: entry.query,
        rawQuery: '',
        headers: {},
        body: entry.body,
        requestId: `replay-${entry.seq}`,
        // It was authorised when it ran; a handler must not judge the token again.
        claims: undefined,
      };
      const handler = dialect.mock.handlers[entry.op] as NonNullable<Dialect['mock']['handlers'][string]>;
      const env = envOf(dialect);
      opts.writes.again(entry, () => handler(env.directory.tenant(tenantId), req, env));
    },
  };
}

/** Whether a replayed operation failed as a request would have (so it failed the same way when it ran). */
export function isAnsweredFailure(err: unknown): boolean {
  return err instanceof DomainError || err instanceof HostError || err instanceof OuError;
}
