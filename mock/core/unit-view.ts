/** Stored records -> the neutral UnitView / UserView every dialect reads (units.ts). */
import type { Hierarchy } from './hierarchy.ts';
import type { OuRecord, UserRecord } from './records.ts';
import type { UnitView, UserView } from './units.ts';

/** Names from the top-level ancestor down; bounded by the tenant's size so a broken link cannot loop. */
export function lineageOf(rec: OuRecord, limit: number): string[] {
  let depth = 0;
  for (let n: OuRecord | null = rec; n !== null && depth <= limit; n = n.parent) depth++;
  // Sized up front: pushing onto [] reserves room for 16 or more names, read for every unit listed.
  const names = new Array<string>(depth);
  let i = depth;
  for (let n: OuRecord | null = rec; n !== null && i > 0; n = n.parent) names[--i] = n.name;
  return names;
}

/** A copy of the unit as every dialect reads it. */
export function unitView(ous: Hierarchy, rec: OuRecord): UnitView {
  const lineage = lineageOf(rec, ous.size);
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
    customAttributes: rec.attributes,
    // Frozen and replaced whole on change (records.ts): shared, not copied.
    fields: rec.fields,
  };
}

export function userView(u: UserRecord): UserView {
  return { id: u.id, email: u.email, displayName: u.displayName, unitId: u.ou === null ? null : u.ou.id };
}
