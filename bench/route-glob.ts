/**
 * Worst-case fault-route matching (`npx tsx bench/route-glob.ts`): hostile globs against long paths, each
 * timed over many matches; prints the time per match. Compare: a backtracking RegExp of the first
 * glob took 28 s for one 60-character path (issue 14).
 */
import { compileRouteGlob, matchesPath } from '../mock/admin/route-glob.ts';

const TENANT = '/api/v1/tenants/acme/ous/';
// Globs within the 500-character limit of admin-api.yaml, built to make a backtracking matcher explode.
// A request reaches the matcher only after routing, so its path has the 5–7 segments of a contract route;
// the last case, thousands of segments, only shows the bound holds beyond that.
const CASES: Array<[name: string, glob: string, path: string]> = [
  ['**a x12 then b, 34 a', `${TENANT}${'**a'.repeat(12)}**b`, `${TENANT}${'a'.repeat(34)}`],
  ['**a x160 then b (500 chars), 8 KiB of a', `${TENANT}${'**a'.repeat(157)}**b`, `${TENANT}${'a'.repeat(8192)}`],
  ['*a x240 then b (500 chars), 8 KiB of a', `${TENANT}${'*a'.repeat(235)}*b`, `${TENANT}${'a'.repeat(8192)}`],
  ['/** x120 then /b, 2,000 segments', `/${'**/'.repeat(120)}b`, `/${'a/'.repeat(2000)}c`],
];

function time(glob: string, path: string): { perMatchUs: number; runs: number; matched: boolean } {
  const compiled = compileRouteGlob(glob);
  let runs = 0;
  let matched = false;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  // At least 5 runs and 200 ms, so fast cases are averaged over many matches.
  while (runs < 5 || elapsed < 200_000_000n) {
    matched = matchesPath(compiled, path);
    runs++;
    elapsed = process.hrtime.bigint() - start;
  }
  return { perMatchUs: Number(elapsed) / 1000 / runs, runs, matched };
}

console.log('| case | glob chars | path chars | per match | runs | matched |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [name, glob, path] of CASES) {
  const { perMatchUs, runs, matched } = time(glob, path);
  const shown = perMatchUs >= 1000 ? `${(perMatchUs / 1000).toFixed(2)} ms` : `${perMatchUs.toFixed(1)} µs`;
  console.log(`| ${name} | ${glob.length} | ${path.length} | ${shown} | ${runs} | ${matched} |`);
}
