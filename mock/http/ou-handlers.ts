/**
 * The seven OU operations: validated request in, the OU API over the domain core
 * (dialects/ou-api/operations.ts), result out. No HTTP here beyond the status each success
 * answers with.
 */
import type { OperationId } from '../../contracts/index.ts';
import type { Tenant } from '../core/index.ts';
import type { OUCreate, OUResponse, OUUpdate, Page } from '../../dialects/ou-api/dto.ts';
import { OuOperations, type OuEnv } from '../../dialects/ou-api/operations.ts';
import type { ValidRequest } from './openapi-adapter.ts';

/** What an operation produced: an OU (single envelope), another single value, a page, or nothing (204). */
export type OuResult =
  | { readonly status: 200 | 201; readonly kind: 'ou'; readonly data: OUResponse }
  | { readonly status: 200; readonly kind: 'single'; readonly data: unknown }
  | { readonly status: 200; readonly kind: 'page'; readonly page: Page<unknown> }
  | { readonly status: 204; readonly kind: 'none' };

type OuHandler = (ou: OuOperations, req: Pick<ValidRequest, 'params' | 'query' | 'body'>) => OuResult;

function ouId(req: Pick<ValidRequest, 'params'>): string {
  return req.params['ou_id'] as string;
}

function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Handlers by operationId; the contract's schemas have been checked, so the casts below hold. */
export const OU_HANDLERS = {
  listOus: (ou, req) => ({
    status: 200,
    kind: 'page',
    page: ou.listOus({
      page: optionalInt(req.query['page']),
      per_page: optionalInt(req.query['per_page']),
      search: optionalText(req.query['search']),
      parent_id: optionalText(req.query['parent_id']),
    }),
  }),
  createOu: (ou, req) => ({ status: 201, kind: 'ou', data: ou.createOu(req.body as OUCreate) }),
  getOuTree: (ou) => ({ status: 200, kind: 'single', data: ou.tree() }),
  getOu: (ou, req) => ({ status: 200, kind: 'ou', data: ou.getOu(ouId(req)) }),
  updateOu: (ou, req) => ({ status: 200, kind: 'ou', data: ou.updateOu(ouId(req), req.body as OUUpdate) }),
  deleteOu: (ou, req) => {
    ou.deleteOu(ouId(req), req.query['strategy']);
    return { status: 204, kind: 'none' };
  },
  listOuUsers: (ou, req) => ({
    status: 200,
    kind: 'page',
    page: ou.listUsers(ouId(req), {
      page: optionalInt(req.query['page']),
      per_page: optionalInt(req.query['per_page']),
      include_nested: req.query['include_nested'] === true,
    }),
  }),
} as const satisfies Record<OperationId, OuHandler>;

/** Runs one operation on `tenant`: the handler of a contract operation, or undefined for one this mock does not serve. */
export function ouHandler(
  operationId: string,
): ((tenant: Tenant, req: Pick<ValidRequest, 'params' | 'query' | 'body'>, env: OuEnv) => OuResult) | undefined {
  if (!Object.hasOwn(OU_HANDLERS, operationId)) return undefined;
  const handler: OuHandler = OU_HANDLERS[operationId as OperationId];
  return (tenant, req, env) => handler(new OuOperations(tenant, env), req);
}
