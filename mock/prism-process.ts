import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running Prism CLI child process. */
export interface PrismProcess {
  /** Base URL Prism reports it listens on, e.g. `http://127.0.0.1:4010`. */
  url: string;
  pid: number;
  /** Stops Prism (SIGTERM, then SIGKILL after a grace period); resolves once it has exited. */
  close(): Promise<void>;
}

export interface SpawnPrismOptions {
  /** Arguments after `prism`, e.g. `['mock', '-h', '127.0.0.1', '-p', '0', file]`. */
  args: readonly string[];
  /** How long Prism may take to load the contract and listen (default 30 s: it is slow on a busy machine). */
  readyTimeoutMs?: number;
  /** Every line Prism prints after it is ready, ANSI colours removed. */
  onLine?: (line: string) => void;
}

const READY = /Prism is listening on (http:\/\/\S+)/;
const GRACE_MS = 3_000;
// Prism colours its log through chalk; colours are turned off, this is belt and braces for odd terminals.
const ANSI = /\u001b\[[0-9;]*m/g;

/** The lines of Prism's output that say what went wrong (it also prints its whole --help on a failure). */
function explain(lines: readonly string[]): string {
  const help = /^\s*(-\w, )?--|^\s{8,}|^(Options|Positionals):|^prism (mock|proxy) /;
  const telling = lines.filter((l) => !help.test(l) && /fatal|error|EADDR|EACCES|ENOENT/i.test(l));
  const shown = [...new Set(telling.length > 0 ? telling.slice(0, 4) : lines.slice(-5))];
  return shown.length > 0 ? `\n${shown.join('\n')}` : '';
}

/** Where to look for Prism besides ou-contract's own dependencies: an npm prefix (`npm install --prefix DIR @stoplight/prism-cli`). */
export const PRISM_PREFIX_ENV = 'OU_PRISM_PREFIX';

/** Prism is an optional peer dependency: only `--engine prism`, `proxy` and the benchmarks need it. */
export class PrismNotInstalledError extends Error {
  constructor(where: string) {
    super(
      `Prism (@stoplight/prism-cli) is not installed (looked in ${where}). ` +
        'It is optional, needed only by `mock --engine prism` and `proxy`. Install it next to ou-contract: ' +
        'npm install --save-dev @stoplight/prism-cli@5.14.2 (Node 20 or 22; on Node 24: @stoplight/prism-cli@5.16)',
    );
  }
}

/** The Prism install that is used: its CLI entry and its version (benchmarks name it). */
export interface PrismInstall {
  cli: string;
  version: string;
}

/**
 * The Prism install to use, resolved through node so a hoisted install is found too; with
 * `$OU_PRISM_PREFIX` set, that prefix is searched instead (CI runs Prism's Node 24 release from one).
 */
export function prismInstall(env: NodeJS.ProcessEnv = process.env): PrismInstall {
  const require = createRequire(import.meta.url);
  const prefix = env[PRISM_PREFIX_ENV];
  const paths = prefix !== undefined && prefix !== '' ? [prefix] : undefined;
  let pkgFile: string;
  try {
    pkgFile = require.resolve('@stoplight/prism-cli/package.json', paths !== undefined ? { paths } : undefined);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    throw new PrismNotInstalledError(paths !== undefined ? `${PRISM_PREFIX_ENV}=${prefix ?? ''}` : `the node_modules folders above ${fileURLToPath(new URL('.', import.meta.url))}`);
  }
  const pkg = require(pkgFile) as { version: string; bin: { prism: string } };
  return { cli: join(dirname(pkgFile), pkg.bin.prism), version: pkg.version };
}

/** Path of Prism's CLI entry (see `prismInstall`). */
export function prismCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return prismInstall(env).cli;
}

/**
 * Starts the Prism CLI with the current node binary and waits for its "listening" line.
 * The child is killed if this process exits first, so a crashed benchmark leaves no orphan.
 *
 * @example
 * const prism = await spawnPrism({ args: ['mock', '-h', '127.0.0.1', '-p', '0', CONTRACT_PATH] });
 * await fetch(`${prism.url}/api/v1/tenants/t/ous`);
 * await prism.close();
 */
export function spawnPrism(opts: SpawnPrismOptions): Promise<PrismProcess> {
  const child = spawn(process.execPath, [prismCliPath(), ...opts.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const close = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  return new Promise<PrismProcess>((resolve, reject) => {
    const early: string[] = [];
    let ready = false;
    const fail = (why: string): void => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      void close().then(() => reject(new Error(`prism ${opts.args[0] ?? ''} did not start: ${why}${explain(early)}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${opts.readyTimeoutMs ?? 30_000} ms`), opts.readyTimeoutMs ?? 30_000);

    const onLine = (raw: string): void => {
      const line = raw.replace(ANSI, '');
      if (ready) {
        opts.onLine?.(line);
        return;
      }
      early.push(line);
      const match = READY.exec(line);
      if (match?.[1] === undefined) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url: match[1], pid: child.pid ?? -1, close });
    };
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code, signal) => fail(`exited with ${signal ?? `code ${String(code)}`}`));
  });
}
