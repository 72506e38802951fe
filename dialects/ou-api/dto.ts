/**
 * The OU API's wire shapes. OU shapes are the contract's own (generated from
 * contracts/ou-api.yaml), so the views cannot drift from the schema the HTTP layer validates.
 */
import type { components } from '../../contracts/ou-api.gen.ts';

type Schemas = components['schemas'];

export type OUResponse = Schemas['OUResponse'];
export type OUListItem = Schemas['OUListItem'];
export type OUTreeNode = Schemas['OUTreeNode'];
export type OUChildInfo = Schemas['OUChildInfo'];
export type PaginationMeta = Schemas['PaginationMeta'];
export type OUCreate = Schemas['OUCreate'];
export type OUUpdate = Schemas['OUUpdate'];

/** Any JSON object, as `custom_attributes` holds. */
export type JsonObject = Record<string, unknown>;

/** A user as `GET …/ous/{id}/users` lists it (OU-S4). */
export interface UserItem {
  id: string;
  email: string;
  display_name: string;
  ou_id: string | null;
}

/** Input of the admin API's add-user route; `id` is generated when absent. */
export interface AddUserInput {
  email: string;
  display_name: string;
  ou_id: string | null;
  id?: string;
}

/** One page of a list, as in `PaginatedResponse` without its `meta`. */
export interface Page<T> {
  data: T[];
  pagination: PaginationMeta;
}

export type DeleteStrategy = 'BLOCK' | 'MOVE_UP' | 'CASCADE';

export interface ListOusQuery {
  page?: number;
  per_page?: number;
  search?: string | null;
  parent_id?: string | null;
}

export interface ListUsersQuery {
  page?: number;
  per_page?: number;
  include_nested?: boolean;
}
