/**
 * Child-process entry of the benchmarks: runs our stateful mock in its own process (as Prism
 * runs in its own), so the load generator never shares an event loop with the server under test.
 * Talks to the parent over IPC: it sends `ready` once listening, then answers commands.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { startMockServer } from '../mock/server.ts';
import { buildSubtree, type SubtreeSpec } from './subtree.ts';

export type Command =
  | { id: number; cmd: 'subtree'; spec: SubtreeSpec }
  | { id: number; cmd: 'usage' }
  | { id: number; cmd: 'probe' }
  | { id: number; cmd: 'close' };

export interface Ready {
  type: 'ready';
  url: string;
  /** Bearer token with ous:read and ous:write for `tenant` (sent over IPC only, never printed). */
  token: string;
  tenant: string;
  /** One existing OU id, for GET by id. */
  ouId: string;
  /** Top-level OU ids with their subtree sizes, largest first. */
  topLevel: Array<{ id: string; ous: number }>;
  seedMs: number;
  /** CPU time (user + system) the mock process spent seeding: far below seedMs means the machine was busy elsewhere. */
  seedCpuMs: number;
  /** Peak resident set size after seeding, in bytes. */
  maxRssBytes: number;
  counts: { ous: number; users: number };
  /** What a full `verify` needs besides `token` (small preset only: the large one has one tenant). */
  verify?: { otherTenantId: string; otherToken: string; readonlyToken: string; expiredToken: string };
}

/** Where the mock's time went: read before and after a timed request to tell real work from a starved process. */
export interface Probe {
  /** CPU time (user + system) of the mock process so far, ms. */
  cpuMs: number;
  /** Time spent in garbage-collection pauses so far, ms, and the longest single pause. */
  gcMs: number;
  gcMaxMs: number;
}

export interface Reply {
  type: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

let gcMs = 0;
let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcMaxMs = Math.max(gcMaxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

const preset = process.argv[2] === 'large' ? 'large' : 'small';
const tenant = 'acme';

const started = performance.now();
const cpuBefore = process.cpuUsage();
const server = await startMockServer({ port: 0, host: '127.0.0.1', preset, seed: 42 });
const seedMs = performance.now() - started;
const seedCpu = process.cpuUsage(cpuBefore);
const seedCpuMs = (seedCpu.user + seedCpu.system) / 1000;
const acme = server.app.directory.tenant(tenant);
const token = await server.app.issueToken({ tenant_id: tenant, scopes: ['ous:read', 'ous:write'], expires_in: 24 * 3600 });

const maxRssBytes = process.resourceUsage().maxRSS * 1024;

// List order is by path, so a parent always comes before its children.
const rootOf = new Map<string, string>();
const sizes = new Map<string, number>();
const top: string[] = [];
for (let page = 1; ; page++) {
  const { items } = acme.queryUnits({ window: { offset: (page - 1) * 100, limit: 100 } });
  if (items.length === 0) break;
  for (const ou of items) {
    const root = ou.parentId === null ? ou.id : (rootOf.get(ou.parentId) ?? ou.id);
    if (ou.parentId === null) top.push(ou.id);
    rootOf.set(ou.id, root);
    sizes.set(root, (sizes.get(root) ?? 0) + 1);
  }
}
rootOf.clear();

const other = server.app.directory.tenantIds().find((id) => id !== tenant);
const verify: Ready['verify'] =
  other === undefined
    ? undefined
    : {
        otherTenantId: other,
        otherToken: await server.app.issueToken({ tenant_id: other, expires_in: 24 * 3600 }),
        readonlyToken: await server.app.issueToken({ tenant_id: tenant, scopes: ['ous:read'], expires_in: 24 * 3600 }),
        expiredToken: await server.app.issueToken({ tenant_id: tenant, expires_in: -60 }),
      };

const ready: Ready = {
  type: 'ready',
  url: server.url,
  token,
  tenant,
  ouId: top[0] ?? '',
  topLevel: top.map((id) => ({ id, ous: sizes.get(id) ?? 0 })).sort((a, b) => b.ous - a.ous),
  seedMs,
  seedCpuMs,
  maxRssBytes,
  counts: acme.counts(),
  ...(verify ? { verify } : {}),
};
process.send?.(ready);

process.on('message', (msg: Command) => {
  const reply = (value: unknown): void => void process.send?.({ type: 'reply', id: msg.id, ok: true, value } satisfies Reply);
  try {
    switch (msg.cmd) {
      case 'subtree':
        reply(buildSubtree(acme, msg.spec));
        break;
      case 'probe': {
        const cpu = process.cpuUsage();
        reply({ cpuMs: (cpu.user + cpu.system) / 1000, gcMs, gcMaxMs } satisfies Probe);
        gcMaxMs = 0;
        break;
      }
      case 'usage':
        reply({ maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage().rss });
        break;
      case 'close':
        void server.close().then(() => {
          reply(null);
          process.disconnect();
        });
        break;
    }
  } catch (err) {
    process.send?.({ type: 'reply', id: msg.id, ok: false, error: (err as Error).message } satisfies Reply);
  }
});
