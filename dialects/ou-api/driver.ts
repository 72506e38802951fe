/**
 * The OU API's Driver: the neutral operations of the shared checks as OU API requests
 * (suites/api.ts), answers read from its envelopes.
 */
import type { Driver, DriverResult, DriverUnit, ErrorClass } from '../types.ts';
import { OuApi } from '../../suites/api.ts';
import type { Send } from '../../suites/api.ts';
import { isRecord } from '../../suites/contract-model.ts';
import { ouOf, pageOf, treeOf } from '../../suites/data.ts';
import type { Exchange } from '../../suites/exchange.ts';
import type { Auth } from '../../suites/tokens.ts';

const STATUS: Readonly<Record<ErrorClass, number>> = { not_found: 404, conflict: 409, invalid: 422, unauthorized: 401, forbidden: 403 };

/** The largest page the OU API serves (OU-L1): fewest requests for a full listing. */
const PER_PAGE = 100;

function unitOf(ou: { id: string; name: string; parent_id?: string | null; description?: string | null }): DriverUnit {
  return { id: ou.id, name: ou.name, parentId: ou.parent_id ?? null, description: ou.description ?? null };
}

function ok<T>(ex: Exchange, status: number, value: T | undefined): DriverResult<T> {
  return ex.status === status && value !== undefined ? { ex, value } : { ex };
}

/**
 * @example
 * const driver = ouApiDriver(send, 'acme', bearer(token, 'OU_TOKEN'));
 * const { value } = await driver.create({ name: 'x', parentId: null });
 */
export function ouApiDriver(send: Send, tenantId: string, auth: Auth): Driver {
  const api = new OuApi(send, tenantId, auth);
  return {
    tenantId,
    topParent: null,
    async create(input) {
      const body = { name: input.name, parent_id: input.parentId, ...(input.description !== undefined ? { description: input.description } : {}) };
      const ex = await api.create(body);
      const ou = ouOf(ex);
      return ok(ex, 201, ou && unitOf(ou));
    },
    async get(id) {
      const ex = await api.get(id);
      const ou = ouOf(ex);
      return ok(ex, 200, ou && unitOf(ou));
    },
    async update(id, patch) {
      const body = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      };
      const ex = await api.update(id, body);
      const ou = ouOf(ex);
      return ok(ex, 200, ou && unitOf(ou));
    },
    async children(parentId) {
      // Without parent_id the list holds every OU (OU-L7): the top level is the tree's first level.
      if (parentId === null) {
        const ex = await api.tree();
        return ok(ex, 200, treeOf(ex)?.map((node) => unitOf({ ...node, parent_id: null })));
      }
      const units: DriverUnit[] = [];
      for (let page = 1; ; page++) {
        const ex = await api.list({ parent_id: parentId, page, per_page: PER_PAGE });
        const got = pageOf<{ id: string; name: string; parent_id?: string | null; description?: string | null }>(ex);
        if (ex.status !== 200 || got === undefined) return { ex };
        units.push(...got.data.map(unitOf));
        if (page >= got.pagination.total_pages) return { ex, value: units };
      }
    },
    async delete(id, opts) {
      const ex = await api.delete(id, opts?.subtree === true ? 'CASCADE' : undefined);
      return ok(ex, 204, true as const);
    },
    isError: (ex, cls) => ex.status === STATUS[cls] && isRecord(ex.body) && 'detail' in ex.body,
    as: (other, tenant) => ouApiDriver(send, tenant ?? tenantId, other),
    send: (spec) => send({ ...spec, auth: spec.auth ?? auth }),
  };
}
