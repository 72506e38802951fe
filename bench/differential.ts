/**
 * The model-based differential phase against the mock: requests, wall time and sequences of
 * the phase alone, then the wall time of a full `verify` (every check, the phase included),
 * which must stay under 30 s. Both against the small mock in a child process, as
 * `ou-contract verify` runs against `ou-contract mock`.
 *
 *   npm run bench:differential            (BENCH_DIFFERENTIAL_BUDGET to change the phase budget)
 */
import { runSuite } from '../suites/index.ts';
import { startMockChild } from './mock-child.ts';
import { benchTarget, timeVerify } from './verify-run.ts';

const VERIFY_TARGET_MS = 30_000;

async function timePhase(budget: number): Promise<void> {
  const mock = await startMockChild('small');
  try {
    const { ready } = mock;
    const started = performance.now();
    const report = await runSuite({ ...benchTarget(ready), checks: ['model.differential'], differential: { budget } });
    const ms = performance.now() - started;
    const phase = report.checks.find((c) => c.check === 'model.differential');
    const sequences = /(\d+) sequences, (\d+) steps, (\d+) requests/.exec(phase?.message ?? '');
    console.log(`phase alone (budget ${budget}): ${phase?.status ?? 'not run'}`);
    console.log(`  requests:  ${report.requests} in the run (${sequences?.[3] ?? '?'} by the phase's steps)`);
    console.log(`  wall time: ${(ms / 1000).toFixed(2)} s (${((ms / Math.max(1, report.requests)) * 1000).toFixed(0)} µs per request)`);
    console.log(`  sequences: ${sequences?.[1] ?? '?'} (${sequences?.[2] ?? '?'} steps)`);
    if (phase?.status === 'failed') console.log(`  divergence: ${phase.message.slice(0, 300)}`);
  } finally {
    await mock.close();
  }
}

const budget = Number(process.env.BENCH_DIFFERENTIAL_BUDGET ?? 2000);
await timePhase(budget);
const verify = await timeVerify();
const ok = verify.ms !== undefined && verify.ms < VERIFY_TARGET_MS;
console.log(`full verify: ${verify.ms === undefined ? 'n/a' : `${(verify.ms / 1000).toFixed(2)} s`} — ${verify.detail} (target < ${VERIFY_TARGET_MS / 1000} s: ${ok ? 'met' : 'NOT met'})`);
if (!ok) process.exitCode = 1;
