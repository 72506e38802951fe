/** Test helpers of the neutral core: a deterministic Directory and its clock readings. */
import { Directory } from '../directory.ts';
import type { Tenant } from '../tenant.ts';

export const T0 = Date.parse('2025-01-01T00:00:00.000Z');

/** The ISO time of the n-th clock reading (the clock advances 1 s per reading, starting at T0). */
export function tick(n: number): string {
  return new Date(T0 + n * 1000).toISOString();
}

/** A Directory with a 1 s-per-call clock and ids `id-1`, `id-2`, … (users share the counter). */
export function makeDirectory(): Directory {
  let clock = 0;
  let id = 0;
  return new Directory({ clock: () => new Date(T0 + clock++ * 1000), newId: () => `id-${++id}` });
}

export function makeTenant(tenantId = 'acme'): Tenant {
  return makeDirectory().createTenant(tenantId);
}
