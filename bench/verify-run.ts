import { runSuite } from '../suites/index.ts';
import type { TargetConfig } from '../suites/index.ts';
import { startMockChild } from './mock-child.ts';
import type { Ready } from './serve-mock.ts';

export interface VerifyTiming {
  /** Wall time of runSuite; undefined when it did not finish within the time limit. */
  ms: number | undefined;
  detail: string;
}

/**
 * Times a full `verify` (every check, level profile, users through the mock's admin routes)
 * against a fresh small mock in a child process, as `ou-contract verify` runs against
 * `ou-contract mock`. Gives up after `limitMs` (env BENCH_VERIFY_LIMIT, seconds; default 120)
 * so a hanging check cannot hang the benchmark.
 */
export async function timeVerify(limitMs = Number(process.env.BENCH_VERIFY_LIMIT ?? 120) * 1000): Promise<VerifyTiming> {
  const mock = await startMockChild('small');
  let timer: NodeJS.Timeout | undefined;
  try {
    const { ready } = mock;
    const started = performance.now();
    const run = runSuite(benchTarget(ready));
    const limit = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), limitMs);
    });
    const report = await Promise.race([run, limit]);
    if (report === undefined) return { ms: undefined, detail: `did not finish within ${limitMs / 1000} s` };
    const s = report.summary;
    return {
      ms: performance.now() - started,
      detail: `${report.checks.length} checks (${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped), ${report.requests} requests`,
    };
  } finally {
    clearTimeout(timer);
    await mock.close();
  }
}

/** The complete run against a bench mock child: every token, users through the admin routes, seed 42. */
export function benchTarget(ready: Ready): TargetConfig {
  if (ready.verify === undefined) throw new Error('the small mock gave no second tenant');
  return { baseUrl: ready.url, tenantId: ready.tenant, token: ready.token, ...ready.verify, users: 'admin-http', seed: 42 };
}
