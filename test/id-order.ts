/**
 * Another implementation's id scheme, for tests: the mock's writes with their id source swapped
 * for a sequence (ascending, as an auto-increment key gives, or descending). A verdict of
 * `verify` must not depend on whether new ids happen to sort in creation order.
 *
 * @example
 * vi.mock('../mock/writes.ts', async (importOriginal) => (await import('./id-order.ts')).withIdOrder(await importOriginal()));
 * useIdOrder('ascending'); // mocks created from now on hand out 00000001-…, 00000002-…
 */
import type * as WritesModule from '../mock/writes.ts';

export type IdOrder = 'random' | 'ascending' | 'descending';

let current: IdOrder = 'random';

/** The id order of the mocks created from now on. */
export function useIdOrder(order: IdOrder): void {
  current = order;
}

/** The n-th id of a sequence: UUID v4-shaped, its first group counting up or down (string order is creation order, or its reverse); letters in the rest, as GUIDs have. */
export function sequentialId(order: Exclude<IdOrder, 'random'>): (n: number) => string {
  return (n) => `${(order === 'ascending' ? n : 0xffffffff - n).toString(16).padStart(8, '0')}-abcd-4ef0-8abc-def012345678`;
}

/**
 * The writes module with `idAt(n)` as the n-th id each mock hands out (1, 2, …), for a test that
 * plants ids a check must not be fooled by.
 *
 * @example
 * vi.mock('../../../mock/writes.ts', async (importOriginal) => (await import('../../../test/id-order.ts')).withIds(await importOriginal(), (n) => `…${n}`));
 */
export function withIds(real: typeof WritesModule, idAt: (n: number) => string): typeof WritesModule {
  return {
    ...real,
    createWrites(...args) {
      let n = 0;
      return { ...real.createWrites(...args), newId: () => idAt(++n) };
    },
  };
}

/** The writes module with `createWrites` handing out ids in the order `useIdOrder` set (its log replay then gets other ids). */
export function withIdOrder(real: typeof WritesModule): typeof WritesModule {
  const planted = { ascending: withIds(real, sequentialId('ascending')), descending: withIds(real, sequentialId('descending')) };
  return { ...real, createWrites: (...args) => (current === 'random' ? real : planted[current]).createWrites(...args) };
}
