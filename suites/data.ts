import type { Schemas } from '../contracts/index.ts';
import { isRecord } from './contract-model.ts';
import type { Exchange } from './exchange.ts';

export type Ou = Schemas['OUResponse'];
export type OuListItem = Schemas['OUListItem'];
export type OuTreeNode = Schemas['OUTreeNode'];
export type OuChildInfo = Schemas['OUChildInfo'];
export type Pagination = Schemas['PaginationMeta'];

/** A user as `/ous/{id}/users` lists it (OU-S4). */
export interface UserItem {
  id: string;
  email?: string;
  display_name?: string;
  ou_id?: string | null;
}

export interface PageOf<T> {
  data: T[];
  pagination: Pagination;
}

/** `data` of a single-object envelope, when it looks like an OU. */
export function ouOf(ex: Exchange): Ou | undefined {
  const data = isRecord(ex.body) ? ex.body['data'] : undefined;
  return isRecord(data) && typeof data['id'] === 'string' ? (data as unknown as Ou) : undefined;
}

/** `data` and `pagination` of a list envelope, when present with the right types. */
export function pageOf<T>(ex: Exchange): PageOf<T> | undefined {
  if (!isRecord(ex.body)) return undefined;
  const { data, pagination } = ex.body;
  if (!Array.isArray(data) || !isRecord(pagination)) return undefined;
  const p = pagination;
  if (![p['page'], p['per_page'], p['total_items'], p['total_pages']].every((n) => typeof n === 'number')) return undefined;
  return { data: data as T[], pagination: p as unknown as Pagination };
}

/** `data` of the tree envelope, when it is a list. */
export function treeOf(ex: Exchange): OuTreeNode[] | undefined {
  const data = isRecord(ex.body) ? ex.body['data'] : undefined;
  return Array.isArray(data) ? (data as OuTreeNode[]) : undefined;
}

/** The first node with `id` in `nodes`, searched at every depth. */
export function findInTree(nodes: readonly OuTreeNode[], id: string): OuTreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findInTree(node.children ?? [], id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every (id, parent id) pair of a (sub)tree, parents before children. */
export function treeEdges(nodes: readonly OuTreeNode[], parentId: string | null): Array<{ id: string; parentId: string | null; node: OuTreeNode }> {
  const out: Array<{ id: string; parentId: string | null; node: OuTreeNode }> = [];
  for (const node of nodes) {
    out.push({ id: node.id, parentId, node });
    out.push(...treeEdges(node.children ?? [], node.id));
  }
  return out;
}

/** Canonical JSON (sorted keys, own keys such as `__proto__` included) for deep comparison. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
