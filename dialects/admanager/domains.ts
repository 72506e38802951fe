/**
 * Tenants as AD domains: `<tenant>.example.com` unless set otherwise (our reading of the
 * page). A domain set through the admin API (`setTenantDomain`) is held by the core's tenant
 * (`Tenant.adDomain`), so snapshots, the state file and imports carry it.
 */
import type { Directory } from '../../mock/core/index.ts';

const DEFAULT_SUFFIX = '.example.com';
/** One label: letters, digits and inner hyphens (RFC 1123), at most 63 characters. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a DNS name cannot be a tenant's domain. */
export class DomainNameError extends Error {}

/** The tenant's domain DNS name. */
export function domainOf(directory: Directory, tenantId: string): string {
  return configured(directory, tenantId) ?? `${tenantId.toLowerCase()}${DEFAULT_SUFFIX}`;
}

/** The domain set for the tenant, lower case (a snapshot may spell it otherwise), if any. */
function configured(directory: Directory, tenantId: string): string | undefined {
  return directory.tenant(tenantId).adDomain?.toLowerCase();
}

/**
 * Sets the tenant's domain; `undefined` goes back to the default. Throws DomainNameError for
 * a name that is not a DNS name of at least two labels, or that is another tenant's domain.
 *
 * @example
 * setTenantDomain(directory, 'acme', 'corp.acme.test');
 * domainOf(directory, 'acme'); // 'corp.acme.test'
 */
export function setTenantDomain(directory: Directory, tenantId: string, dnsName: string | undefined): void {
  const tenant = directory.tenant(tenantId);
  if (dnsName === undefined) {
    tenant.adDomain = null;
    return;
  }
  const name = dnsName.trim().toLowerCase();
  const labels = name.split('.');
  if (name.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    throw new DomainNameError(`"${dnsName}" is not a DNS name of two or more labels (letters, digits, hyphens)`);
  }
  const owner = tenantOfDomain(directory, name);
  if (owner !== undefined && owner !== tenantId) throw new DomainNameError(`"${name}" is the domain of another tenant`);
  tenant.adDomain = name;
}

/** The existing tenant whose domain is `dnsName` (case-insensitive), if any. */
export function tenantOfDomain(directory: Directory, dnsName: string): string | undefined {
  const name = dnsName.trim().toLowerCase();
  const tenantIds = directory.tenantIds();
  const set = tenantIds.find((tenantId) => configured(directory, tenantId) === name);
  if (set !== undefined) return set;
  if (!name.endsWith(DEFAULT_SUFFIX)) return undefined;
  const label = name.slice(0, -DEFAULT_SUFFIX.length);
  // A tenant with a configured domain no longer answers to its default one.
  const byDefault = (tenantId: string): boolean => tenantId.toLowerCase() === label && configured(directory, tenantId) === undefined;
  if (directory.hasTenant(label) && byDefault(label)) return label;
  return tenantIds.find(byDefault);
}
