/**
 * The admin API under `/__mock` (outside the OU contract), routed and validated from its
 * own OpenAPI document, admin-api.yaml. No bearer token: guard.ts keeps it to this machine (or to
 * holders of the admin key) and away from web pages.
 */
import { DomainNameError, domainOf, setTenantDomain } from '../../dialects/admanager/domains.ts';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../../contracts/index.ts';
import { SnapshotError, type Snapshot } from '../core/index.ts';
import { addUser, removeUser } from '../../dialects/ou-api/users.ts';
import { MethodNotAllowedError, NotFoundError, ValidationError } from '../http/typed-errors.ts';
import { ALL_SCOPES, READ_SCOPE, type TokenAuthority } from '../http/auth.ts';
import { parseJsonBody, readBody } from '../http/body.ts';
import type { ApiHandler, RequestContext } from '../http/context.ts';
import { createContractAdapter, type ContractAdapter, type ValidRequest } from '../http/openapi-adapter.ts';
import { sendEmpty, sendError, sendJson, streamJson } from '../http/respond.ts';
import type { FaultInput, Faults } from './faults.ts';
import { requireJsonWrite } from './guard.ts';
import { packageVersion } from '../../cli/version.ts';
import { browseOus, browseUsers } from './browse.ts';
import { toHar } from './har.ts';
import { serveUi } from './ui.ts';
import type { Journal } from './journal.ts';
import type { StubRule, Stubs } from './stubs.ts';
import type { Writes } from '../writes.ts';
import type { MockState, NewTenant, TenantPreset } from './mock-state.ts';

/** Absolute path of the admin API's OpenAPI document. */
export const ADMIN_API_PATH = fileURLToPath(new URL('./admin-api.yaml', import.meta.url));

/** Every admin route starts with this. */
export const ADMIN_PREFIX = '/__mock';

/** Tokens handed out with a new tenant live a day (or the cap, if shorter): long enough for a local session. */
const TENANT_TOKEN_TTL_S = 86_400;
/** Default of `maxTokenTtlS`: a leaked admin-minted token stops working within a day. */
export const DEFAULT_MAX_TOKEN_TTL_S = 86_400;

export interface AdminApiOptions {
  state: MockState;
  auth: TokenAuthority;
  journal: Journal;
  faults: Faults;
  stubs: Stubs;
  /** Checks every admin request before routing (`createAdminGuard`); throws the error to answer. */
  guard: (req: IncomingMessage) => void;
  /** The logged path every state-changing operation runs through. */
  writes: Writes;
  /** Longest validity of a token the admin API mints, in seconds. */
  maxTokenTtlS: number;
  bodyLimitBytes: number;
  /** A snapshot import may be far larger than an OU request. */
  snapshotLimitBytes: number;
  changed: () => void;
}

/** What an admin operation answers; `changed` marks a state change (for persistence). */
interface AdminResult {
  status: number;
  body?: unknown;
  /** Sent in chunks: the body may be the whole state (hundreds of MB at the large preset). */
  stream?: boolean;
  changed?: boolean;
  headers?: Record<string, string>;
}

type AdminOperation = (req: ValidRequest) => AdminResult | Promise<AdminResult>;

/** What admin-api.yaml's TenantId allows: an id outside it is never created on the fly (the request answers 404). */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Who wrote a HAR export. */
const HAR_CREATOR = { name: 'ou-contract mock', version: packageVersion() };

/** The operations that change the state: logged, and replayed after a restart. */
const STATE_CHANGES: ReadonlySet<string> = new Set(['createTenant', 'resetAll', 'resetTenant', 'importSnapshot', 'createUser', 'deleteUser', 'setTenantDomain']);

/** The admin document, parsed afresh: openapi-backend dereferences it in place. */
export function loadAdminDocument(): OpenApiDocument {
  return parse(readFileSync(ADMIN_API_PATH, 'utf8')) as OpenApiDocument;
}

let adminAdapter: ContractAdapter | undefined;

/**
 * Compiled once per process (routes and validators hold no state), on the first admin
 * request rather than at start-up: the mock starts serving the OU API sooner.
 */
function adminRoutes(): ContractAdapter {
  adminAdapter ??= createContractAdapter(loadAdminDocument());
  return adminAdapter;
}

/**
 * @example
 * const admin = createAdminApi({ state, auth, journal, faults, stubs, guard: createAdminGuard(), writes, maxTokenTtlS: 86_400, bodyLimitBytes: 1 << 20, snapshotLimitBytes: 1 << 30, changed });
 */
export function createAdminApi(
  opts: AdminApiOptions,
): ApiHandler & { replay(operationId: string, req: ValidRequest): Promise<unknown>; ensureTenant(tenantId: string, preset: TenantPreset): void } {
  const { state } = opts;
  const tenantOf = (req: ValidRequest): string => req.params['tenant_id'] as string;
  const tenantTokenTtl = Math.min(TENANT_TOKEN_TTL_S, opts.maxTokenTtlS);

  const operations: Record<string, AdminOperation> = {
    listTenants: () => ({ status: 200, body: { data: state.allCounts() } }),
    createTenant: async (req) => {
      const created = state.createTenant((req.body ?? {}) as NewTenant);
      const [readWrite, readOnly] = await Promise.all([
        opts.auth.issue({ tenant_id: created.tenant_id, scopes: ALL_SCOPES, expires_in: tenantTokenTtl }),
        opts.auth.issue({ tenant_id: created.tenant_id, scopes: [READ_SCOPE], expires_in: tenantTokenTtl }),
      ]);
      return { status: 201, body: { data: { ...created, tokens: { read_write: readWrite, read_only: readOnly } } }, changed: true };
    },
    resetAll: () => ({ status: 200, body: { data: state.resetAll() }, changed: true }),
    resetTenant: (req) => ({ status: 200, body: { data: state.resetTenant(tenantOf(req)) }, changed: true }),
    exportSnapshot: () => ({ status: 200, body: state.exportSnapshot(), stream: true }),
    importSnapshot: (req) => {
      try {
        return { status: 200, body: { data: state.importSnapshot(req.body as Snapshot) }, changed: true };
      } catch (err) {
        // The loader names the item from the snapshot's root; the client sent it as the body.
        if (err instanceof SnapshotError) throw ValidationError.fromSnapshot(err, ['body']);
        throw err;
      }
    },
    createUser: (req) => {
      const tenant = state.directory.tenant(tenantOf(req));
      const input = req.body as { email: string; display_name: string; ou_id?: string | null; id?: string };
      const user = addUser(tenant, { ...input, ou_id: input.ou_id ?? null });
      return { status: 201, body: { data: user }, changed: true };
    },
    setTenantDomain: (req) => {
      const tenantId = tenantOf(req);
      if (!state.directory.hasTenant(tenantId)) throw new NotFoundError(`Tenant ${tenantId} not found`);
      const dnsName = (req.body as { dns_name: string | null }).dns_name;
      try {
        setTenantDomain(state.directory, tenantId, dnsName ?? undefined);
      } catch (err) {
        if (err instanceof DomainNameError) throw ValidationError.field(['body', 'dns_name'], err.message);
        throw err;
      }
      return { status: 200, body: { data: { tenant_id: tenantId, dns_name: domainOf(state.directory, tenantId) } }, changed: true };
    },
    deleteUser: (req) => {
      removeUser(state.directory.tenant(tenantOf(req)), req.params['user_id'] as string);
      return { status: 204, changed: true };
    },
    issueToken: async (req) => {
      const input = req.body as { tenant_id: string; scopes?: string[]; expires_in?: number };
      const expiresIn = input.expires_in ?? Math.min(3600, opts.maxTokenTtlS);
      // Refused rather than silently shortened: a client relying on a long token learns it now, not at expiry.
      if (expiresIn > opts.maxTokenTtlS) {
        throw ValidationError.field(['body', 'expires_in'], `must be at most ${opts.maxTokenTtlS} seconds (the mock's --max-token-ttl)`, 'less_than_equal');
      }
      const token = await opts.auth.issue({ ...input, expires_in: expiresIn });
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
    },
    readJournal: (req) => ({ status: 200, body: { data: opts.journal.last(req.query['limit'] as number | undefined, req.query['since'] as number | undefined) } }),
    exportHar: () => ({ status: 200, body: toHar(opts.journal.last(), HAR_CREATOR), headers: { 'Content-Disposition': 'attachment; filename="ou-mock-journal.har"' } }),
    getFaults: () => ({ status: 200, body: { data: opts.faults.get() } }),
    setFaults: (req) => {
      const input = req.body as FaultInput;
      if ('rules' in input && Object.keys(input).length > 1) {
        throw ValidationError.field(['body', 'rules'], 'give either rules or the fields of one rule, not both');
      }
      opts.faults.set(input);
      return { status: 200, body: { data: opts.faults.get() } };
    },
    clearFaults: () => {
      opts.faults.clear();
      return { status: 204 };
    },
    browseOus: (req) => ({ status: 200, body: browseOus(state.directory.tenant(tenantOf(req)), req.query['parent_id'] as string | undefined, req.query['page'] as number | undefined) }),
    browseUsers: (req) => ({ status: 200, body: browseUsers(state.directory.tenant(tenantOf(req)), req.params['ou_id'] as string, req.query['page'] as number | undefined) }),
    listStubs: () => ({ status: 200, body: { data: opts.stubs.list() } }),
    addStub: (req) => ({ status: 201, body: { data: opts.stubs.add([req.body as StubRule], () => ['body'])[0] } }),
    replaceStubs: (req) => ({ status: 200, body: { data: opts.stubs.replace((req.body as { rules: StubRule[] }).rules, (i) => ['body', 'rules', i]) } }),
    clearStubs: () => {
      opts.stubs.clear();
      return { status: 204 };
    },
    deleteStub: (req) => {
      const id = req.params['stub_id'] as string;
      if (!opts.stubs.remove(id)) throw new NotFoundError(`Stub ${id} not found`);
      return { status: 204 };
    },
  };

  async function serve(ctx: RequestContext): Promise<void> {
    if (serveUi(ctx)) return;
    opts.guard(ctx.req);
    const adapter = adminRoutes();
    const match = adapter.match(ctx.method, ctx.pathname);
    if (match.kind === 'not-found') throw new NotFoundError('Not Found');
    if (match.kind === 'method-not-allowed') throw new MethodNotAllowedError(`Method ${ctx.method} not allowed`, match.allow);
    requireJsonWrite(ctx.req);
    const { route, params } = match;
    let body: { value: unknown } | undefined;
    if (route.hasBody) {
      const limit = route.operationId === 'importSnapshot' ? opts.snapshotLimitBytes : opts.bodyLimitBytes;
      const raw = await readBody(ctx.req, limit);
      if (raw.length > 0) body = { value: parseJsonBody(raw, ctx.req.headers['content-type']) };
    }
    const valid = adapter.validate(route, { params, rawQuery: ctx.rawQuery, headers: ctx.req.headers, body });
    const operation = operations[route.operationId];
    if (!operation) throw new NotFoundError(`Operation ${route.operationId} is not served by this mock`);
    const result = await (STATE_CHANGES.has(route.operationId)
      ? opts.writes.run({ api: 'admin', op: route.operationId, params: valid.params, query: valid.query, body: valid.body }, () => operation(valid))
      : operation(valid));
    if (result.changed) opts.changed();
    if (result.body === undefined) sendEmpty(ctx, result.status);
    else if (result.stream) await streamJson(ctx, result.status, result.body);
    else sendJson(ctx, result.status, result.body, result.headers);
  }

  const handler = async (ctx: RequestContext): Promise<void> => {
    try {
      await serve(ctx);
    } catch (err) {
      sendError(ctx, err);
    }
  };
  /** Logged as the admin createTenant it is, so a restart replays it before the writes into that tenant. */
  const ensureTenant = (tenantId: string, preset: TenantPreset): void => {
    if (!TENANT_ID.test(tenantId) || state.directory.hasTenant(tenantId)) return;
    const body: NewTenant = { tenant_id: tenantId, preset };
    opts.writes.run({ api: 'admin', op: 'createTenant', params: {}, query: {}, body }, () => state.createTenant(body));
    opts.changed();
  };

  return Object.assign(handler, {
    ensureTenant,
    replay: async (operationId: string, req: ValidRequest): Promise<unknown> => {
      const operation = STATE_CHANGES.has(operationId) ? operations[operationId] : undefined;
      if (!operation) throw new TypeError(`logged admin operation ${operationId} is not a state change`);
      return operation(req);
    },
  });
}
