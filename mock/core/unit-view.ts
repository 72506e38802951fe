/** Stored records -> the neutral UnitView / UserView every dialect reads (units.ts). */
import { cloneAttributes } from './attributes.ts';
import type { Hierarchy } from './hierarchy.ts';
import type { OuRecord, UserRecord } from './records.ts';
import type { UnitView, UserView } from './units.ts';

/** Names from the top-level ancestor down; bounded by the tenant's size so a broken link cannot loop. */
export function lineageOf(rec: OuRecord, limit: number): string[] {
  const names: string[] = [];
  for (let n: OuRecord | null = rec; n !== null && names.length <= limit; n = n.parent) names.push(n.name);
  return names.reverse();
}

/** A copy of the unit as every dialect reads it. */
export function unitView(ous: Hierarchy, rec: OuRecord): UnitView {
  const lineage = lineageOf(rec, ous.size);
  const { fields } = rec;
  return {
    id: rec.id,
    name: rec.name,
    description: rec.description,
    parentId: rec.parent === null ? null : rec.parent.id,
    path: rec.path,
    lineage,
    depth: lineage.length,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    childCount: ous.childCount(rec),
    userCount: ous.userCount(rec),
    customAttributes: cloneAttributes(rec.attributes),
    fields: {
      code: fields.code,
      externalId: fields.externalId === null ? null : { ...fields.externalId },
      ad: { ...fields.ad },
      protected: fields.protected,
    },
  };
}

export function userView(u: UserRecord): UserView {
  return { id: u.id, email: u.email, displayName: u.displayName, unitId: u.ou === null ? null : u.ou.id };
}
