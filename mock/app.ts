/**
 * The stateful mock as a node:http request listener: every dialect of the registry
 * (dialects/index.ts) over one domain state, plus the local-only admin API under `/__mock`.
 * No port here (see server.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAdminApi, ADMIN_PREFIX, DEFAULT_MAX_TOKEN_TTL_S } from './admin/admin-api.ts';
import { createAdminGuard, type AdminGuardOptions } from './admin/guard.ts';
import { createFaults } from './admin/faults.ts';
import { createJournal } from './admin/journal.ts';
import { createStubs } from './admin/stubs.ts';
import { MockState } from './admin/mock-state.ts';
import { defectPolicies } from '../dialects/ou-api/defect-policies.ts';
import { parseAnyDefect } from '../dialects/catalogue.ts';
import { DIALECTS } from '../dialects/index.ts';
import type { Dialect } from '../dialects/types.ts';
import type { Directory, Snapshot } from './core/index.ts';
import { DEFECTS, type Defect, type Defects } from './defects.ts';
import { createTokenAuthority, type TokenRequest } from './http/auth.ts';
import { createCors } from './http/cors.ts';
import { createDialectHost, isAnsweredFailure, mountDialect } from './http/dialect-host.ts';
import { createRequestListener } from './http/dispatch.ts';
import type { LoggedOperation, OperationLog } from './operation-log.ts';
import { createWrites } from './writes.ts';

export type { TokenRequest };

export interface MockOptions {
  /** Seed of the generated data (and of fault decisions). Default 42. */
  seed?: number;
  /** Data set to seed. Default 'small' (3 tenants: acme, globex, initech). */
  preset?: 'small' | 'large' | 'empty';
  /** Start from this state instead of seeding (state file / import); resets still return to the seeded state. */
  snapshot?: Snapshot;
  /** `false` = no token checks (--no-auth). Default secret 'ou-mock-dev-secret' (a development default, not a secret). */
  auth?: { secret: string } | false;
  /** Default `{ origin: '*' }`; `false` = no CORS headers, OPTIONS answers 405. */
  cors?: { origin: string } | false;
  /** Added to every OU API response, in ms (a timer: the event loop is never blocked). */
  latencyMs?: number;
  /** Test-only defect switches: names of mock/defects.ts and of any served dialect's `defects`. */
  defects?: ReadonlySet<string>;
  /** The dialects served (default: the registry, dialects/index.ts); all share the one state. */
  dialects?: readonly Dialect[];
  /** Source of timestamps and token times. */
  clock?: () => Date;
  /** Requests kept by the journal (`GET /__mock/journal`). Default 200. */
  journalSize?: number;
  /** Largest OU API request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Who may use the admin API besides loopback callers without a key (admin/guard.ts). Default: loopback names, no key. */
  admin?: AdminGuardOptions;
  /** Longest validity of a token minted by the admin API, in seconds. Default 24 h. */
  maxTokenTtlS?: number;
  /**
   * Where each state-changing request is logged before it runs (the state file's operation log,
   * see server.ts); a failing append fails the request with 503 and changes nothing.
   */
  writeAheadLog?: Pick<OperationLog, 'append'>;
  /** Create an unknown tenant on its first OU API request (after auth): empty, or seeded as preset `small`'s tenants. Default off. */
  autoTenants?: 'empty' | 'seeded';
}

export interface MockApp {
  /** node:http request listener: usable by http.createServer and by supertest in-process. */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** The current state (an admin snapshot import replaces it: read it, do not keep it). */
  readonly directory: Directory;
  /** Called after every state change (OU/user writes, admin reset/import/tenant create); returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Runs logged operations again, in order, as they ran (a restart's replay); returns how many changed the state. */
  replay(entries: readonly LoggedOperation[]): Promise<number>;
  /** Issues an HS256 token (claims tenant_id, scope, exp), as the banner and tests need. */
  issueToken(input: TokenRequest): Promise<string>;
  snapshot(): Snapshot;
}

export const DEFAULT_SEED = 42;
/** Development default only: anyone can mint tokens with it. */
export const DEFAULT_SECRET = 'ou-mock-dev-secret';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/**
 * Snapshot imports carry whole data sets (the large preset is ~200 MB of JSON). Kept under
 * V8's longest string (~512 MiB): a larger body could not even be decoded.
 */
export const SNAPSHOT_LIMIT = 500 * 1024 * 1024;

/** The switches of mock/defects.ts of one layer (the dialects' own go to their handlers through the host). */
function layer(defects: ReadonlySet<string>, which: 'core' | 'http'): Defects {
  return new Set([...defects].filter((d): d is Defect => Object.hasOwn(DEFECTS, d) && DEFECTS[d as Defect].layer === which));
}

/**
 * Builds the mock, seeded synchronously.
 *
 * @example
 * const app = createMockApp({ preset: 'small', seed: 42 });
 * const token = await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] });
 * await request(app.handle).get('/api/v1/tenants/acme/ous').set('Authorization', `Bearer ${token}`);
 */
export function createMockApp(opts: MockOptions = {}): MockApp {
  const seed = opts.seed ?? DEFAULT_SEED;
  const clock = opts.clock ?? (() => new Date());
  const dialects = opts.dialects ?? DIALECTS;
  const defects = opts.defects ?? new Set<string>();
  for (const name of defects) parseAnyDefect(name, dialects);
  const httpDefects = layer(defects, 'http');
  const mounts = dialects.map(mountDialect);
  const bodyLimitBytes = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (err) {
        process.stderr.write(`ou-mock: onChange listener failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  };

  const writes = createWrites(clock, opts.writeAheadLog);
  const state = new MockState({
    preset: opts.preset ?? 'small',
    seed,
    snapshot: opts.snapshot,
    directory: { clock: writes.clock, newId: writes.newId, policies: defectPolicies(layer(defects, 'core')) },
  });
  const tokens = createTokenAuthority({
    secret: opts.auth === false || opts.auth === undefined ? DEFAULT_SECRET : opts.auth.secret,
    clock,
    defects: httpDefects,
  });
  const routes = mounts.flatMap((m) => m.routes);
  const faults = createFaults(seed, routes);
  const stubs = createStubs(routes);
  const journal = createJournal(opts.journalSize ?? 200);
  const host = createDialectHost({
    mounts,
    directory: () => state.directory,
    auth: opts.auth === false ? undefined : tokens,
    defects,
    clock,
    bodyLimitBytes,
    latencyMs: opts.latencyMs ?? 0,
    faults,
    stubs,
    writes,
    changed,
    // admin is built below; this runs per request, when it exists.
    ...(opts.autoTenants ? { autoTenant: (tenantId: string) => admin.ensureTenant(tenantId, opts.autoTenants === 'seeded' ? 'small' : 'empty') } : {}),
  });
  const admin = createAdminApi({
    state,
    auth: tokens,
    journal,
    faults,
    stubs,
    guard: createAdminGuard(opts.admin),
    writes,
    maxTokenTtlS: opts.maxTokenTtlS ?? DEFAULT_MAX_TOKEN_TTL_S,
    bodyLimitBytes,
    snapshotLimitBytes: SNAPSHOT_LIMIT,
    changed,
  });
  const cors = opts.cors === false ? undefined : createCors(opts.cors ?? { origin: '*' });

  return {
    handle: createRequestListener({
      api: host.handle,
      admin,
      adminPrefix: ADMIN_PREFIX,
      methodsAt: (pathname) => host.router.methodsAt(pathname),
      cors,
      journal,
      clock,
    }),
    get directory() {
      return state.directory;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async replay(entries) {
      let applied = 0;
      for (const entry of entries) {
        try {
          if (entry.api === 'admin') await writes.again(entry, () => admin.replay(entry.op, { params: entry.params, query: entry.query, body: entry.body }));
          else host.replay(entry);
          applied++;
        } catch (err) {
          // It failed the same way when it ran (same state, time and ids): it was answered with an error then too.
          if (!isAnsweredFailure(err)) throw err;
        }
      }
      if (applied > 0) changed();
      return applied;
    },
    issueToken: (input) => tokens.issue(input),
    snapshot: () => state.exportSnapshot(),
  };
}
