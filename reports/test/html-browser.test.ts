import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../html.ts';
import { ruleCatalogue } from '../../suites/rules.ts';
import { sampleReport } from './sample-report.ts';

const run = promisify(execFile);
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';
/** A cold chromium start on a busy 2-core CI machine can take a while. */
const BROWSER_TIMEOUT_MS = 90_000;

/** Debian's package installs `chromium`; elsewhere it may be `chromium-browser`, or any binary named in $CHROMIUM. */
function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser'];
  return candidates.find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Headless, offline, throw-away profile: the page must render from the file alone. */
function chromiumArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
  ];
}

describe('report.html in a headless browser (Debian chromium)', () => {
  const chromium = findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'ou-html-browser-'));
  const page = join(dir, 'report.html');
  writeFileSync(page, renderHtml(sampleReport({ failing: ['OU-L2', 'OU-A3'], skipped: ['OU-A2'], unchecked: ['OU-E5', 'OU-D6'] })));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const needChromium = (skip: (note: string) => never): string => {
    if (chromium) return chromium;
    if (process.env.CI === 'true') throw new Error(`chromium is not installed; CI must install it: ${INSTALL}`);
    return skip(`chromium is not installed (${INSTALL})`);
  };

  it('renders every rule of the behaviour document, and no <script> survives parsing', async ({ skip }) => {
    const bin = needChromium(skip);
    const { stdout } = await run(bin, [...chromiumArgs(join(dir, 'profile-dom')), '--dump-dom', pathToFileURL(page).href], { timeout: BROWSER_TIMEOUT_MS - 10_000, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain('<h1>OU API conformance report</h1>');
    const rows = [...stdout.matchAll(/<tr id="(OU-[A-Z]\d+|HARDENING)">/g)].map((m) => m[1]);
    expect(rows).toEqual(ruleCatalogue().map((r) => r.id));
    expect(stdout).not.toMatch(/<script/i);
    expect(stdout).toContain('&lt;script&gt;');
    const e5 = stdout.slice(stdout.indexOf('<tr id="OU-E5">'));
    expect(e5.slice(0, e5.indexOf('</tr>'))).toContain('not checked');
  }, BROWSER_TIMEOUT_MS);

  it('takes a full-width screenshot of the page', async ({ skip }) => {
    const bin = needChromium(skip);
    const shot = join(dir, 'report.png');
    await run(bin, [...chromiumArgs(join(dir, 'profile-shot')), '--hide-scrollbars', '--window-size=1280,2000', `--screenshot=${shot}`, pathToFileURL(page).href], { timeout: BROWSER_TIMEOUT_MS - 10_000 });
    const png = readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height as big-endian integers at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 2000]);
    // A blank page compresses to a few kB; the rendered report is far larger.
    expect(png.length).toBeGreaterThan(50_000);
  }, BROWSER_TIMEOUT_MS);
});
