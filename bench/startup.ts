/**
 * `npm run bench:startup`: how long the everyday commands take, each next to its peer in
 * the same run: `npm start` until the mock answers vs `prism mock` until it answers, and
 * `ou-contract lint` vs the plain Spectral CLI with the same ruleset; and `--help` /
 * `--version` of the compiled CLI a user installs (dist/, built first). Medians of
 * BENCH_RUNS (default 3) runs. Targets: lint of our contract under 3 s (the time the
 * lint command prints); `npm start` serving within 5 s; `--help` and `--version` under 0.5 s.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { percentile } from './timed-request.ts';
import { loadNow, machineInfo, markdownTable, ms, targetTable, writeReport, type TargetCheck } from './report.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = (name: string): string => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SERVE_LIMIT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `command` in its own process group and times it until `url` answers anything over HTTP. */
async function timeUntilServing(command: string, args: readonly string[], url: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    while (performance.now() - started < SERVE_LIMIT_MS) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode} before serving`);
      const res = await fetch(url).catch(() => undefined);
      if (res) {
        await res.arrayBuffer();
        return performance.now() - started;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${command} ${args.join(' ')} did not serve ${url} within ${SERVE_LIMIT_MS} ms`);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/** Runs a command to its end; returns its wall time and standard output. */
async function timeToEnd(command: string, args: readonly string[]): Promise<{ wallMs: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Both linters exit 1 when they find errors; anything else means the figure is meaningless.
  if (code !== 0 && code !== 1) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return { wallMs: performance.now() - started, stdout };
}

async function repeat(run: () => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await run());
  return samples;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const ousPath = '/api/v1/tenants/acme/ous';

  // The published CLI is dist/cli/main.js (package.json `bin`): time that, freshly built.
  await timeToEnd('npm', ['run', 'build', '--silent']);
  const help = await repeat(async () => (await timeToEnd(process.execPath, ['dist/cli/main.js', '--help'])).wallMs);
  const version = await repeat(async () => (await timeToEnd(process.execPath, ['dist/cli/main.js', '--version'])).wallMs);
  // The floor on this machine at this load: a node process that does nothing.
  const bareNode = await repeat(async () => (await timeToEnd(process.execPath, ['-e', '0'])).wallMs);

  const oursStart = await repeat(async () => {
    const port = await freePort();
    return timeUntilServing('npm', ['start', '--', '--port', String(port)], `http://127.0.0.1:${port}${ousPath}`);
  });
  const prismStart = await repeat(async () => {
    const port = await freePort();
    return timeUntilServing(BIN('prism'), ['mock', '-h', '127.0.0.1', '-p', String(port), 'contracts/ou-api.yaml'], `http://127.0.0.1:${port}${ousPath}`);
  });

  const printed: number[] = [];
  const oursLint = await repeat(async () => {
    const { wallMs, stdout } = await timeToEnd(process.execPath, ['bin/ou-contract.js', 'lint']);
    const summary = /in (\d+\.\d+)s$/m.exec(stdout);
    if (!summary) throw new Error(`ou-contract lint printed no duration:\n${stdout}`);
    printed.push(Number(summary[1]) * 1000);
    return wallMs;
  });
  const spectralLint = await repeat(
    async () => (await timeToEnd(BIN('spectral'), ['lint', 'contracts/ou-api.yaml', '--ruleset', 'contracts/.spectral.mjs', '-q'])).wallMs,
  );

  const median = (xs: readonly number[]): number => percentile(xs, 50);
  const rows = [
    ['`npm start` until the mock answers (small preset)', ms(median(oursStart)), '`prism mock` until it answers', ms(median(prismStart)), `${(median(prismStart) / median(oursStart)).toFixed(2)}x`],
    ['`ou-contract lint` (process)', ms(median(oursLint)), 'Spectral CLI, same ruleset (process)', ms(median(spectralLint)), `${(median(spectralLint) / median(oursLint)).toFixed(2)}x`],
    ['`ou-contract lint`, time it prints', ms(median(printed)), '', '', ''],
    ['`ou-contract --help` (compiled, process)', ms(median(help)), '', '', ''],
    ['`ou-contract --version` (compiled, process)', ms(median(version)), '`node -e 0` (process)', ms(median(bareNode)), ''],
  ];
  const targets: TargetCheck[] = [
    { target: 'lint of the contract < 3 s (printed time)', measured: ms(median(printed)), pass: median(printed) < 3_000 },
    { target: '`npm start` serves the seeded mock < 5 s', measured: ms(median(oursStart)), pass: median(oursStart) < 5_000 },
    { target: '`ou-contract --help` < 0.5 s', measured: ms(median(help)), pass: median(help) < 500 },
    { target: '`ou-contract --version` < 0.5 s', measured: ms(median(version)), pass: median(version) < 500 },
  ];

  console.log(`\nmedians of ${RUNS} runs\n`);
  console.log(markdownTable(['ours', 'time', 'peer', 'time', 'peer / ours'], rows));
  console.log(`\n${targetTable(targets)}\n`);
  console.log(`${machine.cores} cores (${machine.cpu}), 1-min load ${machine.loadavg_1m_at_start} at start, ${loadNow()} at end`);
  const file = writeReport(process.env.BENCH_OUT ?? 'reports/bench-startup.json', {
    machine,
    runs: RUNS,
    samples_ms: { help_process: help, version_process: version, bare_node_process: bareNode, npm_start: oursStart, prism_mock_start: prismStart, ou_lint_process: oursLint, ou_lint_printed: printed, spectral_lint_process: spectralLint },
    targets,
  });
  console.log(`written: ${file}`);
  if (targets.some((t) => !t.pass)) process.exitCode = 1;
}

await main();
