/** All tenants of the mock: creating, finding, resetting and exporting them. */
import { DomainError } from './errors.ts';
import { DEFAULT_POLICIES, type Policies } from './policies.ts';
import { domainKey, domainTaken, readSnapshot, readTenantSnapshot } from './snapshot-load.ts';
import type { Snapshot, TenantSnapshot } from './snapshot.ts';
import { TenantStore, type StoreRef } from './store.ts';
import { Tenant, type TenantContext } from './tenant.ts';

export interface DirectoryOptions {
  /** Source of `createdAt` / `updatedAt`; default `() => new Date()`. */
  clock?: () => Date;
  /** Source of new unit and user ids; default `crypto.randomUUID`. Ids are never reused in a tenant. */
  newId?: () => string;
  /** The domain rules' variation points; default DEFAULT_POLICIES (test-only variants: dialects/ou-api/defect-policies.ts). */
  policies?: Policies;
}

interface Entry {
  tenant: Tenant;
  ref: StoreRef;
}

/**
 * The set of tenants. Each tenant's data is reachable only through its own Tenant (OU-T1):
 * there is no lookup across tenants.
 *
 * @example
 * const dir = new Directory({ clock: () => new Date('2025-01-01T00:00:00Z') });
 * const acme = dir.createTenant('acme');
 * acme.createUnit({ name: 'Sales' });
 * dir.toSnapshot().tenants[0].ous.length; // 1
 */
export class Directory {
  private readonly entries = new Map<string, Entry>();
  private readonly ctx: TenantContext;
  private readonly policies: Policies;

  constructor(opts: DirectoryOptions = {}) {
    this.ctx = { clock: opts.clock ?? (() => new Date()), newId: opts.newId ?? (() => globalThis.crypto.randomUUID()) };
    this.policies = opts.policies ?? DEFAULT_POLICIES;
  }

  /** Builds a Directory from a snapshot; an invalid snapshot throws SnapshotError naming the item. */
  static fromSnapshot(s: Snapshot, opts?: DirectoryOptions): Directory {
    const dir = new Directory(opts);
    for (const { tenantId, store } of readSnapshot(s, dir.policies)) dir.add(tenantId, store);
    return dir;
  }

  /** Creates an empty tenant; DomainError conflict `id_taken` if it exists. */
  createTenant(tenantId: string): Tenant {
    if (typeof tenantId !== 'string' || tenantId === '') {
      throw new DomainError('invalid', 'bad_value', 'tenant_id must be a non-empty string', 'id');
    }
    if (this.entries.has(tenantId)) throw new DomainError('conflict', 'id_taken', `tenant "${tenantId}" already exists`, 'id');
    return this.add(tenantId, new TenantStore(this.policies));
  }

  /** The tenant; DomainError not_found if unknown. */
  tenant(tenantId: string): Tenant {
    const entry = this.entries.get(tenantId);
    if (entry === undefined) throw tenantNotFound(tenantId);
    return entry.tenant;
  }

  /** Whether the tenant exists. */
  hasTenant(tenantId: string): boolean {
    return this.entries.has(tenantId);
  }

  /** Tenant ids in creation order. */
  tenantIds(): string[] {
    return Array.from(this.entries.keys());
  }

  /** Deletes a tenant and all it holds; DomainError not_found if unknown. */
  deleteTenant(tenantId: string): void {
    if (!this.entries.delete(tenantId)) throw tenantNotFound(tenantId);
  }

  /**
   * Creates the tenant, or replaces its whole state (reset/import). The snapshot is validated
   * first: an invalid one (or an `ad_domain` another tenant holds) throws SnapshotError and
   * changes nothing. An existing Tenant object stays valid and sees the new state; it keeps
   * its AD domain unless the snapshot names one, so a reset does not move the tenant's address.
   */
  loadTenant(s: TenantSnapshot): Tenant {
    const { tenantId, store } = readTenantSnapshot(s, this.policies);
    if (store.adDomain !== null) {
      const owner = this.domainOwner(store.adDomain, tenantId);
      if (owner !== undefined) throw domainTaken(['ad_domain'], store.adDomain, owner);
    }
    const entry = this.entries.get(tenantId);
    if (entry === undefined) return this.add(tenantId, store);
    store.adDomain ??= entry.ref.store.adDomain;
    entry.ref.store = store;
    return entry.tenant;
  }

  /** Every tenant as plain JSON. */
  toSnapshot(): Snapshot {
    return { version: 1, tenants: Array.from(this.entries.values(), (e) => e.tenant.toSnapshot()) };
  }

  /** The tenant other than `except` whose AD domain is `dnsName` (case-insensitive), if any. */
  private domainOwner(dnsName: string, except: string): string | undefined {
    const key = domainKey(dnsName);
    for (const [id, { ref }] of this.entries) {
      const held = ref.store.adDomain;
      if (id !== except && held !== null && domainKey(held) === key) return id;
    }
    return undefined;
  }

  private add(tenantId: string, store: TenantStore): Tenant {
    const ref: StoreRef = { store };
    const tenant = new Tenant(tenantId, ref, this.ctx);
    this.entries.set(tenantId, { tenant, ref });
    return tenant;
  }
}

function tenantNotFound(tenantId: string): DomainError {
  return new DomainError('not_found', 'tenant_not_found', `tenant "${tenantId}" not found`, 'id');
}
