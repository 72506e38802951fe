/** Which tenant a request addresses: its domain(s) (AD-L3, AD-A2). */
import { describe, expect, it } from 'vitest';
import { HostError } from '../../types.ts';
import { adTenantOf } from '../tenant.ts';
import { env, makeDirectory, request } from './helpers.ts';

function failureOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof HostError) return error.failure;
    throw error;
  }
  throw new Error('no HostError');
}

describe('adTenantOf', () => {
  const dir = makeDirectory();
  const e = env(dir);

  it("names the token's tenant for its own domain, in any case, once or repeated", () => {
    expect(adTenantOf(request('listAdOus', { domains: 'ACME.example.com' }), e)).toBe('acme');
    expect(adTenantOf(request('listAdOus', { domains: 'acme.example.com, acme.example.com' }), e)).toBe('acme');
    expect(adTenantOf(request('updateAdOus', { domain: 'acme.example.com' }), e)).toBe('acme');
  });

  it("names another tenant when any domain is that tenant's, so the host answers 403", () => {
    expect(adTenantOf(request('listAdOus', { domains: 'acme.example.com,globex.example.com' }), e)).toBe('globex');
    expect(adTenantOf(request('updateAdOus', { domain: 'globex.example.com' }), e)).toBe('globex');
  });

  it('refuses an unknown, empty or missing domain as an invalid parameter', () => {
    expect(failureOf(() => adTenantOf(request('listAdOus', { domains: 'initech.example.com' }), e))).toEqual({
      kind: 'invalid_request',
      issues: [{ in: 'query', loc: ['domains'], message: 'unknown domain "initech.example.com"', keyword: 'domain' }],
    });
    expect(failureOf(() => adTenantOf(request('listAdOus', { domains: 'acme.example.com,' }), e))).toMatchObject({ kind: 'invalid_request' });
    expect(failureOf(() => adTenantOf(request('updateAdOus', { domain: '' }), e))).toMatchObject({ kind: 'invalid_request' });
  });

  it('with the ad-unknown-domain-ignored defect, falls back to the token tenant', () => {
    expect(adTenantOf(request('listAdOus', { domains: 'initech.example.com' }), env(dir, ['ad-unknown-domain-ignored']))).toBeUndefined();
  });
});
