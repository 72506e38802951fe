/** Which OUs a list request matches, in list order (OU-L4..L7). */
import type { Defects } from '../defects.ts';
import type { Hierarchy } from './hierarchy.ts';
import { byPath, type OuRecord } from './records.ts';

function nameMatcher(search: string, defects: Defects): (rec: OuRecord) => boolean {
  // search-as-regex defect (OU-L5): the text is taken as a pattern.
  if (defects.has('search-as-regex')) {
    const re = new RegExp(search, 'i');
    return (rec) => re.test(rec.name);
  }
  // search-case-sensitive defect (OU-L5).
  if (defects.has('search-case-sensitive')) return (rec) => rec.name.includes(search);
  const needle = search.toLowerCase();
  return (rec) => rec.lowerName.includes(needle);
}

function candidates(ous: Hierarchy, parentId: string | null, defects: Defects): readonly OuRecord[] {
  if (parentId === null) {
    // list-top-level-only defect (OU-L7): without parent_id only top-level OUs are listed.
    if (defects.has('list-top-level-only')) return ous.sortedByPath().filter((r) => r.parent === null);
    return ous.sortedByPath();
  }
  const parent = ous.get(parentId);
  // An unknown parent_id gives an empty list (OU-L6, the SHOULD choice).
  if (parent === undefined) return [];
  // parent-filter-nested defect (OU-L6): all descendants instead of the direct children.
  const kids = defects.has('parent-filter-nested') ? ous.subtree(parent).slice(1) : Array.from(parent.children.values());
  return kids.sort(byPath);
}

/**
 * The OUs a list request matches, ordered by lower-cased path: all OUs at every depth
 * (OU-L7), or the direct children of `parentId` (OU-L6), kept when their name contains
 * `search` case-insensitively as plain text (OU-L5).
 */
export function matchOus(
  ous: Hierarchy,
  search: string | null,
  parentId: string | null,
  defects: Defects,
): readonly OuRecord[] {
  if (search === null || search === '') return candidates(ous, parentId, defects);
  if (parentId === null && !searchDefect(defects)) return ous.namesContaining(search.toLowerCase());
  return candidates(ous, parentId, defects).filter(nameMatcher(search, defects));
}

/** Whether a defect changes how search or the unfiltered list work (then the record-by-record path runs). */
function searchDefect(defects: Defects): boolean {
  return defects.has('search-as-regex') || defects.has('search-case-sensitive') || defects.has('list-top-level-only');
}
