import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStateStore, StateFileError } from '../persistence.ts';
import { ListenError, startMockServer, type MockServer } from '../server.ts';
import { sleep } from './child.ts';

let dir: string;
const servers: MockServer[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-server-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(opts: Parameters<typeof startMockServer>[0] & { engine?: 'stateful' } = {}): Promise<MockServer> {
  const server = await startMockServer({ port: 0, ...opts });
  servers.push(server);
  return server;
}

async function createOu(server: MockServer, name: string, tenant = 'acme'): Promise<number> {
  const token = await server.app.issueToken({ tenant_id: tenant, scopes: ['ous:read', 'ous:write'] });
  const res = await fetch(`${server.url}/api/v1/tenants/${tenant}/ous`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return res.status;
}

const acmeOuNames = (file: string): string[] =>
  createStateStore(file)
    .load()!
    .tenants.find((t) => t.tenant_id === 'acme')!
    .ous.map((o) => o.name);

describe('startMockServer', () => {
  it('listens on port 0 at a real port on 127.0.0.1, serves the seeded data, and stops accepting after close()', async () => {
    const server = await start({ preset: 'small', seed: 42 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    const token = await server.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] });
    const res = await fetch(`${server.url}/api/v1/tenants/acme/ous`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { pagination: { total_items: number } };
    expect(body.pagination.total_items).toBe(server.app.directory.tenant('acme').counts().ous);
    await server.close();
    await expect(fetch(`${server.url}/api/v1/tenants/acme/ous`)).rejects.toThrow();
    await server.close(); // twice is fine
  });

  it('keeps connections alive between requests, and close() does not wait for idle keep-alive connections', async () => {
    const server = await start({ preset: 'empty' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const req = request(`${server.url}/api/v1/tenants/acme/ous`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.reusedSocket));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get()).toBe(false);
    expect(await get()).toBe(true);
    const closing = Date.now();
    await server.close();
    expect(Date.now() - closing).toBeLessThan(1_000);
    agent.destroy();
  });

  it('a taken port is a ListenError naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const err = await startMockServer({ port, preset: 'empty' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ListenError);
      expect((err as Error).message).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe("startMockServer({ engine: 'prism' })", () => {
  it('delegates to Prism, serving the contract examples at the reported URL', async () => {
    const prism = await startMockServer({ engine: 'prism', port: 0 });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
      const res = await fetch(`${prism.url}/api/v1/tenants/acme/ous`, { headers: { authorization: 'Bearer any' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    } finally {
      await prism.close();
    }
  }, 40_000);

  it('refuses stateful-only options instead of ignoring them', async () => {
    await expect(startMockServer({ engine: 'prism', port: 0, stateFile: join(dir, 's.json'), seed: 3 })).rejects.toThrow(
      "engine 'prism' does not support: stateFile, seed",
    );
  });
});

describe('startMockServer with a state file', () => {
  it('writes the seeded state at first start, saves changes after the debounce, and restores them over seed/preset', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ preset: 'small', seed: 1, stateFile: file, save: { delayMs: 20, maxWaitMs: 100 } });
    expect(first.restored).toBe(false);
    expect(first.stateFile).toBe(file);
    expect(acmeOuNames(file)).toHaveLength(first.app.directory.tenant('acme').counts().ous);

    expect(await createOu(first, 'Saved by the debounce')).toBe(201);
    const deadline = Date.now() + 2_000;
    while (!acmeOuNames(file).includes('Saved by the debounce') && Date.now() < deadline) await sleep(20);
    expect(acmeOuNames(file)).toContain('Saved by the debounce');
    await first.close();

    // Another seed and preset: the state file wins.
    const second = await start({ preset: 'empty', seed: 99, stateFile: file });
    expect(second.restored).toBe(true);
    expect(second.app.snapshot()).toEqual(createStateStore(file).load());
    expect(
      second.app.directory
        .tenant('acme')
        .queryUnits({ where: { nameContains: 'Saved by the debounce' } })
        .items.map((o) => o.name),
    ).toEqual(['Saved by the debounce']);
  });

  it('close() saves a change made just before it, without waiting for the debounce', async () => {
    const file = join(dir, 'state.json');
    const server = await start({ preset: 'small', stateFile: file, save: { delayMs: 60_000, maxWaitMs: 60_000 } });
    expect(await createOu(server, 'Saved at close')).toBe(201);
    expect(acmeOuNames(file)).not.toContain('Saved at close');
    await server.close();
    expect(acmeOuNames(file)).toContain('Saved at close');
  });

  it('refuses to start over a broken state file, names it, and leaves it untouched', async () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"version":1,"tenants":[');
    const err = await startMockServer({ port: 0, stateFile: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"tenants":[');
  });

  it('an unwritable state file path fails at start, not at the first change', async () => {
    const file = join(dir, 'no-such-dir', 'state.json');
    const err = await startMockServer({ port: 0, stateFile: file, preset: 'empty' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toMatch(/could not be saved/);
  });
});
