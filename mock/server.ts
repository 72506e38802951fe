import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { AdminGuardOptions } from './admin/guard.ts';
import { createMockApp, DEFAULT_SECRET, type MockApp, type MockOptions } from './app.ts';
import { SnapshotError, type Snapshot } from './core/index.ts';
import { ValidationError } from './http/typed-errors.ts';
import { createDebouncedSaver } from './debounced-saver.ts';
import { createOperationLog } from './operation-log.ts';
import { createStateStore, describeIssues, refusedStateFile, type StateStore } from './persistence.ts';

/** Options of {@link startMockServer}: the app's options plus where to listen and what to persist. */
export interface MockServerOptions extends MockOptions {
  /** Default 4010; 0 picks a free port (the returned `url` carries the real one). */
  port?: number;
  /** Default 127.0.0.1: the mock only listens beyond loopback when asked. */
  host?: string;
  /** JSON state file: loaded at start when present (it wins over `snapshot`, `seed` and `preset`), saved after changes and at close. */
  stateFile?: string;
  /** 'stateful' (default) is this mock; 'prism' runs Prism's stateless example mock of the contract instead. */
  engine?: 'stateful' | 'prism';
  /** Debounce of state saves: quiet time after the last change (default 200 ms) and longest wait (default 2 s). */
  save?: { delayMs?: number; maxWaitMs?: number };
  /** How long close() lets requests in flight finish before cutting their connections. Default 3 s. */
  closeTimeoutMs?: number;
  /** Told about a background save that failed (it is retried); default writes to stderr. */
  onSaveError?: (err: unknown) => void;
  /**
   * fsync the operation log after each write before answering it: acknowledged writes then survive
   * power loss, not only a killed process. Costs a disk flush per write. Default false.
   */
  fsync?: boolean;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL with the real port, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Stops accepting, lets requests in flight finish (bounded), saves the state; safe to call twice. */
  close(): Promise<void>;
}

/** The stateful mock, listening. */
export interface MockServer extends RunningServer {
  app: MockApp;
  /** Absolute path of the state file, when persisting. */
  stateFile?: string;
  /** True when the state came from the state file rather than from seeding. */
  restored: boolean;
}

/** Listening failed (port taken, no permission, bad host); the message says which and what to do. */
export class ListenError extends Error {
  override name = 'ListenError';
}

/**
 * Starts the mock on node:http with keep-alive.
 *
 * @example
 * const server = await startMockServer({ port: 0, stateFile: './ou-state.json' });
 * console.log(server.url);          // http://127.0.0.1:41234
 * await server.close();             // state saved
 */
export function startMockServer(opts: MockServerOptions & { engine: 'prism' }): Promise<RunningServer>;
export function startMockServer(opts?: MockServerOptions & { engine?: 'stateful' }): Promise<MockServer>;
export function startMockServer(opts?: MockServerOptions): Promise<RunningServer | MockServer>;
export async function startMockServer(opts: MockServerOptions = {}): Promise<RunningServer | MockServer> {
  const port = opts.port ?? 4010;
  const host = opts.host ?? '127.0.0.1';
  if (opts.engine === 'prism') {
    const { engine: _engine, port: _port, host: _host, ...statefulOnly } = opts;
    const ignored = Object.keys(statefulOnly);
    // Prism keeps no state and has none of these settings: refuse rather than silently ignore them.
    if (ignored.length > 0) throw new TypeError(`engine 'prism' does not support: ${ignored.join(', ')} (stateful engine only)`);
    // Loaded only when asked: it pulls in the contract and child-process plumbing.
    const { startPrismMock } = await import('./prism-engine.ts');
    return startPrismMock({ port, host });
  }
  const { stateFile, save, closeTimeoutMs, onSaveError, fsync, ...given } = opts;
  const store = stateFile === undefined ? undefined : createStateStore(stateFile);
  // Not validated here: createApp loads it into the core, which checks it (and we report that as a state file error).
  const saved = store?.loadState({ validate: false });
  const log = store ? createOperationLog(store.file, { fsync: fsync ?? false }) : undefined;
  if (store && log?.hasSegments() && !saved) {
    // Replaying them onto freshly seeded data would make a state that never existed.
    throw refusedStateFile(store.file, `is missing, but its operation log (${store.file}.oplog.*) is there; restore the state file, or remove the log to start afresh`);
  }
  const appOptions: MockOptions = { ...given, admin: adminAccess(given, host), ...(log ? { writeAheadLog: log } : {}) };
  const app = createApp(appOptions, saved?.snapshot, store);

  let snapshotNow = async (): Promise<void> => undefined;
  if (store && log) {
    // Writes acknowledged after the last snapshot, before a crash: the log has them.
    const pending = log.readAfter(saved?.oplogSeq ?? 0);
    try {
      await app.replay(pending);
    } catch (err) {
      // Not a refusal the request met when it ran (those replay as the same refusal): a mock bug.
      throw refusedStateFile(`${store.file}.oplog.*`, `cannot be replayed: ${(err as Error).message}`);
    }
    // A first start writes the seeded state at once: an unwritable path fails now, not at the first change.
    if (!saved) await store.save(app.snapshot(), 0);
    log.start(pending.at(-1)?.seq ?? saved?.oplogSeq ?? 0);
    snapshotNow = async () => {
      // Same tick: the snapshot holds exactly the entries up to `seq`; later ones go to a new segment.
      const seq = log.cut();
      await store.save(app.snapshot(), seq);
      log.dropThrough(seq);
    };
    if (pending.length > 0) await snapshotNow();
  }
  const saver = store
    ? createDebouncedSaver(snapshotNow, {
        ...save,
        onError: onSaveError ?? ((err) => process.stderr.write(`ou-contract mock: ${(err as Error).message} (will retry)\n`)),
      })
    : undefined;
  const unsubscribe = saver ? app.onChange(() => saver.schedule()) : () => undefined;

  const server = createServer(app.handle);
  // Longer than common client pools' idle time, so clients reuse connections instead of racing a server-side close.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  // A client that stops sending mid-body gets 408 after a minute, not node's five-minute default.
  server.requestTimeout = 60_000;
  server.on('clientError', answerClientError);
  await listen(server, port, host);
  const url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await stopListening(server, closeTimeoutMs ?? 3_000);
      unsubscribe();
      try {
        await saver?.flush();
      } finally {
        log?.close();
      }
    })();
    return closing;
  };

  return { url, app, close, restored: saved !== undefined, ...(store ? { stateFile: store.file } : {}) };
}

/** Loopback addresses: only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Who may reach the admin API on `host`. Beyond loopback the network can reach the whole mock, so
 * the start is refused unless tokens need a real secret and the admin API a key: with the public
 * development secret anyone could mint tokens, and without a key anyone could replace the state.
 */
function adminAccess(opts: MockOptions, host: string): AdminGuardOptions {
  const wildcard = host === '0.0.0.0' || host === '::';
  const access: AdminGuardOptions = { ...opts.admin, hosts: [...(opts.admin?.hosts ?? []), ...(wildcard ? [] : [host])] };
  if (isLoopback(host)) return access;
  const refuse = (why: string): never => {
    throw new ListenError(`refusing to listen on ${host}, reachable from other machines: ${why}. Or keep the default --host 127.0.0.1`);
  };
  if (opts.auth === false) refuse('auth is off, so anyone could read and change every tenant; drop --no-auth');
  if (opts.auth === undefined || (opts.auth !== false && opts.auth.secret === DEFAULT_SECRET)) refuse('tokens would be signed with the public development secret, so anyone could mint them; set OU_MOCK_JWT_SECRET (or --jwt-secret)');
  if (opts.admin?.key === undefined) refuse('the admin API needs a key beyond loopback; the CLI makes one per start (or set OU_MOCK_ADMIN_KEY / --admin-key-file); library: admin.key');
  // A wildcard listener answers to names we cannot know: the key alone guards the admin API there.
  return { ...access, anyHost: wildcard };
}

function createApp(options: MockOptions, saved: Snapshot | undefined, store: StateStore | undefined): MockApp {
  if (!saved || !store) return createMockApp(options);
  try {
    return createMockApp({ ...options, snapshot: saved });
  } catch (err) {
    // The file parsed but its content breaks the model (cycle, duplicate id, ...): refuse, keep the file.
    const problem = err instanceof SnapshotError ? ValidationError.fromSnapshot(err) : err;
    if (problem instanceof ValidationError) throw refusedStateFile(store.file, `is not a valid snapshot: ${describeIssues(problem)}`);
    throw err;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const where = `${host}:${port}`;
      if (err.code === 'EADDRINUSE') reject(new ListenError(`port ${port} on ${host} is already in use; choose another port, or 0 for a free one`));
      else if (err.code === 'EACCES') reject(new ListenError(`no permission to listen on ${where}; choose a port above 1023`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ListenError(`cannot listen on host ${host}: no such local address`));
      else reject(new ListenError(`cannot listen on ${where}: ${err.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Stops accepting, closes keep-alive connections as soon as they are idle (including those whose
 * request in flight ends later), and cuts the still-busy ones after `timeoutMs`.
 */
function stopListening(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 25);
    const cut = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Requests node's parser rejects (bad request line, oversized headers, timeouts) never reach
 * the app; answer them in the same JSON error shape instead of node's bare text.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Request headers are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not received in time']
        : [400, 'Bad Request', `Malformed HTTP request (${err.code ?? 'parse error'})`];
  const body = JSON.stringify({ detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
