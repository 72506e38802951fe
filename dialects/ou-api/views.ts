/** Core views -> the OU API's DTOs, with keys in the schema's order. */
import type { TreeShape, UnitsApi, UnitView, UserView } from '../../mock/core/index.ts';
import type { OUChildInfo, OUListItem, OUResponse, OUTreeNode, UserItem } from './dto.ts';

/** Siblings by lower-cased name, ties by id (OU-G2, OU-R2). */
const BY_NAME = [{ key: 'name' }] as const;

/** The full `OUResponse`; `children` are the direct children, each with `children: []` (OU-G2). */
export function ouResponse(api: UnitsApi, u: UnitView): OUResponse {
  return {
    name: u.name,
    description: u.description,
    id: u.id,
    path: u.path,
    parent_id: u.parentId,
    child_ou_count: u.childCount,
    user_count: u.userCount,
    children: api.queryUnits({ where: { parentId: u.id }, orderBy: BY_NAME }).items.map(childInfo),
    custom_attributes: u.customAttributes,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

function childInfo(u: UnitView): OUChildInfo {
  return { ou_id: u.id, name: u.name, path: u.path, user_count: u.userCount, children: [] };
}

export function listItem(u: UnitView): OUListItem {
  return { id: u.id, name: u.name, path: u.path, parent_id: u.parentId, user_count: u.userCount };
}

export function userItem(u: UserView): UserItem {
  return { id: u.id, email: u.email, display_name: u.displayName, ou_id: u.unitId };
}

/**
 * The forest as nested `OUTreeNode`s, leaves with `children: []` (OU-R1, OU-R2); nodes at
 * `maxDepth` (top level = 1) get no children. One shape object per depth: the core keeps the
 * built tree per shape until the next change, so concurrent readers share one copy.
 */
export function treeShape(maxDepth: number): TreeShape<OUTreeNode> {
  return {
    maxDepth,
    node: (u) => ({ id: u.id, name: u.name, path: u.path, children: [] }),
    setChildren: (parent, children) => {
      parent.children = children;
    },
  };
}
