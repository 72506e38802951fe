/**
 * Specmatic (npm `specmatic`, its jar on the machine's Java) runs the OU API contract's examples
 * against the mock with auth off: every named example is written for the default seeded state,
 * so every test must pass. Skipped, with the reason, where Java is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../contracts/index.ts';
import { startMockServer, type MockServer } from '../mock/index.ts';

const JAR = join(dirname(createRequire(import.meta.url).resolve('specmatic/package.json')), 'specmatic.jar');
const INSTALL = 'apt-get install -y --no-install-recommends openjdk-17-jre-headless';
/** A cold JVM start plus the run, on a busy 2-core machine. */
const RUN_TIMEOUT_MS = 240_000;

const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' });
const hasJava = javaVersion.status === 0;

function run(args: readonly string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done, reject) => {
    // A short run is mostly JVM start-up and class loading: the quick (C1) compiler and the serial
    // collector cost far less CPU there than the optimising compiler and parallel GC threads.
    const child = spawn('java', args, { cwd, env: { ...process.env, JAVA_TOOL_OPTIONS: '-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC' } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('close', (code) => done({ code, out }));
  });
}

it.runIf(!hasJava && process.env.CI === 'true')('java is installed on CI', () => {
  throw new Error(`java is missing; CI must install it: ${INSTALL}`);
});

describe.skipIf(!hasJava)(`Specmatic against the mock (skipped without java: ${INSTALL})`, () => {
  let server: MockServer;
  // Specmatic writes its reports under the working directory, and would read a specmatic.yaml there.
  const work = mkdtempSync(join(tmpdir(), 'ou-specmatic-'));

  beforeAll(async () => {
    server = await startMockServer({ port: 0, preset: 'small', seed: 42, auth: false });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'specmatic test contracts/ou-api.yaml passes every test (mock with --no-auth)',
    async () => {
      const { code, out } = await run(['-jar', JAR, 'test', CONTRACT_PATH, '--testBaseURL', server.url, '--junitReportDir', join(work, 'junit')], work);
      const summary = /Tests run: (\d+), Successes: (\d+), Failures: (\d+), WIP: \d+, Errors: (\d+)/.exec(out);
      expect(summary, out.slice(-4000)).not.toBeNull();
      const [, total, successes, failures, errors] = (summary as RegExpExecArray).map(Number);
      // One test per named example: listOus (2), createOu, getOuTree, deleteOu, getOu, updateOu, listOuUsers.
      expect(total, out.slice(-4000)).toBeGreaterThanOrEqual(8);
      expect({ successes, failures, errors }, out.slice(-6000)).toEqual({ successes: total, failures: 0, errors: 0 });
      expect(code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );
});
