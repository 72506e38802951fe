import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, Ready, Reply } from './serve-mock.ts';

/** A command without its id (the id is added when sent). */
type WithoutId<C> = C extends unknown ? Omit<C, 'id'> : never;
type CommandBody = WithoutId<Command>;

/** Our stateful mock running in a child process, driven over IPC. */
export interface MockChild {
  ready: Ready;
  pid: number;
  call<T>(command: CommandBody): Promise<T>;
  /** Closes the server and waits for the child to exit. */
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./serve-mock.ts', import.meta.url));

/**
 * Starts `serve-mock.ts` under tsx in a child process. Extra node flags (e.g. `--cpu-prof`)
 * come from `BENCH_NODE_ARGS`, so a slow figure can be profiled without editing code.
 */
export function startMockChild(preset: 'small' | 'large', timeoutMs = 120_000): Promise<MockChild> {
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = fork(ENTRY, [preset], { execArgv: ['--import', 'tsx', ...extra], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mock child (${preset}) not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`mock child (${preset}) exited with ${signal ?? `code ${String(code)}`}`));
      for (const p of pending.values()) p.reject(new Error('mock child exited'));
    });
    child.on('message', (msg: Ready | Reply) => {
      if (msg.type === 'reply') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.value);
        else p?.reject(new Error(msg.error));
        return;
      }
      clearTimeout(timer);
      resolve({
        ready: msg,
        pid: child.pid ?? -1,
        call: <T>(command: CommandBody) =>
          new Promise<T>((ok, ko) => {
            const id = next++;
            pending.set(id, { resolve: (v) => ok(v as T), reject: ko });
            child.send({ ...command, id });
          }),
        close: async () => {
          process.off('exit', killOnExit);
          if (child.exitCode !== null) return;
          const id = next++;
          child.send({ cmd: 'close', id });
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
