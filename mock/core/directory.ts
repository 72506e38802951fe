/** All tenants of the mock: creating, finding, resetting and exporting them. */
import { randomUUID } from 'node:crypto';
import { NO_DEFECTS, type Defects } from '../defects.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { readSnapshot, readTenantSnapshot } from './snapshot-load.ts';
import type { Snapshot, TenantSnapshot } from './snapshot.ts';
import { TenantStore, type StoreRef } from './store.ts';
import { Tenant, type TenantContext } from './tenant.ts';

export interface DirectoryOptions {
  /** Source of `created_at` / `updated_at`; default `() => new Date()`. */
  clock?: () => Date;
  /** Source of new OU and user ids; default `crypto.randomUUID`. Ids are never reused in a tenant. */
  newId?: () => string;
  /** Test-only defect switches; the core honours those with layer 'core'. */
  defects?: Defects;
}

interface Entry {
  tenant: Tenant;
  ref: StoreRef;
}

/**
 * The set of tenants. Each tenant's data is reachable only through its own Tenant (OU-T1).
 *
 * @example
 * const dir = new Directory({ clock: () => new Date('2025-01-01T00:00:00Z') });
 * const acme = dir.createTenant('acme');
 * acme.createOu({ name: 'Sales' });
 * dir.toSnapshot().tenants[0].ous.length; // 1
 */
export class Directory {
  private readonly entries = new Map<string, Entry>();
  private readonly ctx: TenantContext;

  constructor(opts: DirectoryOptions = {}) {
    this.ctx = {
      clock: opts.clock ?? (() => new Date()),
      newId: opts.newId ?? randomUUID,
      defects: opts.defects ?? NO_DEFECTS,
      ownerOf: (ouId, asking) => this.ownerOf(ouId, asking),
    };
  }

  /** Builds a Directory from a snapshot; an invalid snapshot throws ValidationError naming the item. */
  static fromSnapshot(s: Snapshot, opts?: DirectoryOptions): Directory {
    const dir = new Directory(opts);
    for (const { tenantId, store } of readSnapshot(s, dir.ctx.defects)) dir.add(tenantId, store);
    return dir;
  }

  /** Creates an empty tenant; ConflictError if it exists. */
  createTenant(tenantId: string): Tenant {
    if (typeof tenantId !== 'string' || tenantId === '') {
      throw ValidationError.field(['path', 'tenant_id'], 'tenant_id must be a non-empty string', 'string_type');
    }
    if (this.entries.has(tenantId)) throw new ConflictError(`tenant "${tenantId}" already exists`);
    return this.add(tenantId, new TenantStore(this.ctx.defects));
  }

  /** The tenant; NotFoundError if unknown. */
  tenant(tenantId: string): Tenant {
    const entry = this.entries.get(tenantId);
    if (entry === undefined) throw new NotFoundError(`tenant "${tenantId}" not found`);
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

  /** Deletes a tenant and all it holds; NotFoundError if unknown. */
  deleteTenant(tenantId: string): void {
    if (!this.entries.delete(tenantId)) throw new NotFoundError(`tenant "${tenantId}" not found`);
  }

  /**
   * Creates the tenant, or replaces its whole state (reset/import). The snapshot is validated
   * first: an invalid one throws ValidationError and changes nothing. An existing Tenant object
   * stays valid and sees the new state.
   */
  loadTenant(s: TenantSnapshot): Tenant {
    const { tenantId, store } = readTenantSnapshot(s, this.ctx.defects);
    const entry = this.entries.get(tenantId);
    if (entry === undefined) return this.add(tenantId, store);
    entry.ref.store = store;
    return entry.tenant;
  }

  /** Every tenant as plain JSON. */
  toSnapshot(): Snapshot {
    return { version: 1, tenants: Array.from(this.entries.values(), (e) => e.tenant.toSnapshot()) };
  }

  private add(tenantId: string, store: TenantStore): Tenant {
    const ref: StoreRef = { store };
    const tenant = new Tenant(tenantId, ref, this.ctx);
    this.entries.set(tenantId, { tenant, ref });
    return tenant;
  }

  /** tenant-leak defect (OU-T1): the Directory-wide lookup that lets one tenant reach another's OU. */
  private ownerOf(ouId: string, asking: Tenant): Tenant | undefined {
    for (const { tenant, ref } of this.entries.values()) {
      if (tenant !== asking && ref.store.ous.has(ouId)) return tenant;
    }
    return undefined;
  }
}
