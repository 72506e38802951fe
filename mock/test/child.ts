import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Repository root and the real CLI entry, as users run it. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/ou-contract.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned CLI with its output collected. */
export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

/** Spawns `node bin/ou-contract.js ...args` in the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  return collect(spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } }));
}

/** Runs the CLI to completion (for usage errors and --help). */
export async function runCliToEnd(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Exit & { stdout: string; stderr: string }> {
  const child = runCli(args, env);
  const exit = await child.exited;
  return { ...exit, stdout: child.stdout(), stderr: child.stderr() };
}

export function collect(process: ChildProcess): Child {
  let out = '';
  let err = '';
  process.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  process.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((resolve) => process.once('exit', (code, signal) => resolve({ code, signal })));
  return { process, stdout: () => out, stderr: () => err, exited };
}

/** What the start banner tells a user: where the mock is and a token to use. */
export interface Ready {
  url: string;
  token?: string;
  banner: string;
}

/**
 * Waits for the start banner ("Ctrl-C to stop") and reads the URL and token from it, as a user would.
 * Rejects with the child's output when it exits first or takes longer than `timeoutMs`.
 */
export async function waitForBanner(child: Child, timeoutMs = 15_000): Promise<Ready> {
  const deadline = Date.now() + timeoutMs;
  let exited: Exit | undefined;
  void child.exited.then((e) => (exited = e));
  while (!child.stdout().includes('Ctrl-C to stop')) {
    if (exited) throw new Error(`mock exited (${exited.code ?? exited.signal}) before its banner:\n${child.stdout()}\n${child.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no banner within ${timeoutMs} ms:\n${child.stdout()}\n${child.stderr()}`);
    await sleep(20);
  }
  const banner = child.stdout();
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (!url) throw new Error(`no URL in the banner:\n${banner}`);
  const token = /Bearer ([\w-]+\.[\w-]+\.[\w-]+)/.exec(banner)?.[1];
  return { url, banner, ...(token ? { token } : {}) };
}

/** A port that was free a moment ago (for commands that need a fixed port, like `npm start`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
