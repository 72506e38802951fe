import { Agent, request } from 'node:http';

/** One request, timed from sending to the last byte of the body. */
export interface Timed {
  ms: number;
  status: number;
  body: Buffer;
}

/** Sequential keep-alive client for latency figures (one request at a time, on loopback). */
export interface TimedClient {
  send(method: string, path: string, body?: unknown): Promise<Timed>;
  /** Sends and parses the JSON body; throws when the status is not `expect`. */
  json<T>(method: string, path: string, expect: number, body?: unknown): Promise<{ ms: number; data: T }>;
  close(): void;
}

export function timedClient(baseUrl: string, token: string): TimedClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(baseUrl);
  const send = (method: string, path: string, body?: unknown): Promise<Timed> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      const started = performance.now();
      const req = request({ hostname: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return {
    send,
    async json<T>(method: string, path: string, expect: number, body?: unknown) {
      const r = await send(method, path, body);
      if (r.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
      return { ms: r.ms, data: (r.body.length > 0 ? JSON.parse(r.body.toString('utf8')) : undefined) as T };
    },
    close: () => agent.destroy(),
  };
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
