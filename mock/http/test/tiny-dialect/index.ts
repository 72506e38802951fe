/**
 * A dialect that exists only in tests: the smallest complete `Dialect` (contract, rules,
 * handlers over UnitsApi, error rendering, a driver, one check, a defect switch), used to
 * prove the host and the verifier work for any dialect, not just the shipped ones.
 */
import { fileURLToPath } from 'node:url';
import { DomainError } from '../../../core/errors.ts';
import type { UnitView } from '../../../core/units.ts';
import type { Dialect, DialectId, DialectResponse, Driver, DriverUnit, ErrorClass, HostFailure } from '../../../../dialects/types.ts';
import type { Check } from '../../../../suites/check.ts';
import type { RequestSpec } from '../../../../suites/client.ts';
import type { Exchange } from '../../../../suites/exchange.ts';
import type { Auth } from '../../../../suites/tokens.ts';

export const TINY_CONTRACT = fileURLToPath(new URL('./tiny.yaml', import.meta.url));
export const TINY_RULES = fileURLToPath(new URL('./tiny.md', import.meta.url));

/** Not one of the shipped ids: the registry's type lists only those. */
const TINY_ID = 'tiny' as DialectId;

const STATUS: Record<string, number> = {
  unauthorized: 401,
  forbidden: 403,
  route_not_found: 404,
  tenant_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  malformed_body: 400,
  invalid_request: 422,
  invalid: 422,
  unavailable: 503,
};

function view(u: UnitView): { id: string; name: string; parent: string | null } {
  return { id: u.id, name: u.name, parent: u.parentId };
}

function render(err: HostFailure | DomainError): DialectResponse {
  if (err instanceof DomainError) return { status: STATUS[err.kind] ?? 500, body: { error: err.kind, reason: err.reason, message: err.message } };
  const status = err.kind === 'injected' ? err.status : (STATUS[err.kind] ?? 500);
  const headers: Record<string, string> = err.kind === 'method_not_allowed' ? { Allow: err.allow.join(', ') } : {};
  const detail =
    err.kind === 'invalid_request'
      ? { issues: err.issues.map((i) => ({ in: i.in, loc: i.loc, keyword: i.keyword, message: i.message })) }
      : 'message' in err
        ? { message: err.message }
        : {};
  return { status, headers, body: { error: err.kind, ...('reason' in err ? { reason: err.reason } : {}), ...detail } };
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const tinyDefects = {
  'tiny-top-level': { rule: 'TD-H1', what: 'a unit created under a parent is put at the top level' },
} as const;

function unitOf(body: unknown): DriverUnit | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b['id'] !== 'string' || typeof b['name'] !== 'string') return undefined;
  return { id: b['id'], name: b['name'], parentId: typeof b['parent'] === 'string' ? b['parent'] : null, description: null };
}

function result<T>(ex: Exchange, ok: boolean, value: T | undefined): { ex: Exchange; value?: T } {
  return ok && value !== undefined ? { ex, value } : { ex };
}

const ERROR_STATUS: Record<ErrorClass, number> = { not_found: 404, conflict: 409, invalid: 422, unauthorized: 401, forbidden: 403 };

export function tinyDriver(send: (spec: RequestSpec) => Promise<Exchange>, tenantId: string, auth: Auth): Driver {
  const base = `/tiny/${encodeURIComponent(tenantId)}/units`;
  const at = (id: string): string => `${base}/${encodeURIComponent(id)}`;
  return {
    tenantId,
    topParent: null,
    async create(input) {
      const ex = await send({ method: 'POST', path: base, json: { name: input.name, parent: input.parentId }, auth });
      return result(ex, ex.status === 201, unitOf(ex.body));
    },
    async get(id) {
      const ex = await send({ method: 'GET', path: at(id), auth });
      return result(ex, ex.status === 200, unitOf(ex.body));
    },
    async update(id, patch) {
      const json = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.parentId !== undefined ? { parent: patch.parentId } : {}) };
      const ex = await send({ method: 'PATCH', path: at(id), json, auth });
      return result(ex, ex.status === 200, unitOf(ex.body));
    },
    async children(parentId) {
      const ex = await send({ method: 'GET', path: base, query: { parent: parentId ?? undefined }, auth });
      const units = Array.isArray(ex.body) ? ex.body.map(unitOf) : [];
      return result(ex, ex.status === 200 && units.every((u) => u !== undefined), units as DriverUnit[]);
    },
    async delete(id, opts) {
      const ex = await send({ method: 'DELETE', path: at(id), query: { subtree: opts?.subtree === true ? 'true' : undefined }, auth });
      return result(ex, ex.status === 204, true as const);
    },
    isError: (ex, cls) => ex.status === ERROR_STATUS[cls],
    as: (other, tenant) => tinyDriver(send, tenant ?? tenantId, other),
    send: (spec) => send({ ...spec, auth: spec.auth ?? auth }),
  };
}

/** The dialect's own check: TD-L1, children listed in name order. */
const orderCheck: Check = {
  id: 'tiny.order',
  title: 'children are listed in name order',
  rules: ['TD-L1'],
  level: 'profile',
  async run(ctx) {
    const box = await ctx.sandbox();
    for (const name of ['b', 'a', 'c']) await ctx.driver.create({ name, parentId: box.id });
    const { ex, value } = await ctx.driver.children(box.id);
    ctx.expect(value?.map((u) => u.name).join(',') === 'a,b,c', 'children come as a, b, c', ex);
  },
};

export const tinyDialect: Dialect = {
  id: TINY_ID,
  title: 'Tiny (tests only)',
  contractFile: TINY_CONTRACT,
  behaviourFile: TINY_RULES,
  rulePrefix: 'TD',
  defects: tinyDefects,
  mock: {
    credential(headers) {
      const m = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? '');
      return m?.[1];
    },
    tenantOf: (req) => text(req.params['tenant']),
    writes: new Set(['createUnit', 'updateUnit', 'deleteUnit']),
    renderError: render,
    handlers: {
      listUnits: (api, req) => ({
        status: 200,
        body: api.queryUnits({ where: { parentId: text(req.query['parent']) ?? null }, orderBy: [{ key: 'name' }] }).items.map(view),
      }),
      createUnit: (api, req, env) => {
        const body = req.body as { name: string; parent?: string | null };
        const parentId = env.defects.has('tiny-top-level') ? null : (body.parent ?? null);
        const unit = api.createUnit({ name: body.name, parentId });
        return { status: 201, headers: { Location: `${req.pathname}/${unit.id}` }, body: view(unit) };
      },
      getUnit: (api, req) => ({ status: 200, body: view(api.getUnit(req.params['id'] as string)) }),
      updateUnit: (api, req) => {
        const body = req.body as { name?: string; parent?: string | null };
        return { status: 200, body: view(api.updateUnit(req.params['id'] as string, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.parent !== undefined ? { parentId: body.parent } : {}) })) };
      },
      deleteUnit: (api, req) => {
        api.applyDelete(api.planDelete(req.params['id'] as string, req.query['subtree'] === true ? 'force' : 'block'));
        return { status: 204 };
      },
    },
  },
  verify: {
    driver: (send, tenantId, auth) => tinyDriver(send, tenantId, auth),
    checks: [orderCheck],
    capabilities: { move: true, users: false, subtreeDelete: true, tenantInRequest: true },
    sharedRules: { hierarchy: 'TD-H1', isolation: 'TD-A1', use_after_free: 'TD-G1', auth: 'TD-A1', schema: 'TD-E1', negative_data: 'TD-E1' },
  },
};

/** A second dialect whose literal path `/tiny/{tenant}/units/count` competes with tiny's `/tiny/{tenant}/units/{id}`. */
export const countDialect: Dialect = {
  ...tinyDialect,
  id: 'tiny-count' as DialectId,
  contractFile: fileURLToPath(new URL('./count.yaml', import.meta.url)),
  defects: {},
  mock: {
    ...tinyDialect.mock,
    writes: new Set(),
    handlers: { countUnits: (api) => ({ status: 200, body: { count: api.queryUnits().total } }) },
  },
};
