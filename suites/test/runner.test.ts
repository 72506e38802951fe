import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MockApp } from '../../mock/app.ts';
import { runSuite } from '../index.ts';
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
        '  return globalThis.__oucDirectory.tenant(tenantId).addUser({ email: `mod${n++}@example.invalid`, display_name: "m", ou_id: ouId });',
        '}',
        'export async function deleteUser(tenantId, userId) { globalThis.__oucDirectory.tenant(tenantId).removeUser(userId); }',
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

  it('on SIGINT removes what the run created, then exits 130', () => {
    const script = fileURLToPath(new URL('./sigint-run.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(130);
    const last = child.stdout.trim().split('\n').pop() ?? '';
    const { before, after, interrupted } = JSON.parse(last) as { before: unknown; after: unknown; interrupted: boolean };
    expect(interrupted).toBe(true);
    expect(after).toEqual(before);
  });
});
