/**
 * Run-time fault injection for the OU API (`/__mock/faults`): added latency with jitter
 * and an error rate, per route or for all, as several rules at once. Decisions come from
 * seeded PRNGs, so a run with the same seed and request order fails the same requests.
 *
 * Faults are decided after routing but before authentication, on purpose: they stand for an
 * outage in front of the service (a gateway, the network), which strikes whoever calls. That lets
 * unauthenticated requests reach the route matcher, which is why it is linear-time
 * (route-glob.ts) and a glob is bounded (500 characters, admin-api.yaml).
 */
import type { Loc } from '../http/typed-errors.ts';
import { routeSelector, type RouteSelector, type ServedRoute } from './route-select.ts';

/** One fault rule. */
export interface FaultRule {
  /** An operationId (`getOu`), or a path glob (`/api/v1/tenants/acme/ous/**`); all routes when absent. */
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

/** What `PUT /__mock/faults` takes: one rule (the older form) or a list of them. */
export type FaultInput = FaultRule | { rules: FaultRule[] };

/** The rules in force, in the order they were given. */
export interface FaultConfig {
  rules: FaultRule[];
}

export interface FaultDecision {
  delayMs: number;
  /** Set when this request is to fail. */
  errorStatus?: number;
}

export interface Faults {
  /**
   * Replaces the rules in force.
   * @throws ValidationError (`body.route` or `body.rules.N.route`) when a route names no route served; nothing changes then.
   */
  set(input: FaultInput): void;
  get(): FaultConfig | null;
  clear(): void;
  /**
   * What to do to a request of `operationId` at `pathname`; undefined when no rule applies.
   * Every matching rule applies: their latencies add up, and the first whose error draw fires sets the status.
   */
  decide(operationId: string, pathname: string): FaultDecision | undefined;
}

/** An OU API route: what a fault's `route` may name. */
export type FaultRoute = ServedRoute;

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

interface ActiveRule {
  rule: FaultRule;
  selects: RouteSelector;
  random: () => number;
}

function rulesOf(input: FaultInput): { rules: FaultRule[]; loc: (i: number) => Loc } {
  if ('rules' in input && Array.isArray(input.rules)) return { rules: input.rules, loc: (i) => ['body', 'rules', i, 'route'] };
  return { rules: [input as FaultRule], loc: () => ['body', 'route'] };
}

/**
 * @example
 * const faults = createFaults(42, [{ operationId: 'getOu', method: 'GET', path: '/api/v1/tenants/{tenant_id}/ous/{ou_id}' }]);
 * faults.set({ rules: [{ latency_ms: 100 }, { route: 'getOu', error_rate: 0.5 }] });
 * faults.decide('getOu', '/api/v1/tenants/acme/ous/x'); // { delayMs: 100, errorStatus: 503 } about half the time
 */
export function createFaults(defaultSeed: number, routes: readonly FaultRoute[]): Faults {
  let active: ActiveRule[] = [];
  return {
    set(input) {
      const { rules, loc } = rulesOf(input);
      // All checked first: a refused configuration leaves the one in force untouched.
      const next = rules.map((rule, i) => ({ rule: { ...rule }, selects: routeSelector(rule.route, routes, loc(i)), random: prng(rule.seed ?? defaultSeed) }));
      active = next;
    },
    get: () => (active.length === 0 ? null : { rules: active.map((a) => ({ ...a.rule })) }),
    clear() {
      active = [];
    },
    decide(operationId, pathname) {
      let decision: FaultDecision | undefined;
      for (const { rule, selects, random } of active) {
        if (!selects(operationId, pathname)) continue;
        const jitter = rule.jitter_ms ? random() * rule.jitter_ms : 0;
        const delayMs = (decision?.delayMs ?? 0) + (rule.latency_ms ?? 0) + jitter;
        const fails = decision?.errorStatus === undefined && (rule.error_rate ?? 0) > 0 && random() < (rule.error_rate ?? 0);
        const errorStatus = fails ? (rule.error_status ?? 503) : decision?.errorStatus;
        decision = errorStatus === undefined ? { delayMs } : { delayMs, errorStatus };
      }
      return decision;
    },
  };
}
