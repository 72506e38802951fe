/**
 * The OU API as a dialect's handlers: a validated DialectRequest in, the OU operations
 * (operations.ts) over the tenant, the OU API's envelopes out (OU-E1, OU-E2) exactly as the
 * OU API's own pipeline (mock/http/ou-api.ts) answers.
 */
import type { Tenant, UnitsApi } from '../../mock/core/index.ts';
import type { Defects } from '../../mock/defects.ts';
import type { DialectEnv, DialectHandler, DialectRequest, DialectResponse } from '../types.ts';
import type { OUCreate, OUResponse, OUUpdate, Page } from './dto.ts';
import { OuOperations } from './operations.ts';

type OuHandler = (ou: OuOperations, req: DialectRequest, env: DialectEnv) => DialectResponse;

function ouId(req: DialectRequest): string {
  return req.params['ou_id'] as string;
}

function optionalInt(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function meta(req: DialectRequest, env: DialectEnv): { request_id: string; timestamp: string } {
  return { request_id: req.requestId, timestamp: env.clock().toISOString() };
}

function page(p: Page<unknown>, req: DialectRequest, env: DialectEnv): DialectResponse {
  return { status: 200, body: { data: p.data, pagination: p.pagination, meta: meta(req, env) } };
}

/** An OU in the single envelope; a 201 is a create on the collection path, so the new OU lives below it. */
function ou(status: 200 | 201, data: OUResponse, req: DialectRequest, env: DialectEnv): DialectResponse {
  // response-schema-break defect (OU-E1): user_count as a string.
  const shown = env.defects.has('response-schema-break') ? { ...data, user_count: String(data.user_count ?? 0) } : data;
  // no-envelope defect (OU-E1): the OU itself instead of {data, meta}.
  const body = env.defects.has('no-envelope') ? shown : { data: shown, meta: meta(req, env) };
  const headers = status === 201 ? { Location: `${req.pathname.replace(/\/+$/, '')}/${encodeURIComponent(data.id)}` } : undefined;
  return { status, body, ...(headers === undefined ? {} : { headers }) };
}

const OPERATIONS: Readonly<Record<string, OuHandler>> = {
  listOus: (o, req, env) =>
    page(
      o.listOus({
        page: optionalInt(req.query['page']),
        per_page: optionalInt(req.query['per_page']),
        search: optionalText(req.query['search']),
        parent_id: optionalText(req.query['parent_id']),
      }),
      req,
      env,
    ),
  createOu: (o, req, env) => ou(201, o.createOu(req.body as OUCreate), req, env),
  // The tree has no bound on its size or depth: streamed.
  getOuTree: (o, req, env) => ({ status: 200, body: { data: o.tree(), meta: meta(req, env) }, stream: true }),
  getOu: (o, req, env) => ou(200, o.getOu(ouId(req)), req, env),
  updateOu: (o, req, env) => ou(200, o.updateOu(ouId(req), req.body as OUUpdate), req, env),
  deleteOu: (o, req) => {
    o.deleteOu(ouId(req), req.query['strategy']);
    return { status: 204 };
  },
  listOuUsers: (o, req, env) =>
    page(
      o.listUsers(ouId(req), {
        page: optionalInt(req.query['page']),
        per_page: optionalInt(req.query['per_page']),
        include_nested: req.query['include_nested'] === true,
      }),
      req,
      env,
    ),
};

/** The operations that change state (they run through the write-ahead log). */
export const OU_WRITES: ReadonlySet<string> = new Set(['createOu', 'updateOu', 'deleteOu']);

/** The Tenant behind a UnitsApi handed to a handler: the OU API reads the core's shared tree and user windows. */
function tenantOf(api: UnitsApi, env: DialectEnv): Tenant {
  return env.directory.tenant(api.id);
}

/** Handlers by operationId, each over a fresh OuOperations of the tenant. */
export const OU_HANDLERS: Readonly<Record<string, DialectHandler>> = Object.fromEntries(
  Object.entries(OPERATIONS).map(([op, handler]): [string, DialectHandler] => [
    op,
    (api, req, env) =>
      handler(new OuOperations(tenantOf(api, env), { directory: env.directory, defects: env.defects as Defects, domainErrors: 'as_is' }), req, env),
  ]),
);
