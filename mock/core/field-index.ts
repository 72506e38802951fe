/**
 * The unique indexes over the dialect fields of one tenant's units: `code` (exact match) and
 * explicit external ids (per sourceType + sourceId). The default external id of a unit (its
 * own id, see external-ids.ts) is not stored here: the id index already holds it.
 */
import type { OuRecord } from './records.ts';
import type { DialectFields } from './units.ts';

type ExternalId = NonNullable<DialectFields['externalId']>;

/** One map key per (sourceType, sourceId, value); JSON keeps the three parts apart whatever they hold. */
export function externalKey(id: ExternalId): string {
  return JSON.stringify([id.sourceType, id.sourceId, id.value]);
}

export class FieldIndex {
  private readonly byCode = new Map<string, OuRecord>();
  private readonly byExternal = new Map<string, OuRecord>();

  withCode(code: string): OuRecord | undefined {
    return this.byCode.get(code);
  }

  withExternalId(id: ExternalId): OuRecord | undefined {
    // Most tenants hold no explicit external id: skip building the key (every create and load asks).
    return this.byExternal.size === 0 ? undefined : this.byExternal.get(externalKey(id));
  }

  /** Indexes `rec.fields`; the caller has checked they are free. */
  add(rec: OuRecord): void {
    const { code, externalId } = rec.fields;
    if (code !== null) this.byCode.set(code, rec);
    if (externalId !== null) this.byExternal.set(externalKey(externalId), rec);
  }

  /** Forgets `rec.fields` (before they change or the unit goes). */
  remove(rec: OuRecord): void {
    const { code, externalId } = rec.fields;
    if (code !== null && this.byCode.get(code) === rec) this.byCode.delete(code);
    if (externalId !== null) {
      const key = externalKey(externalId);
      if (this.byExternal.get(key) === rec) this.byExternal.delete(key);
    }
  }
}
