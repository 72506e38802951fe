/**
 * `npm run bench:admanager`: the admanager dialect at the `large` preset (100,000 OUs in tenant
 * acme). The mock runs in a child process; requests are timed from here over HTTP on loopback,
 * one at a time: a filtered, sorted list (target p50 < 20 ms), an `eq` on the name, a filter no
 * index serves, the unfiltered list, and the OU API's name search for the same text; then the
 * first list after a change, which brings the dialect's column table up to date: after an OU
 * created through the OU API, and after an AD bulk PATCH renaming the top-level OU with the
 * biggest subtree (every DN and canonical name below it changes).
 *
 * Env: BENCH_SAMPLES (requests per figure, default 200), BENCH_CHANGE_ROUNDS (changes per
 * after-change figure, default 30), BENCH_OUT (default reports/bench-admanager.json).
 */
import { startMockChild, type MockChild } from './mock-child.ts';
import { loadNow, machineInfo, markdownTable, ms, targetTable, writeReport, type TargetCheck } from './report.ts';
import type { Probe } from './serve-mock.ts';
import { percentile, timedClient, type TimedClient } from './timed-request.ts';

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const out = process.env.BENCH_OUT ?? 'reports/bench-admanager.json';
const AD = '/api/v2/organizational_units';
const rounds = Number(process.env.BENCH_CHANGE_ROUNDS ?? 30);
const DOMAIN_ROOT = 'DC=acme,DC=example,DC=com';

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

/** `rounds` times: one change, then the list timed (and the mock's CPU time for it, to tell work from a busy machine). */
async function afterChanges(mock: MockChild, client: TimedClient, list: string, change: (i: number) => Promise<{ ms: number }>): Promise<{ change: number[]; list: number[]; cpu: number[] }> {
  const out = { change: [] as number[], list: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    out.change.push((await change(i)).ms);
    const before = await mock.call<Probe>({ cmd: 'probe' });
    out.list.push((await client.json<AdList>('GET', list, 200)).ms);
    const after = await mock.call<Probe>({ cmd: 'probe' });
    out.cpu.push(after.cpuMs - before.cpuMs);
  }
  return out;
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

    const tenantOus = `/api/v1/tenants/${mock.ready.tenant}/ous`;
    const parentId = mock.ready.ouId;
    const created = await afterChanges(mock, client, filtered, (i) => client.json('POST', tenantOus, 201, { name: `bench created ${i}`, parent_id: parentId }));
    figures.push({
      name: 'AD: the filtered, sorted list just after an OU API create',
      p50: percentile(created.list, 50),
      p99: percentile(created.list, 99),
      detail: `${rounds} rounds of POST ${tenantOus} (p50 ${ms(percentile(created.change, 50))}) then the list; mock CPU for the list p50 ${ms(percentile(created.cpu, 50))}`,
    });

    const biggest = mock.ready.topLevel[0] ?? { id: parentId, ous: 0 };
    let topName = (await client.json<{ data: { name: string } }>('GET', `${tenantOus}/${biggest.id}`, 200)).data.data.name;
    const renamed = await afterChanges(mock, client, filtered, async (i) => {
      const next = `Bench Top ${i}`;
      const filter = `DISTINGUISHED_NAME eq ${JSON.stringify(`OU=${topName},${DOMAIN_ROOT}`)}`;
      const r = await client.json<{ data: Array<{ status: { status_code: number } }> }>('PATCH', `${AD}?domain=acme.example.com&limit=1&filter=${encodeURIComponent(filter)}`, 200, { data: { attributes: { name: next } } });
      if (r.data.data[0]?.status.status_code !== 1) throw new Error(`renaming "${topName}" failed: ${JSON.stringify(r.data)}`);
      topName = next;
      return r;
    });
    figures.push({
      name: `AD: the filtered, sorted list just after an AD PATCH renaming a top-level OU (${biggest.ous} OUs in its subtree)`,
      p50: percentile(renamed.list, 50),
      p99: percentile(renamed.list, 99),
      detail: `${rounds} rounds of the rename (PATCH p50 ${ms(percentile(renamed.change, 50))}) then the list; mock CPU for the list p50 ${ms(percentile(renamed.cpu, 50))}`,
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
