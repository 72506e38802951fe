import { CONTRACT_PATH } from '../contracts/index.ts';
import { spawnPrism } from './prism-process.ts';

export interface PrismMockOptions {
  /** 0 (default) picks a free port; the returned url carries the real one. */
  port?: number;
  /** Default 127.0.0.1: the mock never listens beyond loopback unless asked. */
  host?: string;
  /** Contract to mock (default CONTRACT_PATH). */
  contract?: string;
}

export interface PrismMock {
  url: string;
  /** Process id of the Prism child (benchmarks read its CPU time). */
  pid: number;
  close(): Promise<void>;
}

/**
 * Runs Prism's stateless mock of the contract (`prism mock -h HOST -p PORT contracts/ou-api.yaml`)
 * as a child process: it answers every operation with the contract's examples and keeps no state.
 * Resolves once Prism listens; `close()` stops the child and waits for it to exit.
 *
 * @example
 * const prism = await startPrismMock({ port: 4010 });
 * // ... GET `${prism.url}/api/v1/tenants/acme/ous` with any bearer token
 * await prism.close();
 */
export async function startPrismMock(opts: PrismMockOptions = {}): Promise<PrismMock> {
  const prism = await spawnPrism({
    args: ['mock', '-h', opts.host ?? '127.0.0.1', '-p', String(opts.port ?? 0), opts.contract ?? CONTRACT_PATH],
  });
  return { url: prism.url, pid: prism.pid, close: prism.close };
}
