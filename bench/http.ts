/**
 * `npm run bench`: autocannon against our stateful mock and against Prism's stateless mock of
 * the same contract, one after the other on the same machine, and the ratio between them.
 * Both servers run in their own child process; the load generator runs here. Besides req/s and
 * latency, each server's CPU time per request is read from /proc: unlike req/s it does not
 * depend on what else the (shared) machine is doing.
 *
 * Env: BENCH_DURATION (seconds per scenario, default 5), BENCH_CONNECTIONS (default 50),
 * BENCH_WARMUP (seconds of warm-up per scenario, default 1), BENCH_OUT (default reports/bench.json).
 */
import { prismInstall } from '../mock/prism-process.ts';
import { startPrismMock } from '../mock/prism-engine.ts';
import { runLoad, type LoadOptions, type LoadResult, type Scenario } from './load.ts';
import { startMockChild } from './mock-child.ts';
import { loadNow, machineInfo, markdownTable, ms, targetTable, writeReport, type TargetCheck } from './report.ts';

const durationS = positive('BENCH_DURATION', 5);
const connections = positive('BENCH_CONNECTIONS', 50);
const warmupS = positive('BENCH_WARMUP', 1, true);
const out = process.env.BENCH_OUT ?? 'reports/bench.json';
const TENANT = 'acme';

function positive(name: string, fallback: number, zeroOk = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

function scenarios(ouId: string, tag: string): Scenario[] {
  let n = 0;
  const base = `/api/v1/tenants/${TENANT}/ous`;
  return [
    { name: 'GET list (per_page=20)', method: 'GET', path: `${base}?per_page=20` },
    { name: 'GET by id', method: 'GET', path: `${base}/${ouId}` },
    { name: 'GET tree (small tenant)', method: 'GET', path: `${base}/tree` },
    { name: 'POST create', method: 'POST', path: base, body: () => JSON.stringify({ name: `bench-${tag}-${n++}` }) },
  ];
}

async function measure(label: string, url: string, list: Scenario[], opts: LoadOptions): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const s of list) {
    if (warmupS > 0) await runLoad(url, s, { ...opts, durationS: warmupS });
    const r = await runLoad(url, s, opts);
    const cpu = r.cpuUsPerRequest === undefined ? '' : `  server CPU ${r.cpuUsPerRequest} µs/req`;
    process.stderr.write(`${label.padEnd(6)} ${s.name.padEnd(24)} ${String(r.rps).padStart(9)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  non-2xx ${r.non2xx}${cpu}\n`);
    results.push(r);
  }
  return results;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  // The Prism that startPrismMock runs: $OU_PRISM_PREFIX's when set.
  const prismVersion = prismInstall().version;
  process.stderr.write(`bench: ${connections} connections, ${durationS} s per scenario (+${warmupS} s warm-up), ${machine.cores} cores, load ${machine.loadavg_1m_at_start}\n`);

  const ours = await startMockChild('small');
  let oursResults: LoadResult[];
  try {
    const list = scenarios(ours.ready.ouId, `ours-${Date.now()}`);
    oursResults = await measure('ours', ours.ready.url, list, { connections, durationS, token: ours.ready.token, serverPid: ours.pid });
  } finally {
    await ours.close();
  }

  const prism = await startPrismMock({ port: 0, host: '127.0.0.1' });
  let prismResults: LoadResult[];
  try {
    // Prism checks only that a bearer token is present; it is stateless, so any id and name do.
    prismResults = await measure('prism', prism.url, scenarios(ours.ready.ouId, 'prism'), { connections, durationS, token: 'bench-token', serverPid: prism.pid });
  } finally {
    await prism.close();
  }

  const names = scenarios('', '').map((s) => s.name);
  const rows = names.map((name, i) => {
    const o = oursResults[i] as LoadResult;
    const p = prismResults[i] as LoadResult;
    const cpuRatio = o.cpuUsPerRequest && p.cpuUsPerRequest ? Math.round((p.cpuUsPerRequest / o.cpuUsPerRequest) * 10) / 10 : undefined;
    return { scenario: name, ours: o, prism: p, ratio_rps: Math.round((o.rps / p.rps) * 10) / 10, ...(cpuRatio === undefined ? {} : { ratio_cpu_per_request: cpuRatio }) };
  });

  const checks: TargetCheck[] = [];
  for (const row of rows.slice(0, 2)) {
    checks.push({ target: `${row.scenario}: ours >= 10x Prism req/s`, measured: `${row.ratio_rps}x`, pass: row.ratio_rps >= 10 });
  }
  for (const row of rows) {
    checks.push({ target: `${row.scenario}: ours p99 < 20 ms at ${connections} connections`, measured: ms(row.ours.p99), pass: row.ours.p99 < 20 });
  }
  for (const row of rows) {
    const bad = row.ours.non2xx + row.ours.errors;
    checks.push({ target: `${row.scenario}: ours answers only 2xx`, measured: `${bad} non-2xx/errors of ${row.ours.requests}`, pass: bad === 0 });
  }

  const file = writeReport(out, {
    measured_at: new Date().toISOString(),
    machine: { ...machine, loadavg_1m_at_end: loadNow() },
    prism_version: prismVersion,
    connections,
    duration_s: durationS,
    warmup_s: warmupS,
    ours: { engine: 'stateful mock, preset small (seed 42), auth on (HS256 bearer token)', tenant: TENANT },
    results: rows,
    targets: checks,
  });

  const cpu = (r: LoadResult): string => (r.cpuUsPerRequest === undefined ? 'n/a' : `${r.cpuUsPerRequest} µs`);
  const table = markdownTable(
    ['endpoint', 'ours req/s', 'ours p50', 'ours p99', 'ours CPU/req', `Prism ${prismVersion} req/s`, 'Prism p50', 'Prism p99', 'Prism CPU/req', 'ours/Prism req/s', 'Prism/ours CPU/req'],
    rows.map((r) => [
      r.scenario,
      r.ours.rps,
      ms(r.ours.p50),
      ms(r.ours.p99),
      cpu(r.ours),
      r.prism.rps,
      ms(r.prism.p50),
      ms(r.prism.p99),
      cpu(r.prism),
      `${r.ratio_rps}x`,
      r.ratio_cpu_per_request === undefined ? 'n/a' : `${r.ratio_cpu_per_request}x`,
    ]),
  );
  process.stdout.write(
    `\n${table}\n\n${targetTable(checks)}\n\n${machine.cores} cores (${machine.cpu}), 1-min load ${machine.loadavg_1m_at_start} at start, ${loadNow()} at end\nwritten: ${file}\n`,
  );
}

await main();
