/**
 * `npm run bench:scale`: the mock at the `large` preset (100,000 OUs, 1,000,000 users in tenant
 * acme). The mock runs in a child process (its seeding time and peak RSS are its own); reads,
 * moves and deletes are timed from here through HTTP on loopback, one request at a time. The
 * 10,000-OU subtrees are built inside the large tenant through the core, then moved or deleted
 * through HTTP, three times each (median and worst reported). Ends with a full `verify`
 * (runSuite) against a fresh small mock.
 *
 * Env: BENCH_SAMPLES (reads per figure, default 200), BENCH_OUT (default reports/bench-scale.json),
 * BENCH_NODE_ARGS (extra node flags for the mock child, e.g. --cpu-prof).
 */
import { startMockChild, type MockChild } from './mock-child.ts';
import { loadNow, machineInfo, markdownTable, ms, targetTable, writeReport, type TargetCheck } from './report.ts';
import type { Probe } from './serve-mock.ts';
import type { BuiltSubtree } from './subtree.ts';
import { percentile, timedClient, type TimedClient } from './timed-request.ts';
import { timeVerify } from './verify-run.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const out = process.env.BENCH_OUT ?? 'reports/bench-scale.json';
const SUBTREE = 10_000;
const USERS_PER_OU = 10;
const REPEATS = 3;
const GIB = 2 ** 30;

interface Figure {
  name: string;
  via: 'HTTP' | 'core' | 'child process';
  value: number;
  unit: 'ms' | 'MiB' | 's';
  detail: string;
  target?: { text: string; pass: boolean };
}

interface ListPage<T> {
  data: T[];
  pagination: { total_items: number; total_pages: number };
}

async function sampleGet(client: TimedClient, paths: (i: number) => string, n: number): Promise<{ p50: number; p99: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await client.send('GET', paths(i));
    if (r.status !== 200) throw new Error(`GET ${paths(i)} answered ${r.status}: ${r.body.toString('utf8').slice(0, 200)}`);
    times.push(r.ms);
    bytes = r.body.length;
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

/** One timed request with what the mock process did meanwhile (CPU and GC), to explain a slow one. */
interface OpTiming {
  ms: number;
  cpuMs: number;
  gcMs: number;
}

async function timedOp(mock: MockChild, op: () => Promise<number>): Promise<OpTiming> {
  const before = await mock.call<Probe>({ cmd: 'probe' });
  const ms = await op();
  const after = await mock.call<Probe>({ cmd: 'probe' });
  return { ms, cpuMs: after.cpuMs - before.cpuMs, gcMs: after.gcMs - before.gcMs };
}

/** Median and worst of a few timings: one sample on a shared machine can be a GC pause or a preemption. */
function spread(values: readonly OpTiming[]): { median: number; worst: OpTiming } {
  const sorted = [...values].sort((a, b) => a.ms - b.ms);
  return { median: percentile(values.map((v) => v.ms), 50), worst: sorted[sorted.length - 1] as OpTiming };
}

async function subtreeOps(mock: MockChild, client: TimedClient, base: string, figures: Figure[]): Promise<void> {
  const [first, second] = mock.ready.topLevel;
  if (first === undefined || second === undefined) throw new Error('the large preset has fewer than two top-level OUs');
  const build = (name: string, parentId: string | null): Promise<BuiltSubtree> =>
    mock.call<BuiltSubtree>({ cmd: 'subtree', spec: { name, size: SUBTREE, branching: 10, usersPerOu: USERS_PER_OU, parentId } });
  const parentPath = (await client.json<{ data: { path: string } }>('GET', `${base}/${first.id}`, 200)).data.data.path;
  const times = { move: [] as OpTiming[], cascade: [] as OpTiming[], moveUp: [] as OpTiming[] };
  let built: BuiltSubtree | undefined;
  const deleted = async (id: string, strategy: string): Promise<number> => {
    const r = await client.send('DELETE', `${base}/${id}?strategy=${strategy}`);
    if (r.status !== 204) throw new Error(`${strategy} answered ${r.status}: ${r.body.toString('utf8')}`);
    return r.ms;
  };

  for (let rep = 0; rep < REPEATS; rep++) {
    const tag = `${Date.now().toString(36)}-${rep}`;
    // Move: a 10k-OU subtree from the top level under a top-level OU; every path in it changes.
    const moved = await build(`bench-move-${tag}`, null);
    built = moved;
    times.move.push(await timedOp(mock, async () => (await client.json('PATCH', `${base}/${moved.rootId}`, 200, { parent_id: first.id })).ms));
    const leaf = await client.json<{ data: { path: string } }>('GET', `${base}/${moved.leafId}`, 200);
    if (!leaf.data.data.path.startsWith(`${parentPath}/bench-move-${tag}/`)) throw new Error(`after the move a leaf has path ${leaf.data.data.path}`);

    // CASCADE of the same subtree: its 10k OUs go, its 100k users move to the parent.
    times.cascade.push(await timedOp(mock, () => deleted(moved.rootId, 'CASCADE')));
    await client.json('GET', `${base}/${moved.leafId}`, 404);

    // MOVE_UP: the root's 10 child subtrees (9,999 OUs, paths rewritten) and its users move to the parent.
    const up = await build(`bench-up-${tag}`, second.id);
    times.moveUp.push(await timedOp(mock, () => deleted(up.rootId, 'MOVE_UP')));
    const lifted = await client.json<{ data: { path: string } }>('GET', `${base}/${up.leafId}`, 200);
    if (lifted.data.data.path.includes(`/bench-up-${tag}/`)) throw new Error(`after MOVE_UP a leaf still has path ${lifted.data.data.path}`);
  }

  const shape = `${built?.ous ?? SUBTREE} OUs (branching 10, depth 4), ${built?.users ?? 0} users; built through the core`;
  const add = (name: string, values: OpTiming[]): void => {
    const { median, worst } = spread(values);
    const why = `worst ${ms(worst.ms)} (mock CPU ${ms(worst.cpuMs)}, GC ${ms(worst.gcMs)})`;
    figures.push({ name, via: 'HTTP', value: median, unit: 'ms', detail: `median of ${values.length}, ${why}; ${shape}`, target: { text: '< 200 ms', pass: median < 200 } });
  };
  add('move a 10,000-OU subtree (PATCH parent_id)', times.move);
  add('delete CASCADE, 10,000-OU subtree', times.cascade);
  add('delete MOVE_UP, 10,000-OU subtree', times.moveUp);

  // The first list page after these writes pays for the lazily rebuilt sorted index.
  const cold = await client.send('GET', `${base}?per_page=20`);
  figures.push({ name: 'list page, first after a write (index rebuild)', via: 'HTTP', value: cold.ms, unit: 'ms', detail: 'one request' });
}

async function main(): Promise<void> {
  const machine = machineInfo();
  process.stderr.write(`bench:scale: seeding the large preset in a child process (load ${machine.loadavg_1m_at_start}) ...\n`);
  const figures: Figure[] = [];
  const mock = await startMockChild('large', 300_000);
  const { ready } = mock;
  const client = timedClient(ready.url, ready.token);
  const base = `/api/v1/tenants/${ready.tenant}/ous`;
  try {
    figures.push({
      name: 'seed the large preset',
      via: 'child process',
      value: ready.seedMs / 1000,
      unit: 's',
      detail: `${ready.counts.ous} OUs, ${ready.counts.users} users; startMockServer({preset: 'large'}) to listening; mock CPU ${(ready.seedCpuMs / 1000).toFixed(2)} s`,
      target: { text: '< 10 s', pass: ready.seedMs < 10_000 },
    });
    figures.push({
      name: 'peak RSS after seeding',
      via: 'child process',
      value: ready.maxRssBytes / 2 ** 20,
      unit: 'MiB',
      detail: 'process.resourceUsage().maxRSS of the mock process',
      target: { text: '< 1.5 GiB (1536 MiB)', pass: ready.maxRssBytes < 1.5 * GIB },
    });

    const first = await client.json<ListPage<{ name: string }>>('GET', `${base}?per_page=20`, 200);
    const pages = first.data.pagination.total_pages;
    process.stderr.write(`bench:scale: ${first.data.pagination.total_items} OUs listed, first page ${ms(first.ms)}; sampling ${samples} reads per figure\n`);

    // Pages spread over the whole list (a fixed stride), so no page is served from a warm cache only.
    const list = await sampleGet(client, (i) => `${base}?per_page=20&page=${1 + ((i * 7919) % pages)}`, samples);
    figures.push({ name: 'list page (per_page=20)', via: 'HTTP', value: list.p50, unit: 'ms', detail: `p50 of ${samples} pages; p99 ${ms(list.p99)}`, target: { text: '< 5 ms', pass: list.p50 < 5 } });

    const probe = await client.json<ListPage<{ name: string }>>('GET', `${base}?per_page=1&page=${Math.ceil(first.data.pagination.total_items / 2)}`, 200);
    const term = (probe.data.data[0]?.name ?? 'team').split(' ').pop()?.toLowerCase() ?? 'team';
    const hits = await client.json<ListPage<unknown>>('GET', `${base}?per_page=20&search=${encodeURIComponent(term)}`, 200);
    const search = await sampleGet(client, () => `${base}?per_page=20&search=${encodeURIComponent(term)}`, Math.max(20, samples / 4));
    figures.push({ name: `search "${term}" (per_page=20)`, via: 'HTTP', value: search.p50, unit: 'ms', detail: `${hits.data.pagination.total_items} matches; p99 ${ms(search.p99)}` });

    const tree = await sampleGet(client, () => `${base}/tree`, 5);
    figures.push({ name: 'tree (whole tenant)', via: 'HTTP', value: tree.p50, unit: 'ms', detail: `p50 of 5; ${(tree.bytes / 2 ** 20).toFixed(1)} MiB of JSON` });

    const top = ready.topLevel[0];
    if (top === undefined) throw new Error('no top-level OU');
    const nestedPath = `${base}/${top.id}/users?include_nested=true&per_page=20`;
    let nestedTotal = 0;
    const nested = await timedOp(mock, async () => {
      const r = await client.json<ListPage<unknown>>('GET', nestedPath, 200);
      nestedTotal = r.data.pagination.total_items;
      return r.ms;
    });
    const users = await sampleGet(client, (i) => `${nestedPath}&page=${1 + i}`, Math.max(20, samples / 4));
    const subtree = `${top.ous} OUs, ${nestedTotal} users in the subtree`;
    figures.push({
      name: 'users of a top-level OU, include_nested, first call after seeding',
      via: 'HTTP',
      value: nested.ms,
      unit: 'ms',
      detail: `${subtree}; page 1 (mock CPU ${ms(nested.cpuMs)}, GC ${ms(nested.gcMs)})`,
    });
    figures.push({ name: 'users of a top-level OU, include_nested, next pages', via: 'HTTP', value: users.p50, unit: 'ms', detail: `p50 of pages 1..${Math.max(20, samples / 4)}; p99 ${ms(users.p99)}` });

    await subtreeOps(mock, client, base, figures);
    const usage = await mock.call<{ maxRssBytes: number }>({ cmd: 'usage' });
    figures.push({ name: 'peak RSS at the end of the run', via: 'child process', value: usage.maxRssBytes / 2 ** 20, unit: 'MiB', detail: 'after the reads, subtree builds, moves and deletes' });
  } finally {
    client.close();
    await mock.close();
  }

  process.stderr.write('bench:scale: full verify against a fresh small mock ...\n');
  const verify = await timeVerify();
  figures.push({
    name: 'full verify (runSuite) against the mock',
    via: 'HTTP',
    value: (verify.ms ?? Number.NaN) / 1000,
    unit: 's',
    detail: verify.detail,
    target: { text: '< 30 s', pass: verify.ms !== undefined && verify.ms < 30_000 },
  });

  const shown = (f: Figure): string =>
    Number.isNaN(f.value) ? 'did not finish' : f.unit === 'ms' ? ms(f.value) : `${f.value.toFixed(f.unit === 's' ? 2 : 0)} ${f.unit}`;
  const checks: TargetCheck[] = figures.filter((f) => f.target).map((f) => ({ target: `${f.name} ${f.target?.text ?? ''}`, measured: shown(f), pass: f.target?.pass ?? false }));
  const file = writeReport(out, { measured_at: new Date().toISOString(), machine: { ...machine, loadavg_1m_at_end: loadNow() }, samples, figures, targets: checks });
  const table = markdownTable(
    ['figure', 'via', 'measured', 'target', 'result', 'detail'],
    figures.map((f) => [f.name, f.via, shown(f), f.target?.text ?? '—', f.target ? (f.target.pass ? 'PASS' : 'MISS') : '—', f.detail]),
  );
  process.stdout.write(
    `\n${table}\n\n${targetTable(checks)}\n\n${machine.cores} cores (${machine.cpu}), 1-min load ${machine.loadavg_1m_at_start} at start, ${loadNow()} at end\nwritten: ${file}\n`,
  );
}

await main();
