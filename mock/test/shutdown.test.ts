import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStateStore } from '../persistence.ts';
import { startMockServer } from '../server.ts';
import { closeOnSignals } from '../shutdown.ts';
import { runCli, waitForBanner } from './child.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-shutdown-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ouNames = (file: string, tenant: string): string[] =>
  createStateStore(file)
    .load()!
    .tenants.find((t) => t.tenant_id === tenant)!
    .ous.map((o) => o.name);

describe('closeOnSignals', () => {
  it('SIGTERM stops the server, flushes a not-yet-saved change and exits 0', async () => {
    const file = join(dir, 'state.json');
    // A save delay far beyond the test: only the shutdown flush can have written the change.
    const server = await startMockServer({ port: 0, preset: 'small', stateFile: file, save: { delayMs: 60_000, maxWaitMs: 60_000 } });
    const codes: number[] = [];
    const signals = new EventEmitter();
    const exited = new Promise<void>((resolve) => {
      const dispose = closeOnSignals(server, {
        signals,
        log: () => undefined,
        exit: (code) => {
          codes.push(code);
          dispose();
          resolve();
        },
      });
    });
    const res = await fetch(`${server.url}/api/v1/tenants/acme/ous`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await server.app.issueToken({ tenant_id: 'acme', scopes: ['ous:write'] })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Written over HTTP before SIGTERM' }),
    });
    expect(res.status).toBe(201);
    expect(ouNames(file, 'acme')).not.toContain('Written over HTTP before SIGTERM');
    signals.emit('SIGTERM', 'SIGTERM');
    await exited;
    expect(codes).toEqual([0]);
    expect(ouNames(file, 'acme')).toContain('Written over HTTP before SIGTERM');
    await expect(fetch(`${server.url}/api/v1/tenants/acme/ous`)).rejects.toThrow();
  });

  it('exits 1 when the close overruns its bound', async () => {
    const codes: number[] = [];
    const signals = new EventEmitter();
    const stuck = { url: 'http://127.0.0.1:1', close: () => new Promise<void>(() => undefined) };
    await new Promise<void>((resolve) => {
      const dispose = closeOnSignals(stuck, {
        signals,
        timeoutMs: 50,
        log: () => undefined,
        exit: (code) => {
          codes.push(code);
          dispose();
          resolve();
        },
      });
      signals.emit('SIGINT', 'SIGINT');
    });
    expect(codes).toEqual([1]);
  });
});

describe('ou-contract mock process', () => {
  it('on SIGTERM saves the state and exits 0 within the bound', async () => {
    const file = join(dir, 'state.json');
    const child = runCli(['mock', '--port', '0', '--state', file]);
    const ready = await waitForBanner(child);
    const headers = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' };
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, { method: 'POST', headers, body: JSON.stringify({ name: `Before stop ${i}` }) });
      expect(res.status).toBe(201);
    }
    const stopAt = Date.now();
    child.process.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(5_000);
    expect(ouNames(file, 'acme')).toEqual(expect.arrayContaining([0, 1, 2, 3, 4].map((i) => `Before stop ${i}`)));
    expect(child.stderr()).toContain('SIGTERM: stopping');
  });
});
