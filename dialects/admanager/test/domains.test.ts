/** Tenants as AD domains (AD-L3): the default `<tenant>.example.com` and a domain set for a tenant. */
import { describe, expect, it } from 'vitest';
import { Directory } from '../../../mock/core/index.ts';
import { domainOf, DomainNameError, setTenantDomain, tenantOfDomain } from '../domains.ts';

function directory(): Directory {
  const dir = new Directory();
  dir.createTenant('acme');
  dir.createTenant('globex');
  return dir;
}

describe('domains', () => {
  it('maps a tenant to <tenant>.example.com, case-insensitively', () => {
    const dir = directory();
    expect(domainOf(dir, 'acme')).toBe('acme.example.com');
    expect(tenantOfDomain(dir, 'ACME.Example.com')).toBe('acme');
    expect(tenantOfDomain(dir, 'initech.example.com')).toBeUndefined();
    expect(tenantOfDomain(dir, 'acme.example.org')).toBeUndefined();
  });

  it('uses a domain set for the tenant instead of the default, per directory', () => {
    const dir = directory();
    setTenantDomain(dir, 'acme', 'Corp.Acme.test');
    expect(domainOf(dir, 'acme')).toBe('corp.acme.test');
    expect(tenantOfDomain(dir, 'corp.acme.test')).toBe('acme');
    expect(tenantOfDomain(dir, 'acme.example.com')).toBeUndefined();
    expect(domainOf(directory(), 'acme')).toBe('acme.example.com');
    setTenantDomain(dir, 'acme', undefined);
    expect(tenantOfDomain(dir, 'acme.example.com')).toBe('acme');
  });

  it("refuses a name that is not a DNS name, or another tenant's domain", () => {
    const dir = directory();
    expect(() => setTenantDomain(dir, 'acme', 'localhost')).toThrow(DomainNameError);
    expect(() => setTenantDomain(dir, 'acme', 'bad_label.test')).toThrow(DomainNameError);
    expect(() => setTenantDomain(dir, 'acme', 'globex.example.com')).toThrow('another tenant');
    setTenantDomain(dir, 'globex', 'globex.test');
    expect(() => setTenantDomain(dir, 'acme', 'GLOBEX.test')).toThrow('another tenant');
  });
});
