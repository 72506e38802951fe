import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_FILE_THRESHOLD, evidenceOf } from '../../suites/evidence.ts';
import type { Exchange } from '../../suites/exchange.ts';
import { sampleExchange } from '../../suites/test/sample-exchange.ts';
import { capBody, MAX_REPORT_BODY, splitBodies } from '../bodies.ts';
import { writeReports } from '../index.ts';
import { sampleReport } from './sample-report.ts';

const HUGE = JSON.stringify({ name: 'huge', description: 'x'.repeat(1_100_000) });

function exchange(body: string, text = '{"detail":"ok"}'): Exchange {
  return sampleExchange({ requestBody: body, status: 500, headers: {}, text, body: undefined });
}

/** The argv bash would give curl, run from `cwd`: proves the quoting and the file reference. */
function argvOf(command: string, cwd: string): string[] {
  const out = execFileSync('bash', ['-c', command.replace(/^curl /, 'printf "%s\\0" ')], { cwd, env: { PATH: process.env['PATH'] ?? '', OU_TOKEN: 't' }, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** A sample report whose OU-L2 and OU-A3 failures both sent `body`. */
function reportSending(body: string): ReturnType<typeof sampleReport> {
  const report = sampleReport({ failing: ['OU-L2', 'OU-A3'] });
  const evidence = [evidenceOf(exchange(body, 'y'.repeat(50_000)), '413 or 422', [])];
  report.checks = report.checks.map((c) => (c.status === 'failed' ? { ...c, evidence } : c));
  report.results = report.results.map((r) => (r.status === 'failed' ? { ...r, evidence } : r));
  return report;
}

describe('large bodies', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('small bodies stay inline in the curl (--data-raw); large ones are read from bodies/<sha256>.bin', () => {
    const small = evidenceOf(exchange('{"name":"a"}'), '201', []);
    expect(small.body_file).toBeUndefined();
    expect(small.curl).toContain(`--data-raw '{"name":"a"}'`);
    const big = evidenceOf(exchange('z'.repeat(BODY_FILE_THRESHOLD)), '201', []);
    expect(big.body_file).toMatch(/^bodies\/[0-9a-f]{32}\.bin$/);
    expect(big.curl).toContain(`--data-binary '@${big.body_file}'`);
    expect(big.curl.length).toBeLessThan(300);
  });

  it('writes each large body once beside the reports, and the curl sends it byte for byte from the report folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ou-bodies-'));
    dirs.push(dir);
    const paths = writeReports(reportSending(HUGE), dir);
    expect(readdirSync(join(dir, 'bodies'))).toHaveLength(1);
    expect(paths.bodies).toHaveLength(1);
    expect(readFileSync(paths.bodies[0] as string, 'utf8')).toBe(HUGE);
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as { checks: { evidence?: { curl: string; body_file?: string }[] }[] };
    const evidence = json.checks.flatMap((c) => c.evidence ?? []).find((e) => e.body_file !== undefined);
    const argv = argvOf(evidence?.curl ?? '', dir);
    const data = argv[argv.indexOf('--data-binary') + 1] as string;
    expect(data).toBe(`@${evidence?.body_file}`);
    expect(readFileSync(join(dir, data.slice(1)), 'utf8')).toBe(HUGE);
  });

  it('keeps report.json, junit.xml and report.html small: every body cut to 4 KiB with its size noted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ou-bodies-'));
    dirs.push(dir);
    const paths = writeReports(reportSending(HUGE), dir);
    for (const file of [paths.json, paths.junit, paths.html]) expect(statSync(file).size).toBeLessThan(200_000);
    const text = readFileSync(paths.json, 'utf8');
    expect(text).toContain(`[cut: ${Buffer.byteLength(HUGE).toLocaleString('en')} bytes in all; the whole body is in bodies/`);
    expect(text).toContain('[cut: 50,000 bytes in all]');
  });

  it('leaves short bodies as they are and cuts long JSON values to text', () => {
    expect(capBody({ a: 1 })).toEqual({ a: 1 });
    const cut = capBody({ a: 'b'.repeat(MAX_REPORT_BODY) }) as string;
    expect(cut.startsWith('{"a":"bbb')).toBe(true);
    expect(cut.length).toBeLessThan(MAX_REPORT_BODY + 100);
    const report = reportSending(HUGE);
    expect(splitBodies(report).files.size).toBe(1);
  });
});
