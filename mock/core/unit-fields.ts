/**
 * Dialect fields of a unit (units.ts DialectFields): checking a change and keeping codes and
 * external ids unique per tenant.
 *
 * External ids: a unit without an explicit one has the default `(build_in, <tenant id>, <unit
 * id>)`. Defaults and explicit ids share one space, so an explicit `(build_in, <tenant>, X)`
 * collides with the unit whose id is X (unless that unit has an explicit id of its own), and a
 * new unit never gets an id some unit holds as such an explicit external id.
 */
import { DomainError } from './errors.ts';
import type { Hierarchy } from './hierarchy.ts';
import { NO_FIELDS, type OuRecord } from './records.ts';
import type { DialectFields } from './units.ts';

type ExternalId = NonNullable<DialectFields['externalId']>;

/** The sourceType of every unit's default external id (its sourceId is the tenant id). */
export const BUILT_IN_SOURCE = 'build_in';

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function readCode(v: unknown): string | null {
  if (v === null || nonEmpty(v)) return v;
  throw new DomainError('invalid', 'bad_value', 'code must be a non-empty string or null', 'code');
}

function readExternalId(v: unknown): ExternalId | null {
  if (v === null) return null;
  const o = v as Partial<ExternalId> | undefined;
  if (typeof o === 'object' && o !== null && nonEmpty(o.sourceType) && nonEmpty(o.sourceId) && nonEmpty(o.value)) {
    return Object.freeze({ sourceType: o.sourceType, sourceId: o.sourceId, value: o.value });
  }
  throw new DomainError('invalid', 'bad_value', 'externalId must be null or non-empty sourceType, sourceId and value', 'externalId');
}

function readAd(v: unknown): Readonly<Record<string, string>> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const entries = Object.entries(v);
    if (entries.every(([, value]) => typeof value === 'string')) return Object.freeze(Object.fromEntries(entries));
  }
  throw new DomainError('invalid', 'bad_value', 'ad attributes must be an object of strings', 'attributes');
}

function readProtected(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  throw new DomainError('invalid', 'bad_value', 'protected must be a boolean');
}

/**
 * The fields after `change` (only the keys present change), checked; `current` itself when
 * nothing is given, so units without dialect fields keep sharing NO_FIELDS.
 *
 * @throws DomainError `invalid` / `bad_value` naming the field.
 */
export function mergeFields(current: Readonly<DialectFields>, change: Partial<DialectFields> | undefined): Readonly<DialectFields> {
  if (change === undefined) return current;
  const next: DialectFields = {
    code: change.code === undefined ? current.code : readCode(change.code),
    externalId: change.externalId === undefined ? current.externalId : readExternalId(change.externalId),
    ad: change.ad === undefined ? current.ad : readAd(change.ad),
    protected: change.protected === undefined ? current.protected : readProtected(change.protected),
  };
  const plain = next.code === null && next.externalId === null && Object.keys(next.ad).length === 0 && !next.protected;
  return plain ? NO_FIELDS : Object.freeze(next);
}

/** The default external id of unit `id` in tenant `tenantId`. */
export function defaultExternalId(tenantId: string, id: string): ExternalId {
  return { sourceType: BUILT_IN_SOURCE, sourceId: tenantId, value: id };
}

/** The unit holding external id `ext` in this tenant, explicitly or as its default. */
export function externalHolder(ous: Hierarchy, tenantId: string, ext: ExternalId): OuRecord | undefined {
  const explicit = ous.fields.withExternalId(ext);
  if (explicit !== undefined) return explicit;
  if (ext.sourceType !== BUILT_IN_SOURCE || ext.sourceId !== tenantId) return undefined;
  const byId = ous.get(ext.value);
  return byId !== undefined && byId.fields.externalId === null ? byId : undefined;
}

/**
 * Checks that `self` (null: a unit being created, whose id freshId picks free) may hold
 * `fields`: its code and its external id (explicit or default) belong to no other unit.
 *
 * @throws DomainError `conflict` (code_taken, external_id_taken).
 */
export function assertFieldsFree(ous: Hierarchy, tenantId: string, self: OuRecord | null, fields: Readonly<DialectFields>): void {
  if (fields.code !== null) {
    const holder = ous.fields.withCode(fields.code);
    if (holder !== undefined && holder !== self) {
      throw new DomainError('conflict', 'code_taken', `code "${fields.code}" is already used by unit "${holder.id}"`, 'code');
    }
  }
  const ext = fields.externalId ?? (self === null ? null : defaultExternalId(tenantId, self.id));
  if (ext === null) return;
  const holder = externalHolder(ous, tenantId, ext);
  if (holder !== undefined && holder !== self) {
    throw new DomainError(
      'conflict',
      'external_id_taken',
      `external id "${ext.value}" (${ext.sourceType}/${ext.sourceId}) is already used by unit "${holder.id}"`,
      'externalId',
    );
  }
}

/** Whether a new unit may get `id`: no unit holds it as an explicit default-space external id. */
export function idFreeAsExternal(ous: Hierarchy, tenantId: string, id: string): boolean {
  return ous.fields.withExternalId(defaultExternalId(tenantId, id)) === undefined;
}
