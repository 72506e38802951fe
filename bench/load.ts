import autocannon from 'autocannon';
import { processCpuMs } from './process-cpu.ts';

/** One endpoint under load. */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** For POST: a fresh body per request (our mock would answer 409 to a repeated name). */
  body?: () => string;
}

/** What one autocannon run measured. */
export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses per status code, to show a fast figure is not a fast error. */
  statuses: Record<string, number>;
  /** Server CPU time per request, microseconds (undefined without /proc). */
  cpuUsPerRequest?: number;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  token: string;
  /** The server's process id, to measure its CPU time per request. */
  serverPid?: number;
}

/**
 * Runs autocannon against `baseUrl` for one scenario. Bodies come from `setupRequest`, so each
 * request of a POST scenario carries its own counter-based name.
 */
export async function runLoad(baseUrl: string, scenario: Scenario, opts: LoadOptions): Promise<LoadResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}`, accept: 'application/json' };
  if (scenario.body) headers['content-type'] = 'application/json';
  const makeBody = scenario.body;
  const cpuBefore = opts.serverPid === undefined ? undefined : processCpuMs(opts.serverPid);
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.durationS,
    requests: [
      {
        method: scenario.method,
        path: scenario.path,
        headers,
        ...(makeBody ? { setupRequest: (req) => ({ ...req, body: makeBody() }) } : {}),
      },
    ],
  });
  const cpuAfter = opts.serverPid === undefined ? undefined : processCpuMs(opts.serverPid);
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    ...(cpuMs === undefined || result.requests.total === 0 ? {} : { cpuUsPerRequest: round((cpuMs * 1000) / result.requests.total) }),
    rps: round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
