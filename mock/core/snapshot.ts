/** The persistence and seeding format: plain JSON with a stable key order (loading: snapshot-load.ts). */
import { cloneAttributes } from './attributes.ts';
import type { JsonObject, OuRecord } from './records.ts';
import type { TenantStore } from './store.ts';

export interface OuSnapshot {
  id: string;
  name: string;
  description: string | null;
  parent_id: string | null;
  custom_attributes: JsonObject | null;
  created_at: string;
  updated_at: string | null;
  /** Dialect fields (units.ts DialectFields), written only when set: older snapshots have none. */
  code?: string;
  external_id?: { source_type: string; source_id: string; value: string };
  ad_attributes?: Record<string, string>;
  protected?: boolean;
}

export interface UserSnapshot {
  id: string;
  email: string;
  display_name: string;
  ou_id: string | null;
}

/** One tenant; `ous` are written parents-before-children, but read in any order. */
export interface TenantSnapshot {
  tenant_id: string;
  /** The tenant's AD domain, written only when set: older snapshots have none. */
  ad_domain?: string;
  ous: OuSnapshot[];
  users: UserSnapshot[];
}

export interface Snapshot {
  version: 1;
  tenants: TenantSnapshot[];
}

/** Writes a store as JSON: OUs in path order (so parents come first), users in insertion order. */
export function writeTenantSnapshot(tenantId: string, store: TenantStore): TenantSnapshot {
  return {
    tenant_id: tenantId,
    ...(store.adDomain === null ? {} : { ad_domain: store.adDomain }),
    ous: store.ous.sortedByPath().map(writeOu),
    users: Array.from(store.users.values(), (u) => ({
      id: u.id,
      email: u.email,
      display_name: u.displayName,
      ou_id: u.ou === null ? null : u.ou.id,
    })),
  };
}

function writeOu(r: OuRecord): OuSnapshot {
  const out: OuSnapshot = {
    id: r.id,
    name: r.name,
    description: r.description,
    parent_id: r.parent === null ? null : r.parent.id,
    custom_attributes: cloneAttributes(r.attributes),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
  const { code, externalId, ad } = r.fields;
  if (code !== null) out.code = code;
  if (externalId !== null) out.external_id = { source_type: externalId.sourceType, source_id: externalId.sourceId, value: externalId.value };
  if (Object.keys(ad).length > 0) out.ad_attributes = { ...ad };
  if (r.fields.protected) out.protected = true;
  return out;
}
