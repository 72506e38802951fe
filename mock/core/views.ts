/** Stored records -> contract DTOs, with keys in the schema's order. */
import { cloneAttributes } from './attributes.ts';
import type { OUChildInfo, OUListItem, OUResponse, OUTreeNode, UserItem } from './dto.ts';
import type { Hierarchy } from './hierarchy.ts';
import { byName, type OuRecord, type UserRecord } from './records.ts';

/** Direct children ordered by lower-cased name, ties by id (OU-G2, OU-R2). */
export function sortedChildren(rec: OuRecord): OuRecord[] {
  return Array.from(rec.children.values()).sort(byName);
}

/** The full `OUResponse`; `children` are the direct children, each with `children: []` (OU-G2). */
export function ouResponse(ous: Hierarchy, rec: OuRecord): OUResponse {
  return {
    name: rec.name,
    description: rec.description,
    id: rec.id,
    path: rec.path,
    parent_id: rec.parent === null ? null : rec.parent.id,
    child_ou_count: ous.childCount(rec),
    user_count: ous.userCount(rec),
    children: sortedChildren(rec).map((c) => childInfo(ous, c)),
    custom_attributes: cloneAttributes(rec.attributes),
    created_at: rec.createdAt,
    updated_at: rec.updatedAt,
  };
}

function childInfo(ous: Hierarchy, rec: OuRecord): OUChildInfo {
  return { ou_id: rec.id, name: rec.name, path: rec.path, user_count: ous.userCount(rec), children: [] };
}

export function listItem(ous: Hierarchy, rec: OuRecord): OUListItem {
  return {
    id: rec.id,
    name: rec.name,
    path: rec.path,
    parent_id: rec.parent === null ? null : rec.parent.id,
    user_count: ous.userCount(rec),
  };
}

export function userItem(u: UserRecord): UserItem {
  return { id: u.id, email: u.email, display_name: u.displayName, ou_id: u.ou === null ? null : u.ou.id };
}

/**
 * The forest as nested `OUTreeNode`s, siblings by lower-cased name, leaves with `children: []`
 * (OU-R1, OU-R2). Built with an explicit stack: a deep chain must not overflow the call stack.
 * Nodes at `maxDepth` (top level = 1) get no children.
 */
export function forest(ous: Hierarchy, maxDepth = Infinity): OUTreeNode[] {
  const stack: Array<{ rec: OuRecord; node: OUTreeNode; depth: number }> = [];
  const grow = (rec: OuRecord, depth: number): OUTreeNode => {
    const node: OUTreeNode = { id: rec.id, name: rec.name, path: rec.path, children: [] };
    stack.push({ rec, node, depth });
    return node;
  };
  const top = Array.from(ous.topLevel()).sort(byName).map((r) => grow(r, 1));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { rec, node, depth } = item;
    if (depth < maxDepth) node.children = sortedChildren(rec).map((c) => grow(c, depth + 1));
  }
  return top;
}
