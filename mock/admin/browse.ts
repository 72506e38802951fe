/**
 * What the home page's explorer reads (`GET /__mock/tenants/{id}/ous`, `.../ous/{ou_id}/users`):
 * one level of the tree at a time, with the counts that say whether a level has more below it,
 * so a tenant of 100,000 OUs is browsed without sending its whole tree.
 */
import type { Page, Tenant, UserItem } from '../core/index.ts';

/** Items per page of the explorer. */
export const BROWSE_PAGE = 100;

export interface BrowsedOu {
  id: string;
  name: string;
  path: string;
  child_ou_count: number;
  user_count: number;
}

/**
 * One page of the children of `parentId` (top-level OUs when absent), with their counts.
 * @throws NotFoundError for an unknown parent.
 */
export function browseOus(tenant: Tenant, parentId: string | undefined, page = 1): Page<BrowsedOu> {
  const ids = parentId === undefined ? tenant.tree().map((node) => node.id) : (tenant.getOu(parentId).children ?? []).map((child) => child.ou_id);
  const shown = ids.slice((page - 1) * BROWSE_PAGE, page * BROWSE_PAGE).map((id) => {
    const ou = tenant.getOu(id);
    return { id: ou.id, name: ou.name, path: ou.path, child_ou_count: ou.child_ou_count ?? 0, user_count: ou.user_count ?? 0 };
  });
  return { data: shown, pagination: { page, per_page: BROWSE_PAGE, total_items: ids.length, total_pages: Math.ceil(ids.length / BROWSE_PAGE) } };
}

/** One page of the users directly in an OU. @throws NotFoundError for an unknown OU. */
export function browseUsers(tenant: Tenant, ouId: string, page = 1): Page<UserItem> {
  return tenant.listUsers(ouId, { page, per_page: BROWSE_PAGE });
}
