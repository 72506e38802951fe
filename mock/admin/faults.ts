/**
 * Run-time fault injection for the OU API (`/__mock/faults`): added latency with jitter
 * and an error rate, for one route or all. Decisions come from a seeded PRNG, so a run
 * with the same seed and request order fails the same requests.
 */

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

/** `*` matches within one path segment, `**` across segments; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function matcher(route: string | undefined): (operationId: string, pathname: string) => boolean {
  if (route === undefined || route === '*') return () => true;
  if (!route.includes('/')) return (operationId) => operationId === route;
  const re = globToRegExp(route);
  return (_operationId, pathname) => re.test(pathname);
}

/**
 * @example
 * const faults = createFaults(42);
 * faults.set({ route: 'getOu', error_rate: 0.5 });
 * faults.decide('getOu', '/api/v1/tenants/acme/ous/x'); // { delayMs: 0, errorStatus: 503 } about half the time
 */
export function createFaults(defaultSeed: number): Faults {
  let config: FaultConfig | null = null;
  let matches: (operationId: string, pathname: string) => boolean = () => false;
  let random = prng(defaultSeed);
  return {
    set(next) {
      config = { ...next };
      matches = matcher(next.route);
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
