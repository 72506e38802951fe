import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../http/typed-errors.ts';
import { createFaults, type FaultRoute } from '../faults.ts';

const P = '/api/v1/tenants/acme/ous/x';
const ROUTES: FaultRoute[] = [
  { operationId: 'listOus', path: '/api/v1/tenants/{tenant_id}/ous' },
  { operationId: 'getOuTree', path: '/api/v1/tenants/{tenant_id}/ous/tree' },
  { operationId: 'getOu', path: '/api/v1/tenants/{tenant_id}/ous/{ou_id}' },
];

describe('faults', () => {
  it('applies to nothing until set, and to nothing after clear', () => {
    const faults = createFaults(1, ROUTES);
    expect(faults.decide('getOu', P)).toBeUndefined();
    faults.set({ latency_ms: 5 });
    expect(faults.decide('getOu', P)).toEqual({ delayMs: 5 });
    expect(faults.get()).toEqual({ rules: [{ latency_ms: 5 }] });
    faults.clear();
    expect(faults.get()).toBeNull();
    expect(faults.decide('getOu', P)).toBeUndefined();
  });

  it('matches an operationId exactly, or a path glob (* within a segment, ** across)', () => {
    const faults = createFaults(1, ROUTES);
    faults.set({ route: 'getOu', latency_ms: 1 });
    expect(faults.decide('getOu', P)).toBeDefined();
    expect(faults.decide('getOuTree', P)).toBeUndefined();
    faults.set({ route: '/api/v1/tenants/*/ous', latency_ms: 1 });
    expect(faults.decide('listOus', '/api/v1/tenants/acme/ous')).toBeDefined();
    expect(faults.decide('listOus', '/api/v1/tenants/a/b/ous')).toBeUndefined();
    faults.set({ route: '/api/**', latency_ms: 1 });
    expect(faults.decide('listOuUsers', '/api/v1/tenants/a/ous/x/users')).toBeDefined();
  });

  it('refuses a route that selects nothing of the contract, naming body.route, and keeps the faults in force', () => {
    const faults = createFaults(1, ROUTES);
    faults.set({ route: 'getOu', latency_ms: 7 });
    for (const route of ['getOus', '/api/v9/**', 'api/v1/**', '/api/v1/tenants/*/ous/*/groups']) {
      let caught: unknown;
      try {
        faults.set({ route, latency_ms: 1 });
      } catch (err) {
        caught = err;
      }
      expect(caught, route).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues[0]?.loc).toEqual(['body', 'route']);
    }
    expect(faults.get()).toEqual({ rules: [{ route: 'getOu', latency_ms: 7 }] });
  });

  it('takes several rules: latencies add up, the first rule whose error fires sets the status', () => {
    const faults = createFaults(1, ROUTES);
    faults.set({ rules: [{ latency_ms: 10 }, { route: 'getOu', latency_ms: 5, error_rate: 1, error_status: 500 }, { route: '/api/**', error_rate: 1, error_status: 502 }] });
    expect(faults.decide('getOu', P)).toEqual({ delayMs: 15, errorStatus: 500 });
    expect(faults.decide('listOus', '/api/v1/tenants/acme/ous')).toEqual({ delayMs: 10, errorStatus: 502 });
    expect(faults.get()?.rules).toHaveLength(3);
  });

  it('refuses a list with one bad route, naming its index, and keeps the rules in force', () => {
    const faults = createFaults(1, ROUTES);
    faults.set({ route: 'getOu', latency_ms: 7 });
    let caught: unknown;
    try {
      faults.set({ rules: [{ route: 'listOus', latency_ms: 1 }, { route: '/nowhere/**', latency_ms: 1 }] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues[0]).toMatchObject({ loc: ['body', 'rules', 1, 'route'], msg: expect.stringContaining('matches no route') });
    expect(faults.get()).toEqual({ rules: [{ route: 'getOu', latency_ms: 7 }] });
  });

  it('matches the pathological glob of issue 14 at once, and correctly', () => {
    const faults = createFaults(1, ROUTES);
    // As filed it is one segment long, so it selects no route of the contract: refused.
    expect(() => faults.set({ route: `/${'**a'.repeat(12)}**b`, latency_ms: 1 })).toThrow(ValidationError);
    faults.set({ route: `/api/v1/tenants/acme/ous/${'**a'.repeat(12)}**b`, latency_ms: 1 });
    // A backtracking RegExp spends seconds here (about 6x more per 4 characters); this returns at once.
    expect(faults.decide('getOu', `/api/v1/tenants/acme/ous/${'a'.repeat(34)}`)).toBeUndefined();
    expect(faults.decide('getOu', `/api/v1/tenants/acme/ous/${'a'.repeat(34)}b`)).toBeDefined();
  });

  it('fails about error_rate of the requests, the same ones for the same seed', () => {
    const run = (seed: number): boolean[] => {
      const faults = createFaults(seed, ROUTES);
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
    const faults = createFaults(9, ROUTES);
    faults.set({ latency_ms: 10, jitter_ms: 5, error_rate: 1 });
    for (let i = 0; i < 50; i++) {
      const d = faults.decide('getOu', P);
      expect(d?.delayMs).toBeGreaterThanOrEqual(10);
      expect(d?.delayMs).toBeLessThan(15);
      expect(d?.errorStatus).toBe(503);
    }
  });
});
