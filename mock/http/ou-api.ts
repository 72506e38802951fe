/**
 * The OU API over HTTP: route -> faults -> auth -> Prefer -> body -> validation -> tenant
 * -> domain core -> envelope. Each step throws our typed errors; one catch turns them
 * into responses (errors.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Directory, OUResponse } from '../core/index.ts';
import { MethodNotAllowedError, NotFoundError } from '../core/errors.ts';
import type { Defects } from '../defects.ts';
import type { Faults } from '../admin/faults.ts';
import type { Stubs } from '../admin/stubs.ts';
import type { Writes } from '../writes.ts';
import { authorize, type TokenAuthority } from './auth.ts';
import { parseJsonBody, readBody } from './body.ts';
import type { ApiHandler, RequestContext } from './context.ts';
import { metaOf, paged, single } from './envelope.ts';
import type { ContractAdapter } from './openapi-adapter.ts';
import { ouHandler, type OuResult } from './ou-handlers.ts';
import { preferredResponse, readPreference } from './prefer.ts';
import { sendEmpty, sendError, sendJson, streamJson } from './respond.ts';

export interface OuApiOptions {
  adapter: ContractAdapter;
  /** The current directory (an import may replace it). */
  directory: () => Directory;
  /** Undefined when auth is off (`auth: false`). */
  auth: TokenAuthority | undefined;
  defects: Defects;
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

/** Defect response-schema-break (OU-E1): user_count as a string. */
function breakSchema(ou: OUResponse): unknown {
  return { ...ou, user_count: String(ou.user_count ?? 0) };
}

/**
 * The OU API handler: every operation of the contract over the domain core.
 *
 * @example
 * const ou = createOuApi({ adapter, directory: () => dir, auth, defects: NO_DEFECTS, clock, bodyLimitBytes: 1 << 20, latencyMs: 0, faults, writes, changed });
 * http.createServer((req, res) => void ou(createContext(req, res)));
 */
export function createOuApi(opts: OuApiOptions): ApiHandler {
  const { adapter, defects } = opts;

  async function respond(ctx: RequestContext, result: OuResult): Promise<void> {
    if (result.kind === 'none') return sendEmpty(ctx, result.status);
    const meta = metaOf(ctx, opts.clock);
    if (result.kind === 'page') return sendJson(ctx, result.status, paged(result.page, meta));
    // The tree: no bound on its size or depth, so streamed.
    if (result.kind === 'single') return streamJson(ctx, result.status, single(result.data, meta));
    const data = defects.has('response-schema-break') ? breakSchema(result.data) : result.data;
    // Defect no-envelope (OU-E1): the OU itself instead of {data, meta}.
    const body = defects.has('no-envelope') ? data : single(data, meta);
    // A 201 is a create on the collection path: the new OU lives below it.
    const headers: Record<string, string> =
      result.status === 201 ? { Location: `${ctx.pathname.replace(/\/+$/, '')}/${encodeURIComponent(result.data.id)}` } : {};
    return sendJson(ctx, result.status, body, headers);
  }

  async function serve(ctx: RequestContext): Promise<void> {
    if (opts.latencyMs > 0) await sleep(opts.latencyMs);
    const match = adapter.match(ctx.method, ctx.pathname);
    if (match.kind === 'not-found') throw new NotFoundError('Not Found');
    if (match.kind === 'method-not-allowed') {
      throw new MethodNotAllowedError(`Method ${ctx.method} not allowed`, match.allow);
    }
    const { route, params } = match;
    const fault = opts.faults.decide(route.operationId, ctx.pathname);
    if (fault) {
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.errorStatus !== undefined) {
        return sendJson(ctx, fault.errorStatus, { detail: `Injected fault (status ${fault.errorStatus})` });
      }
    }
    // Read once, on demand: a stub matching on the body and the handler below see the same bytes.
    let rawBody: Promise<Buffer> | undefined;
    const readRaw = (): Promise<Buffer> => (rawBody ??= readBody(ctx.req, opts.bodyLimitBytes));
    if (await opts.stubs.answer(ctx, route.operationId, readRaw)) return;
    const tenantId = params['tenant_id'] ?? '';
    if (opts.auth) {
      const claims = await opts.auth.authenticate(ctx.req.headersDistinct.authorization);
      authorize(claims, tenantId, route.scopes, defects);
    }
    const preference = readPreference(ctx.req.headers.prefer, ctx.rawQuery);
    if (preference) {
      const chosen = preferredResponse(route, preference);
      return chosen.body === undefined
        ? sendEmpty(ctx, chosen.status, chosen.headers)
        : sendJson(ctx, chosen.status, chosen.body, chosen.headers);
    }
    let body: { value: unknown } | undefined;
    if (route.hasBody) {
      const raw = await readRaw();
      if (raw.length > 0) body = { value: parseJsonBody(raw, ctx.req.headers['content-type']) };
    }
    const valid = adapter.validate(route, { params, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body });
    if (opts.autoTenant && !opts.directory().hasTenant(tenantId)) opts.autoTenant(tenantId);
    const directory = opts.directory();
    if (!directory.hasTenant(tenantId)) throw new NotFoundError(`Tenant ${tenantId} not found`);
    const handler = ouHandler(route.operationId);
    if (!handler) throw new NotFoundError(`Operation ${route.operationId} is not served by this mock`);
    const run = (): OuResult => handler(directory.tenant(tenantId), valid);
    if (route.method === 'GET') return respond(ctx, run());
    const result = opts.writes.run({ api: 'ou', op: route.operationId, params: valid.params, query: valid.query, body: valid.body }, run);
    opts.changed();
    await respond(ctx, result);
  }

  return async (ctx) => {
    try {
      await serve(ctx);
    } catch (err) {
      sendError(ctx, err, defects);
    }
  };
}
