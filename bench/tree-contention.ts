/**
 * Does one big answer stall everyone? (`npx tsx bench/tree-contention.ts`) Seeds the `large` preset
 * (100,000 OUs) in a child process, then times GET-by-id one request at a time: idle, and while 20
 * clients keep reading the whole tree (about 19 MiB of JSON each). Issue 14 measured a 4.9 s median
 * under that load before the tree was streamed (0.85 ms idle).
 * `BENCH_SAMPLES` (default 200) sets the GET-by-id samples per phase.
 */
import { Agent, request } from 'node:http';
import { startMockChild } from './mock-child.ts';
import { loadNow, markdownTable, ms } from './report.ts';
import { percentile, timedClient } from './timed-request.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const READERS = 20;

/** Reads the tree again and again until stopped; counts whole answers and bytes. */
function treeReader(url: string, token: string, path: string): { stop: () => Promise<{ reads: number; bytes: number }> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(url);
  let running = true;
  let reads = 0;
  let bytes = 0;
  const once = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request({ hostname: base.hostname, port: base.port, path, headers: { authorization: `Bearer ${token}` }, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`tree answered ${res.statusCode}`));
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => {
          reads++;
          resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const loop = (async () => {
    while (running) await once();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return { reads, bytes };
    },
  };
}

async function sampleById(url: string, token: string, path: string): Promise<number[]> {
  const client = timedClient(url, token);
  const times: number[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const r = await client.send('GET', path);
      if (r.status !== 200) throw new Error(`GET by id answered ${r.status}`);
      times.push(r.ms);
    }
  } finally {
    client.close();
  }
  return times;
}

const loadAtStart = loadNow();
const child = await startMockChild('large');
try {
  const { url, token, tenant, ouId } = child.ready;
  const byId = `/api/v1/tenants/${tenant}/ous/${ouId}`;
  const tree = `/api/v1/tenants/${tenant}/ous/tree`;
  await sampleById(url, token, byId); // warm-up
  const idle = await sampleById(url, token, byId);
  const readers = Array.from({ length: READERS }, () => treeReader(url, token, tree));
  // Let every reader get its first answer under way.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const loaded = await sampleById(url, token, byId);
  const totals = await Promise.all(readers.map((r) => r.stop()));
  const reads = totals.reduce((n, t) => n + t.reads, 0);
  const mib = totals.reduce((n, t) => n + t.bytes, 0) / 1024 / 1024;
  console.log(
    markdownTable(
      ['GET by id (large preset)', 'p50', 'p99', 'max', 'samples'],
      [
        ['idle', ms(percentile(idle, 50)), ms(percentile(idle, 99)), ms(Math.max(...idle)), idle.length],
        [`while ${READERS} clients read the tree`, ms(percentile(loaded, 50)), ms(percentile(loaded, 99)), ms(Math.max(...loaded)), loaded.length],
      ],
    ),
  );
  console.log(`\ntree readers: ${reads} whole trees read (${mib.toFixed(0)} MiB) during the loaded phase`);
  console.log(`1-minute load: ${loadAtStart.toFixed(2)} at start, ${loadNow().toFixed(2)} at end (2 cores)`);
} finally {
  await child.close();
}
