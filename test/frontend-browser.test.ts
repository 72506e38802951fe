/**
 * The home page and the API docs page in a real browser: Playwright (playwright-core) drives
 * Debian's chromium (never a downloaded one) against the mock on a free port. The page must load
 * nothing from another origin; an OU created through the API must appear in the explorer, and
 * Swagger UI's "try it" must get an answer from the mock. Screenshots are kept with the output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../mock/index.ts';

const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = resolve(import.meta.dirname, '..', 'reports', 'out', 'frontend');
/** A cold chromium start on a busy 2-core machine can take a while. */
const BROWSER_TIMEOUT_MS = 120_000;
const UI_WAIT_MS = 30_000;

const available = spawnSync(CHROMIUM, ['--version'], { stdio: 'ignore' }).status === 0;

let server: MockServer;
let browser: Browser;

/** Every request the page makes, and every error it logs: both must stay empty of surprises. */
function watch(page: Page, origin: string): { foreign: string[]; errors: string[] } {
  const seen = { foreign: [] as string[], errors: [] as string[] };
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') seen.foreign.push(req.url());
  });
  page.on('pageerror', (err) => seen.errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  return seen;
}

// On CI a missing browser is a broken set-up, not a reason to skip (.ci/run installs it).
it.runIf(!available && process.env.CI === 'true')('chromium is installed on CI', () => {
  throw new Error(`${CHROMIUM} is missing; CI must install it: ${INSTALL}`);
});

describe.skipIf(!available)(`the home page in chromium (skipped without ${CHROMIUM}: ${INSTALL})`, () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startMockServer({ port: 0, preset: 'small', seed: 42 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
      timeout: BROWSER_TIMEOUT_MS,
    });
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'shows the tenants; an OU created through the API appears in the explorer, with its users on a click',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const seen = watch(page, server.url);
      await page.goto(`${server.url}/`);
      await page.locator('tr[data-tenant="acme"] td.ous').filter({ hasText: '50' }).waitFor({ timeout: UI_WAIT_MS });
      await page.locator('#tree li').first().waitFor({ timeout: UI_WAIT_MS });
      // Expanding an OU shows its children.
      const parent = page.locator('#tree > li').filter({ has: page.locator('button.toggle:not([disabled])') }).last();
      await parent.locator('button.toggle').click();
      await parent.locator('ul > li').first().waitFor({ timeout: UI_WAIT_MS });

      const token = await server.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read', 'ous:write'] });
      const created = await fetch(`${server.url}/api/v1/tenants/acme/ous`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Made in the browser test' }),
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { data: { id: string } }).data.id;
      const added = await fetch(`${server.url}/__mock/tenants/acme/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'grace@acme.example', display_name: 'Grace Hopper', ou_id: id }),
      });
      expect(added.status).toBe(201);

      // The page polls: the new OU shows up without a reload, and the counts follow.
      const row = page.locator(`#tree li[data-ou-id="${id}"]`);
      await row.waitFor({ timeout: UI_WAIT_MS });
      await expect.poll(() => row.getAttribute('data-path'), { timeout: UI_WAIT_MS }).toBe('/Made in the browser test');
      await page.locator('tr[data-tenant="acme"] td.ous').filter({ hasText: '51' }).waitFor({ timeout: UI_WAIT_MS });
      await row.locator('button.link').click();
      await page.locator('#user-rows td').filter({ hasText: 'Grace Hopper' }).waitFor({ timeout: UI_WAIT_MS });
      // The journal shows the create with its body.
      const entry = page.locator('#journal-list li').filter({ hasText: 'POST /api/v1/tenants/acme/ous' }).first();
      await entry.waitFor({ timeout: UI_WAIT_MS });
      await entry.locator('summary').click();
      await expect.poll(() => entry.locator('pre').nth(1).textContent()).toContain('Made in the browser test');

      const shot = join(OUT, 'frontend-home.png');
      await page.screenshot({ path: shot, fullPage: false });
      process.stdout.write(`home page screenshot: ${shot}\n`);
      expect(seen.foreign).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'with an admin key, the page asks for it once and then shows the data (same origin, the key never in a URL)',
    async () => {
      const keyed = await startMockServer({ port: 0, preset: 'small', seed: 42, admin: { key: 'k-browser-test' } });
      const page = await browser.newPage();
      const seen = watch(page, keyed.url);
      const keySent: string[] = [];
      page.on('request', (req) => {
        const key = req.headers()['x-admin-key'];
        if (key !== undefined) keySent.push(key);
        expect(req.url()).not.toContain('k-browser-test');
      });
      try {
        await page.goto(`${keyed.url}/__mock`);
        await page.locator('#key-form').waitFor({ timeout: UI_WAIT_MS });
        await page.locator('#key-input').fill('k-browser-test');
        await page.locator('#key-form button').click();
        await page.locator('tr[data-tenant="globex"]').waitFor({ timeout: UI_WAIT_MS });
        expect(keySent.length).toBeGreaterThan(0);
        expect(new Set(keySent)).toEqual(new Set(['k-browser-test']));
        expect(seen.foreign).toEqual([]);
        // The 403 that asked for the key is the only error the page saw.
        expect(seen.errors.filter((e) => !e.includes('403'))).toEqual([]);
      } finally {
        await page.close();
        await keyed.close();
      }
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'the API docs render every contract offline, and "try it" gets the mock\'s answer with the prefilled token',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const seen = watch(page, server.url);
      await page.goto(`${server.url}/__mock/docs`);
      await expect.poll(() => page.locator('#status').textContent(), { timeout: UI_WAIT_MS }).toContain('read-write token of tenant acme');
      const list = page.locator('.opblock-get').filter({ hasText: '/api/v1/tenants/{tenant_id}/ous' }).filter({ hasText: 'List Ous' });
      await list.waitFor({ timeout: UI_WAIT_MS });
      await list.locator('.opblock-summary').click();
      await list.locator('input[placeholder="tenant_id"]').fill('acme');
      await list.locator('button.execute').click();
      const status = list.locator('.live-responses-table tbody .response-col_status').first();
      await expect.poll(() => status.textContent(), { timeout: UI_WAIT_MS }).toContain('200');
      await expect.poll(() => list.locator('.live-responses-table .microlight').first().textContent()).toContain('total_items');
      // Every document is in the selector.
      const options = await page.locator('.topbar select option').allTextContents();
      expect(options.map((o) => /\(([a-z0-9-]+)\)$/.exec(o)?.[1])).toEqual(['ou-api', 'admanager', 'idaas', 'orgunit-v2', 'admin']);
      await page.screenshot({ path: join(OUT, 'frontend-docs.png') });
      expect(seen.foreign).toEqual([]);
      expect(seen.errors).toEqual([]);
      await page.close();
    },
    BROWSER_TIMEOUT_MS,
  );
});
