import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, freePort, ROOT, sleep } from '../mock/test/child.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-npm-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('npm start in a script', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)('writes --ready-file once listening, and frees the port when the npm parent gets %s', async (signal) => {
    const port = await freePort();
    const readyFile = join(dir, 'ready');
    // Its own process group, so the finally block can stop whatever survived a failed assertion.
    const npm = collect(spawn('npm', ['start', '--', '--port', String(port), '--ready-file', readyFile], { cwd: ROOT, detached: true }));
    try {
      await waitFor('the ready file', () => existsSync(readyFile), 30_000);
      expect(readFileSync(readyFile, 'utf8')).toBe(`http://127.0.0.1:${port}\n`);
      expect(await listening(port)).toBe(true);
      npm.process.kill(signal);
      await npm.exited;
      await waitFor(`port ${port} freed after ${signal} of npm`, async () => !(await listening(port)), 15_000);
    } finally {
      try {
        process.kill(-npm.process.pid!, 'SIGKILL');
      } catch {
        // The group is gone: everything stopped as it should.
      }
    }
  });
});
