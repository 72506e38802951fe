/**
 * `npm run bench:admanager`: the admanager dialect at the `large` preset (100,000 OUs in tenant
 * acme). The mock runs in a child process; requests are timed from here over HTTP on loopback,
 * one at a time: a filtered, sorted list (target p50 < 20 ms), an `eq` on the name, a filter no
 * index serves, the unfiltered list, and the OU API's name search for the same text; then the
 * first list after a change (when the dialect's column table is rebuilt).
 *
 * Env: BENCH_SAMPLES (requests per figure, default 200), BENCH_OUT (default reports/bench-admanager.json).
 */
import { startMockChild } from './mock-child.ts';
import { loadNow, machineInfo, markdownTable, ms, targetTable, writeReport, type TargetCheck } from './report.ts';
import { percentile, timedClient, type TimedClient } from './timed-request.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const out = process.env.BENCH_OUT ?? 'reports/bench-admanager.json';
const AD = '/api/v2/organizational_units';
const AFTER_CHANGE = 5;

interface Figure {
  name: string;
  p50: number;
  p99: number;
  detail: string;
  target?: { text: string; pass: boolean };
}

interface AdList {
  data: Array<Record<string, string>>;
  meta: { total_no_of_objects: number };
}

function adPath(query: Record<string, string | number>): string {
  return `${AD}?${new URLSearchParams({ domains: 'acme.example.com', ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) }).toString()}`;
}

/** p50/p99 of `n` GETs (the first one included: it may build the column or order it needs). */
async function sample(client: TimedClient, path: string, n: number): Promise<{ p50: number; p99: number; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = await client.json<AdList & { pagination?: { total_items: number } }>('GET', path, 200);
    times.push(r.ms);
    total = r.data.meta?.total_no_of_objects ?? r.data.pagination?.total_items ?? 0;
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), total };
}

async function main(): Promise<void> {
  const machine = machineInfo();
  process.stderr.write(`bench:admanager: seeding the large preset in a child process (load ${machine.loadavg_1m_at_start}) ...\n`);
  const mock = await startMockChild('large', 300_000);
  const client = timedClient(mock.ready.url, mock.ready.token);
  const figures: Figure[] = [];
  try {
    const probe = await client.json<AdList>('GET', adPath({ fields: 'NAME', from: 50_000, limit: 1, sort: 'OU_NAME' }), 200);
    const name = probe.data.data[0]?.['NAME'] ?? 'Team';
    const term = name.split(' ')[0]?.slice(0, 5).toLowerCase() ?? 'team';
    process.stderr.write(`bench:admanager: ${probe.data.meta.total_no_of_objects} OUs; first list ${ms(probe.ms)} (builds the column table); terms "${term}" and "${name}"\n`);

    const filtered = adPath({ filter: `NAME co "${term}"`, sort: '-NAME', limit: 50, fields: 'NAME,DISTINGUISHED_NAME,OU_NAME,OBJECT_GUID' });
    const co = await sample(client, filtered, samples);
    figures.push({ name: `AD: filter NAME co "${term}", sort -NAME, limit 50`, ...co, detail: `${co.total} matches`, target: { text: 'p50 < 20 ms', pass: co.p50 < 20 } });

    const eq = await sample(client, adPath({ filter: `(FULL_NAME eq ${name}) and (CITY ne Nowhere)`, sort: 'OU_NAME' }), samples);
    figures.push({ name: `AD: filter (FULL_NAME eq ${name}) and (CITY ne Nowhere), sort OU_NAME`, ...eq, detail: `${eq.total} matches (name index)` });

    const scan = await sample(client, adPath({ filter: `(OU_NAME co "/${term}") or (CITY pr)`, sort: 'DISTINGUISHED_NAME', limit: 50 }), samples);
    figures.push({ name: `AD: filter (OU_NAME co "/${term}") or (CITY pr), sort DISTINGUISHED_NAME, limit 50`, ...scan, detail: `${scan.total} matches (no index: every row tested)` });

    const all = await sample(client, adPath({ sort: '-WHEN_CREATED', from: 40_001, limit: 50 }), samples);
    figures.push({ name: 'AD: no filter, sort -WHEN_CREATED, from 40001, limit 50', ...all, detail: `${all.total} objects` });

    const ou = await sample(client, `/api/v1/tenants/${mock.ready.tenant}/ous?per_page=50&search=${encodeURIComponent(term)}`, samples);
    figures.push({ name: `OU API: search "${term}", per_page 50 (the same text, path order)`, ...ou, detail: `${ou.total} matches` });

    const afterChange: number[] = [];
    for (let i = 0; i < AFTER_CHANGE; i++) {
      await client.json('PATCH', `${AD}?domain=acme.example.com&filter=${encodeURIComponent(`NAME eq "${name}"`)}&limit=1`, 200, { data: { attributes: { description: `bench ${i}` } } });
      afterChange.push((await client.json<AdList>('GET', filtered, 200)).ms);
    }
    figures.push({
      name: `AD: the filtered, sorted list just after a change`,
      p50: percentile(afterChange, 50),
      p99: Math.max(...afterChange),
      detail: `${AFTER_CHANGE} PATCHes, each followed by the list (the column table is rebuilt); p99 column = the worst`,
    });
  } finally {
    client.close();
    await mock.close();
  }
  const checks: TargetCheck[] = figures.filter((f) => f.target).map((f) => ({ target: `${f.name} ${f.target?.text ?? ''}`, measured: ms(f.p50), pass: f.target?.pass ?? false }));
  const file = writeReport(out, { measured_at: new Date().toISOString(), machine: { ...machine, loadavg_1m_at_end: loadNow() }, samples, figures, targets: checks });
  const table = markdownTable(
    ['request (HTTP, one at a time)', 'p50', 'p99', 'target', 'detail'],
    figures.map((f) => [f.name, ms(f.p50), ms(f.p99), f.target ? `${f.target.text}: ${f.target.pass ? 'PASS' : 'MISS'}` : '—', f.detail]),
  );
  process.stdout.write(`\n${table}\n\n${targetTable(checks)}\n\n${machine.cores} cores (${machine.cpu}), 1-min load ${machine.loadavg_1m_at_start} at start, ${loadNow()} at end\nwritten: ${file}\n`);
}

await main();
