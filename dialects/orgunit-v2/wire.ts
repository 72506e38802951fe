/** The wire types and paths of `orgunit-v2` (contracts/orgunit-v2.yaml, generated types). */
import type { components } from '../../contracts/orgunit-v2.gen.ts';

type Schemas = components['schemas'];

export type OrgUnit = Schemas['OrgUnit'];
export type OrgUnitIndexRequest = Partial<Schemas['OrgUnitIndexRequest']>;
export type OrgUnitCreate = Schemas['OrgUnitCreate'];
export type OrgUnitUpdate = Schemas['OrgUnitUpdate'];
export type YiiError = Schemas['YiiError'];
export type DeletePreview = Schemas['DeletePreview'];
export type Related = DeletePreview['related'];
export type ValidationErrors = Schemas['ValidationErrors'];

/** The operationIds of the contract, one handler each. */
export const OPS = {
  index: 'indexOrgUnits',
  view: 'viewOrgUnit',
  create: 'createOrgUnit',
  update: 'updateOrgUnit',
  delete: 'deleteOrgUnit',
} as const;

export const PATHS = {
  index: '/v2/org-unit/index',
  view: (id: string): string => `/v2/org-unit/view/${encodeURIComponent(id)}`,
  create: '/v2/org-unit/create',
  update: (id: string): string => `/v2/org-unit/update/${encodeURIComponent(id)}`,
  delete: (id: string): string => `/v2/org-unit/delete/${encodeURIComponent(id)}`,
} as const;

/** V2-L1's bounds and defaults. */
export const PAGING = { defaultPerPage: 20, maxPerPage: 100 } as const;

/** V2-L4's sort values. */
export const SORTS = ['name', '-name', 'code', '-code', 'created_at', '-created_at'] as const;
export type Sort = (typeof SORTS)[number];
