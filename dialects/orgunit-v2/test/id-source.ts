/**
 * Another implementation's ids, for tests: the mock's writes with `idAt(n)` as the n-th id each
 * mock hands out (1, 2, …). For a vi.mock of mock/writes.ts (its test file runs in a process of
 * its own), like test/id-order.ts's fixed orders.
 *
 * @example
 * vi.mock('../../../mock/writes.ts', async (importOriginal) => (await import('./id-source.ts')).withIds(await importOriginal(), (n) => `…${n}`));
 */
import type * as WritesModule from '../../../mock/writes.ts';

export function withIds(real: typeof WritesModule, idAt: (n: number) => string): typeof WritesModule {
  return {
    ...real,
    createWrites(...args) {
      let n = 0;
      return { ...real.createWrites(...args), newId: () => idAt(++n) };
    },
  };
}
