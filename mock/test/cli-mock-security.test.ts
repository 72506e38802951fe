/** Issue 14, finding 1, from the command line: exposure beyond loopback, the admin key, the token cap. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliToEnd, waitForBanner } from './child.ts';

const SECRET = { OU_MOCK_JWT_SECRET: 'team-secret-not-printed' };

async function adminStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return (await fetch(`${url}/__mock/tenants`, { headers })).status;
}

describe('ou-contract mock beyond loopback', () => {
  it('--host 0.0.0.0 with the development secret is refused at start, saying how to fix it', async () => {
    const result = await runCliToEnd(['mock', '--port', '0', '--preset', 'empty', '--host', '0.0.0.0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refusing to listen on 0\.0\.0\.0.*public development secret.*OU_MOCK_JWT_SECRET/);
    expect(result.stdout).not.toContain('listening on');
  });

  it('--host 0.0.0.0 with a secret starts with a fresh admin key in the banner; the admin API needs it', async () => {
    const child = runCli(['mock', '--port', '0', '--preset', 'empty', '--host', '0.0.0.0'], SECRET);
    try {
      const ready = await waitForBanner(child);
      const key = /X-Admin-Key: (\S+)/.exec(ready.banner)?.[1];
      expect(key).toMatch(/^[\w-]{32}$/);
      const url = ready.url.replace('0.0.0.0', '127.0.0.1');
      expect(await adminStatus(url)).toBe(403);
      expect(await adminStatus(url, { 'X-Admin-Key': key as string })).toBe(200);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    expect(child.stdout() + child.stderr()).not.toContain(SECRET.OU_MOCK_JWT_SECRET);
  });
});

describe('ou-contract mock admin key and token cap', () => {
  it('takes the key from --admin-key-file (also on loopback) and never prints it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ou-key-'));
    const file = join(dir, 'admin.key');
    writeFileSync(file, 'key-from-a-file\n');
    const child = runCli(['mock', '--port', '0', '--preset', 'empty', '--admin-key-file', file]);
    try {
      const ready = await waitForBanner(child);
      expect(ready.banner).toContain('X-Admin-Key (the key from --admin-key-file)');
      expect(await adminStatus(ready.url)).toBe(403);
      expect(await adminStatus(ready.url, { 'X-Admin-Key': 'key-from-a-file' })).toBe(200);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(child.stdout()).not.toContain('key-from-a-file');
  });

  it('takes the key from OU_MOCK_ADMIN_KEY; without one, loopback needs none', async () => {
    const child = runCli(['mock', '--port', '0', '--preset', 'empty'], { OU_MOCK_ADMIN_KEY: 'env-key' });
    const plain = runCli(['mock', '--port', '0', '--preset', 'empty']);
    try {
      const [withKey, without] = await Promise.all([waitForBanner(child), waitForBanner(plain)]);
      expect(await adminStatus(withKey.url)).toBe(403);
      expect(await adminStatus(withKey.url, { 'X-Admin-Key': 'env-key' })).toBe(200);
      expect(without.banner).toContain('this machine only');
      expect(await adminStatus(without.url)).toBe(200);
    } finally {
      child.process.kill('SIGTERM');
      plain.process.kill('SIGTERM');
      await Promise.all([child.exited, plain.exited]);
    }
  });

  it('--max-token-ttl caps admin-minted tokens and the banner token', async () => {
    const child = runCli(['mock', '--port', '0', '--preset', 'small', '--max-token-ttl', '30m']);
    try {
      const ready = await waitForBanner(child);
      expect(ready.banner).toContain('valid 30 min');
      const res = await fetch(`${ready.url}/__mock/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant_id: 'acme', expires_in: 3600 }),
      });
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('expires_in');
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    expect((await runCliToEnd(['mock', '--max-token-ttl', '10'])).stderr).toMatch(/--max-token-ttl.*from 1 minute to 365 days/s);
  });
});
