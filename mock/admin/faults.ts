/**
 * Run-time fault injection for the OU API (`/__mock/faults`): added latency with jitter
 * and an error rate, for one route or all. Decisions come from a seeded PRNG, so a run
 * with the same seed and request order fails the same requests.
 *
 * Faults are decided after routing but before authentication, on purpose: they stand for an
 * outage in front of the service (a gateway, the network), which strikes whoever calls. That lets
 * unauthenticated requests reach the route matcher, which is why it is linear-time
 * (route-glob.ts) and a glob is bounded (500 characters, admin-api.yaml).
 */
import { ValidationError } from '../http/typed-errors.ts';
import { compileRouteGlob, matchesPath, matchesTemplate } from './route-glob.ts';

export interface FaultConfig {
  /** An operationId (`getOu`), or a path glob (`/api/v1/tenants/acme/ous/**`); all OU routes when absent. */
  route?: string;
  latency_ms?: number;
  /** Up to this many ms more, uniformly drawn per request. */
  jitter_ms?: number;
  /** Share of matching requests answered with `error_status`, 0..1. */
  error_rate?: number;
  /** Default 503. */
  error_status?: number;
  /** PRNG seed of the error decisions; default the mock's seed. */
  seed?: number;
}

export interface FaultDecision {
  delayMs: number;
  /** Set when this request is to fail. */
  errorStatus?: number;
}

export interface Faults {
  /** @throws ValidationError (`body.route`) when the route names no route of the contract; nothing changes then. */
  set(config: FaultConfig): void;
  get(): FaultConfig | null;
  clear(): void;
  /** What to do to a request of `operationId` at `pathname`; undefined when no fault applies. */
  decide(operationId: string, pathname: string): FaultDecision | undefined;
}

/** mulberry32: tiny, fast and good enough to spread error decisions. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An OU API route: what a fault's `route` may name. */
export interface FaultRoute {
  operationId: string;
  /** OpenAPI path template, e.g. `/api/v1/tenants/{tenant_id}/ous`. */
  path: string;
}

type Matcher = (operationId: string, pathname: string) => boolean;

/** The matcher of `route`, or a ValidationError naming `body.route` when it can select no route of the contract. */
function matcher(route: string | undefined, routes: readonly FaultRoute[]): Matcher {
  if (route === undefined || route === '*') return () => true;
  if (!route.includes('/')) {
    if (!routes.some((r) => r.operationId === route)) {
      throw ValidationError.field(['body', 'route'], `unknown operationId "${route}"; known: ${routes.map((r) => r.operationId).join(', ')}`);
    }
    return (operationId) => operationId === route;
  }
  if (!route.startsWith('/')) throw ValidationError.field(['body', 'route'], 'a path glob must start with /');
  const glob = compileRouteGlob(route);
  // A typo would otherwise switch on a fault that never fires.
  if (!routes.some((r) => matchesTemplate(glob, r.path))) {
    throw ValidationError.field(['body', 'route'], `path glob matches no route of the OU contract (${[...new Set(routes.map((r) => r.path))].join(', ')})`);
  }
  return (_operationId, pathname) => matchesPath(glob, pathname);
}

/**
 * @example
 * const faults = createFaults(42, [{ operationId: 'getOu', path: '/api/v1/tenants/{tenant_id}/ous/{ou_id}' }]);
 * faults.set({ route: 'getOu', error_rate: 0.5 });
 * faults.decide('getOu', '/api/v1/tenants/acme/ous/x'); // { delayMs: 0, errorStatus: 503 } about half the time
 */
export function createFaults(defaultSeed: number, routes: readonly FaultRoute[]): Faults {
  let config: FaultConfig | null = null;
  let matches: Matcher = () => false;
  let random = prng(defaultSeed);
  return {
    set(next) {
      // Checked first: a refused configuration leaves the one in force untouched.
      const nextMatches = matcher(next.route, routes);
      config = { ...next };
      matches = nextMatches;
      random = prng(next.seed ?? defaultSeed);
    },
    get: () => (config ? { ...config } : null),
    clear() {
      config = null;
      matches = () => false;
    },
    decide(operationId, pathname) {
      if (!config || !matches(operationId, pathname)) return undefined;
      const jitter = config.jitter_ms ? random() * config.jitter_ms : 0;
      const delayMs = (config.latency_ms ?? 0) + jitter;
      const fails = (config.error_rate ?? 0) > 0 && random() < (config.error_rate ?? 0);
      return fails ? { delayMs, errorStatus: config.error_status ?? 503 } : { delayMs };
    },
  };
}
