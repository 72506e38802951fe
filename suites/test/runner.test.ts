import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { MockApp } from '../../mock/app.ts';
import { runSuite } from '../index.ts';
import type { Interruption, KeptFixtures, RunReport } from '../index.ts';
import { mockSetup, TENANT } from './target.ts';

const counts = (app: MockApp): { ous: number; users: number } => app.directory.tenant(TENANT).counts();

/** Checks that put OUs at the top level (create, move, MOVE_UP) or need users. */
const ESCAPING = ['create.unknown_parent', 'update.move_to_top', 'delete.move_up_top_level', 'delete.cascade_users', 'counts.user_count'];

describe('runSuite', () => {
  it('leaves the tenant as it found it: run root, top-level OUs and users removed', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ESCAPING });
    const before = counts(app);
    const report = await runSuite(config);
    expect(report.summary).toEqual({ passed: ESCAPING.length, failed: 0, skipped: 0, baselined: 0 });
    expect(counts(app)).toEqual(before);
    expect(report.cleanup_problems).toBeUndefined();
  });

  it('cleans up when checks fail, including OUs a defect put outside the run root', async () => {
    const { app, config } = await mockSetup(new Set(['create-unknown-parent-top-level', 'stale-descendant-paths']), { checks: ESCAPING });
    const before = counts(app);
    const report = await runSuite(config);
    expect(report.checks.find((c) => c.check === 'create.unknown_parent')?.status).toBe('failed');
    expect(report.verdict.core).toBe('failed');
    expect(counts(app)).toEqual(before);
  });

  it('skips checks that need users when no adapter is given, never passes them', async () => {
    const { config } = await mockSetup(undefined, { checks: ['counts.user_count', 'users.unknown_ou', 'delete.block_users'] });
    delete config.users;
    const report = await runSuite(config);
    const byId = Object.fromEntries(report.checks.map((c) => [c.check, c]));
    expect(byId['counts.user_count']).toMatchObject({ status: 'skipped', message: expect.stringMatching(/users adapter/) });
    expect(byId['delete.block_users']?.status).toBe('skipped');
    expect(byId['users.unknown_ou']?.status).toBe('passed');
    expect(report.coverage.rules.checkable).toBe(2);
  });

  it('loads a users module exporting createUser / deleteUser', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['counts.user_count'] });
    const dir = mkdtempSync(join(tmpdir(), 'ouc-users-'));
    const file = join(dir, 'users.mjs');
    writeFileSync(
      file,
      [
        'let n = 0;',
        'export async function createUser(tenantId, ouId) {',
        '  return globalThis.__oucDirectory.tenant(tenantId).createUser({ email: `mod${n++}@example.invalid`, displayName: "m", unitId: ouId });',
        '}',
        'export async function deleteUser(tenantId, userId) { globalThis.__oucDirectory.tenant(tenantId).deleteUser(userId); }',
      ].join('\n'),
    );
    (globalThis as { __oucDirectory?: unknown }).__oucDirectory = app.directory;
    const before = counts(app);
    const report = await runSuite({ ...config, users: file });
    expect(report.checks[0]).toMatchObject({ check: 'counts.user_count', status: 'passed' });
    expect(counts(app)).toEqual(before);
  });

  it('stops at maxRequests: the rest is skipped with the reason, cleanup still runs', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['pagination.math', 'pagination.walk', 'list.search'], maxRequests: 30, concurrency: 1 });
    const before = counts(app);
    const report = await runSuite(config);
    // 30 for the checks, then the cleanup DELETE of the run root, which the budget never blocks.
    expect(report.requests).toBe(31);
    expect(report.checks.some((c) => c.status === 'skipped' && /request budget of 30/.test(c.message))).toBe(true);
    expect(report.checks.every((c) => c.status !== 'failed')).toBe(true);
    expect(counts(app)).toEqual(before);
  });

  it('runs against a base URL (a live server on 127.0.0.1) as well as in-process', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['create.response', 'delete.cascade_users', 'not_a_server_error'] });
    const server = createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { app: _inProcess, ...live } = config;
      const report = await runSuite({ ...live, baseUrl: `http://127.0.0.1:${port}` });
      expect(report.target).toBe(`http://127.0.0.1:${port}`);
      expect(report.summary.passed).toBe(3);
      expect(report.checks.every((c) => c.status === 'passed')).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports a broken setup on every check, with evidence and the rule it breaks, without throwing', async () => {
    // Without its envelope the run root cannot be read back: OU-E1, whatever the check.
    const { config } = await mockSetup(new Set(['no-envelope']), { checks: ['create.response', 'not_a_server_error'] });
    const report = await runSuite(config);
    const create = report.checks.find((c) => c.check === 'create.response');
    expect(create).toMatchObject({ status: 'failed', message: expect.stringMatching(/^setup failed: .*answered 201/), failed_rules: ['OU-E1'] });
    expect(create?.evidence?.[0]?.curl).toContain('$OU_TOKEN');
    expect(report.checks.find((c) => c.check === 'not_a_server_error')?.status).toBe('passed');
    expect(report.verdict.core).toBe('failed');
  });

  it('refuses a token that is not valid before any check runs, naming its flag (a usage fault, not a finding)', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['create.response'], token: 'not-a-token' });
    const before = counts(app);
    await expect(runSuite(config)).rejects.toThrow(/^--token \(OU_TOKEN\) is not accepted: GET \/api\/v1\/tenants\/acme\/ous\?per_page=1 answered 401/);
    expect(counts(app)).toEqual(before);
  });

  it('reports rule rows, operation coverage and requests', async () => {
    const { config } = await mockSetup(undefined, { checks: ['get.unknown_id', 'ignored_auth', 'response_schema_conformance'] });
    const report = await runSuite(config);
    expect(report.results.map((r) => `${r.rule}:${r.check}`)).toEqual(
      expect.arrayContaining(['OU-G1:get.unknown_id', 'OU-E4:get.unknown_id', 'OU-A1:ignored_auth', 'OU-E1:response_schema_conformance']),
    );
    const getOu = report.coverage.operations.find((o) => o.operationId === 'getOu');
    expect(getOu).toMatchObject({ method: 'GET', path: '/api/v1/tenants/{tenant_id}/ous/{ou_id}' });
    expect(getOu?.observed).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(getOu?.unexercised).toContain('403');
    expect(report.coverage.operations).toHaveLength(7);
    expect(report.coverage.rules.total).toBeGreaterThan(40);
    expect(report.requests).toBeGreaterThan(10);
    expect(report.seed).toBe(7);
  });

  it('on SIGINT stops starting checks, removes what the run created and returns a partial report', () => {
    const script = fileURLToPath(new URL('./sigint-run.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const last = child.stdout.trim().split('\n').pop() ?? '';
    const { before, after, interrupted, verdict, checks } = JSON.parse(last) as { before: unknown; after: unknown; interrupted: unknown; verdict: RunReport['verdict']; checks: [string, string, string][] };
    expect(interrupted).toEqual({ reason: 'SIGINT received' });
    expect(after).toEqual(before);
    expect(checks.filter(([, status]) => status === 'passed')).toHaveLength(1);
    expect(checks.filter(([, status, message]) => status === 'skipped' && message === 'not finished: the run was interrupted (SIGINT received)')).toHaveLength(2);
    expect(verdict.core).toBe('incomplete');
  });

  it('stops at the overall timeout against a target that stalls, cleans up and returns a partial report', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['create.response', 'tree.matches_list', 'pagination.walk'], concurrency: 2, runTimeoutMs: 1500, timeoutMs: 120_000 });
    // The tree never answers: without the overall bound the run would wait 120 s for it.
    const stalling: RequestListener = (req, res) => {
      if (req.method === 'GET' && req.url?.includes('/ous/tree') === true) return;
      app.handle(req, res);
    };
    const before = counts(app);
    const interruptions: Interruption[] = [];
    const report = await runSuite({ ...config, app: stalling }, { onInterrupt: (i) => interruptions.push(i) });
    expect(interruptions).toEqual([{ cause: 'timeout', reason: 'the overall timeout of 1.5 s passed' }]);
    expect(report.interrupted).toEqual({ reason: 'the overall timeout of 1.5 s passed' });
    expect(report.checks.find((c) => c.check === 'tree.matches_list')).toMatchObject({ status: 'skipped', message: 'not finished: the run was interrupted (the overall timeout of 1.5 s passed)' });
    expect(report.verdict).toEqual({ core: 'incomplete', profile: 'incomplete', hardening: 'incomplete' });
    expect(report.cleanup_problems).toBeUndefined();
    expect(counts(app)).toEqual(before);
  }, 60_000);

  it('is interrupted by the caller\'s AbortSignal like by SIGINT', async () => {
    const { config } = await mockSetup(undefined, { checks: ['create.response', 'pagination.walk', 'list.search'], concurrency: 1 });
    const controller = new AbortController();
    const report = await runSuite(config, { onCheckEnd: () => controller.abort('enough') });
    const aborted = await runSuite(config, { signal: controller.signal });
    expect(report.interrupted).toBeUndefined();
    expect(aborted.interrupted).toEqual({ reason: 'aborted: enough' });
    expect(aborted.checks.every((c) => c.status === 'skipped')).toBe(true);
  });

  it('with keepFixtures leaves the run root and users in place and says how to remove them; the removal commands work', async () => {
    const { app, config } = await mockSetup(undefined, { checks: ['create.response', 'counts.user_count'] });
    const server = createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { app: _inProcess, ...live } = config;
      const before = counts(app);
      const kept: KeptFixtures[] = [];
      const report = await runSuite({ ...live, baseUrl: `http://127.0.0.1:${port}`, keepFixtures: true }, { onFixturesKept: (k) => kept.push(k) });
      expect(report.summary.failed).toBe(0);
      expect(kept).toHaveLength(1);
      const [fixtures] = kept as [KeptFixtures];
      expect(fixtures.ous).toHaveLength(1);
      expect(fixtures.users.length).toBeGreaterThan(0);
      expect(fixtures.describe).toMatch(/^tenant acme: OUs \S+ \(run root "ouc-7-[0-9a-f]{6}"\) \(with everything under them\); users /);
      expect(counts(app).ous).toBeGreaterThan(before.ous);
      expect(fixtures.removal.every((c) => c.startsWith('curl -sS -i -X DELETE '))).toBe(true);
      // Async: the server answering the curls runs in this process.
      await promisify(execFile)('bash', ['-c', fixtures.removal.join(' && ')], { env: { PATH: process.env['PATH'] ?? '', OU_TOKEN: config.token } });
      expect(counts(app)).toEqual(before);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
