import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { collect, freePort, ROOT, sleep, waitForBanner } from './child.ts';

describe('npm start', () => {
  // How fast it starts is measured by `npm run bench:startup`; this only bounds a hang.
  it('serves the seeded mock, whose banner token reads the seeded OUs', async () => {
    const port = await freePort();
    const started = Date.now();
    // detached: npm runs the mock through a shell and tsx's own child; killing the group stops them all.
    const child = collect(spawn('npm', ['start', '--', '--port', String(port)], { cwd: ROOT, detached: true, env: { ...process.env } }));
    try {
      let served = 0;
      while (Date.now() - started < 20_000) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/tenants/acme/ous`).catch(() => undefined);
        if (res) {
          served = res.status;
          break;
        }
        await sleep(50);
      }
      // No token yet: 401 shows the OU API is up; the seeded data is checked with the banner's token below.
      expect(served, `not serving after 20 s:\n${child.stdout()}\n${child.stderr()}`).toBe(401);
      const ready = await waitForBanner(child, 20_000);
      expect(ready.url).toBe(`http://127.0.0.1:${port}`);
      const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, { headers: { authorization: `Bearer ${ready.token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { pagination: { total_items: number } };
      expect(body.pagination.total_items).toBeGreaterThan(0);
    } finally {
      process.kill(-child.process.pid!, 'SIGTERM');
      await child.exited;
    }
  });
});
