/**
 * What the home page's explorer reads (`GET /__mock/tenants/{id}/ous`, `.../ous/{ou_id}/users`):
 * one level of the tree at a time, with the counts that say whether a level has more below it,
 * so a tenant of 100,000 OUs is browsed without sending its whole tree.
 */
import type { UnitsApi } from '../core/index.ts';

/** Items per page of the explorer. */
export const BROWSE_PAGE = 100;

export interface BrowsedOu {
  id: string;
  name: string;
  path: string;
  child_ou_count: number;
  user_count: number;
}

export interface BrowsedUser {
  id: string;
  email: string;
  display_name: string;
  ou_id: string | null;
}

export interface BrowsePage<T> {
  data: T[];
  pagination: { page: number; per_page: number; total_items: number; total_pages: number };
}

function pageOf<T>(data: T[], total: number, page: number): BrowsePage<T> {
  return { data, pagination: { page, per_page: BROWSE_PAGE, total_items: total, total_pages: Math.ceil(total / BROWSE_PAGE) } };
}

/**
 * One page of the children of `parentId` (top-level OUs when absent), by name, with their counts.
 * @throws DomainError not_found for an unknown parent.
 */
export function browseOus(tenant: UnitsApi, parentId: string | undefined, page = 1): BrowsePage<BrowsedOu> {
  if (parentId !== undefined) tenant.getUnit(parentId);
  const { total, items } = tenant.queryUnits({
    where: { parentId: parentId ?? null },
    orderBy: [{ key: 'name' }],
    window: { offset: (page - 1) * BROWSE_PAGE, limit: BROWSE_PAGE },
  });
  const shown = items.map((u) => ({ id: u.id, name: u.name, path: u.path, child_ou_count: u.childCount, user_count: u.userCount }));
  return pageOf(shown, total, page);
}

/** One page of the users directly in an OU, by e-mail. @throws DomainError not_found for an unknown OU. */
export function browseUsers(tenant: UnitsApi, ouId: string, page = 1): BrowsePage<BrowsedUser> {
  const users = tenant.usersOf(ouId, false);
  const shown = users
    .slice((page - 1) * BROWSE_PAGE, page * BROWSE_PAGE)
    .map((u) => ({ id: u.id, email: u.email, display_name: u.displayName, ou_id: u.unitId }));
  return pageOf(shown, users.length, page);
}
