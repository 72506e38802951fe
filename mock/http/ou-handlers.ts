/**
 * The seven OU operations: validated request in, domain core call, result out. No HTTP
 * here beyond the status each success answers with.
 */
import type { OperationId } from '../../contracts/index.ts';
import type { DeleteStrategy, OUCreate, OUResponse, OUUpdate, Page, Tenant } from '../core/index.ts';
import type { ValidRequest } from './openapi-adapter.ts';

/** What an operation produced: an OU (single envelope), another single value, a page, or nothing (204). */
export type OuResult =
  | { readonly status: 200 | 201; readonly kind: 'ou'; readonly data: OUResponse }
  | { readonly status: 200; readonly kind: 'single'; readonly data: unknown }
  | { readonly status: 200; readonly kind: 'page'; readonly page: Page<unknown> }
  | { readonly status: 204; readonly kind: 'none' };

type OuHandler = (tenant: Tenant, req: ValidRequest) => OuResult;

function ouId(req: ValidRequest): string {
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
  listOus: (tenant, req) => ({
    status: 200,
    kind: 'page',
    page: tenant.listOus({
      page: optionalInt(req.query['page']),
      per_page: optionalInt(req.query['per_page']),
      search: optionalText(req.query['search']),
      parent_id: optionalText(req.query['parent_id']),
    }),
  }),
  createOu: (tenant, req) => ({ status: 201, kind: 'ou', data: tenant.createOu(req.body as OUCreate) }),
  getOuTree: (tenant) => ({ status: 200, kind: 'single', data: tenant.tree() }),
  getOu: (tenant, req) => ({ status: 200, kind: 'ou', data: tenant.getOu(ouId(req)) }),
  updateOu: (tenant, req) => ({ status: 200, kind: 'ou', data: tenant.updateOu(ouId(req), req.body as OUUpdate) }),
  deleteOu: (tenant, req) => {
    tenant.deleteOu(ouId(req), req.query['strategy'] as DeleteStrategy | undefined);
    return { status: 204, kind: 'none' };
  },
  listOuUsers: (tenant, req) => ({
    status: 200,
    kind: 'page',
    page: tenant.listUsers(ouId(req), {
      page: optionalInt(req.query['page']),
      per_page: optionalInt(req.query['per_page']),
      include_nested: req.query['include_nested'] === true,
    }),
  }),
} as const satisfies Record<OperationId, OuHandler>;

/** The handler of a contract operation, or undefined for an operation this mock does not serve. */
export function ouHandler(operationId: string): OuHandler | undefined {
  return Object.hasOwn(OU_HANDLERS, operationId) ? OU_HANDLERS[operationId as OperationId] : undefined;
}
