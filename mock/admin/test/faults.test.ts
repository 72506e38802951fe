import { describe, expect, it } from 'vitest';
import { createFaults, globToRegExp } from '../faults.ts';

const P = '/api/v1/tenants/acme/ous/x';

describe('faults', () => {
  it('applies to nothing until set, and to nothing after clear', () => {
    const faults = createFaults(1);
    expect(faults.decide('getOu', P)).toBeUndefined();
    faults.set({ latency_ms: 5 });
    expect(faults.decide('getOu', P)).toEqual({ delayMs: 5 });
    faults.clear();
    expect(faults.get()).toBeNull();
    expect(faults.decide('getOu', P)).toBeUndefined();
  });

  it('matches an operationId exactly, or a path glob (* within a segment, ** across)', () => {
    const faults = createFaults(1);
    faults.set({ route: 'getOu', latency_ms: 1 });
    expect(faults.decide('getOu', P)).toBeDefined();
    expect(faults.decide('getOuTree', P)).toBeUndefined();
    expect(globToRegExp('/api/v1/tenants/*/ous').test('/api/v1/tenants/acme/ous')).toBe(true);
    expect(globToRegExp('/api/v1/tenants/*/ous').test('/api/v1/tenants/a/b/ous')).toBe(false);
    expect(globToRegExp('/api/**').test('/api/v1/tenants/a/ous/x/users')).toBe(true);
    expect(globToRegExp('/a.b/(x)').test('/aXb/(x)')).toBe(false);
  });

  it('fails about error_rate of the requests, the same ones for the same seed', () => {
    const run = (seed: number): boolean[] => {
      const faults = createFaults(seed);
      faults.set({ error_rate: 0.3, error_status: 500 });
      return Array.from({ length: 1000 }, () => faults.decide('listOus', P)?.errorStatus === 500);
    };
    const a = run(42);
    const share = a.filter(Boolean).length / a.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(run(42)).toEqual(a);
    expect(run(43)).not.toEqual(a);
  });

  it('adds up to jitter_ms to latency_ms; default error status 503', () => {
    const faults = createFaults(9);
    faults.set({ latency_ms: 10, jitter_ms: 5, error_rate: 1 });
    for (let i = 0; i < 50; i++) {
      const d = faults.decide('getOu', P);
      expect(d?.delayMs).toBeGreaterThanOrEqual(10);
      expect(d?.delayMs).toBeLessThan(15);
      expect(d?.errorStatus).toBe(503);
    }
  });
});
