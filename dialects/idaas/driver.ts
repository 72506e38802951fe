/**
 * The verifier's idaas client: the neutral `Driver` operations as idaas requests, plus the
 * raw operations the idaas checks send (any body, any credential), all recorded exchanges.
 */
import type { RequestSpec } from '../../suites/client.ts';
import type { Exchange } from '../../suites/exchange.ts';
import type { Auth } from '../../suites/tokens.ts';
import type { Driver, DriverOptions, DriverResult, DriverUnit, ErrorClass } from '../types.ts';
import { CODES, ROOT_OU } from './wire.ts';

/** The application id when none is given (`verify --application-id`): the mock accepts any; a vendor checks its own. */
export const APPLICATION_ID = 'app_ou_contract';

/** The largest page the page allows (ID-L1), so walking a parent's children takes the fewest requests. */
const WALK_PAGE_SIZE = 100;

export type Send = (spec: RequestSpec) => Promise<Exchange>;

/**
 * The driver reads any 2xx as done: it serves fixtures and shared checks, and whether a
 * status is the page's 200 is for the idaas checks of that rule to judge (ID-C1, ID-U1, ID-D1).
 */
function succeeded(ex: Exchange): boolean {
  return ex.status >= 200 && ex.status < 300;
}

export function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The error body of ID-E1, when the exchange carries one. */
export function errorBody(ex: Exchange): { requestId: string; code: string; message: string } | undefined {
  const b = recordOf(ex.body);
  if (b === undefined || typeof b['requestId'] !== 'string' || typeof b['code'] !== 'string' || typeof b['message'] !== 'string') return undefined;
  return { requestId: b['requestId'], code: b['code'], message: b['message'] };
}

/** What identifies each error class: its status and the start of its code (ID-E1). */
const CLASSES: Readonly<Record<ErrorClass, { status: number; code: RegExp }>> = {
  invalid: { status: 400, code: /^InvalidParameter\.[A-Z]/ },
  unauthorized: { status: 401, code: new RegExp(`^${CODES.invalidToken}$`) },
  forbidden: { status: 403, code: new RegExp(`^${CODES.forbidden}$`) },
  not_found: { status: 404, code: /^EntityNotExists\./ },
  conflict: { status: 409, code: /^(EntityAlreadyExists|OperationConflict)\./ },
};

/** A unit of an answer as the driver reports it; undefined when the body is no OrganizationalUnit. */
export function driverUnitOf(value: unknown): DriverUnit | undefined {
  const u = recordOf(value);
  if (u === undefined || typeof u['organizationalUnitId'] !== 'string' || typeof u['organizationalUnitName'] !== 'string') return undefined;
  const parentId = u['parentId'];
  const description = u['description'];
  return {
    id: u['organizationalUnitId'],
    name: u['organizationalUnitName'],
    parentId: typeof parentId === 'string' ? parentId : null,
    description: typeof description === 'string' ? description : null,
  };
}

/**
 * @example
 * const driver = new IdaasDriver(send, 'acme', bearer(token, 'OU_TOKEN'), { rootOu: 'ou_root', applicationId: 'app_mkv7rgt4d7i4u7zqtzev2mxxxx' });
 * const { value } = await driver.create({ name: 'Sales', parentId: null }); // under the root
 */
export class IdaasDriver implements Driver {
  readonly topParent: string;
  readonly applicationId: string;

  constructor(
    private readonly sendRaw: Send,
    readonly tenantId: string,
    readonly auth: Auth,
    readonly options: DriverOptions = {},
  ) {
    this.topParent = options.rootOu ?? ROOT_OU;
    this.applicationId = options.applicationId ?? APPLICATION_ID;
  }

  /** `/v2/{instanceId}/{applicationId}/organizationalUnits`, `suffix` appended. */
  path(suffix = ''): string {
    return `/v2/${encodeURIComponent(this.tenantId)}/${encodeURIComponent(this.applicationId)}/organizationalUnits${suffix}`;
  }

  unitPath(id: string): string {
    return this.path(`/${encodeURIComponent(id)}`);
  }

  send(spec: Omit<RequestSpec, 'auth'> & { auth?: Auth }): Promise<Exchange> {
    return this.sendRaw({ ...spec, auth: spec.auth ?? this.auth });
  }

  as(auth: Auth, tenantId?: string): IdaasDriver {
    return new IdaasDriver(this.sendRaw, tenantId ?? this.tenantId, auth, this.options);
  }

  // The raw operations: any body, the exchange as it came.
  createRaw(body: unknown): Promise<Exchange> {
    return this.send({ method: 'POST', path: this.path(), json: body });
  }

  getRaw(id: string): Promise<Exchange> {
    return this.send({ method: 'GET', path: this.unitPath(id) });
  }

  listRaw(query: RequestSpec['query']): Promise<Exchange> {
    return this.send({ method: 'GET', path: this.path(), ...(query !== undefined ? { query } : {}) });
  }

  patchRaw(id: string, body: unknown): Promise<Exchange> {
    return this.send({ method: 'PATCH', path: this.unitPath(id), json: body });
  }

  deleteRaw(id: string): Promise<Exchange> {
    return this.send({ method: 'DELETE', path: this.unitPath(id) });
  }

  lookupRaw(body: unknown): Promise<Exchange> {
    return this.send({ method: 'POST', path: this.path('/_/actions/getOrganizationalUnitIdByExternalId'), json: body });
  }

  // The neutral operations.
  async create(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverResult<DriverUnit>> {
    const parentId = input.parentId ?? this.topParent;
    const ex = await this.createRaw({
      organizationalUnitName: input.name,
      parentId,
      ...(typeof input.description === 'string' ? { description: input.description } : {}),
    });
    const id = recordOf(ex.body)?.['organizationalUnitId'];
    if (!succeeded(ex) || typeof id !== 'string') return { ex };
    return { ex, value: { id, name: input.name, parentId, description: input.description ?? null } };
  }

  async get(id: string): Promise<DriverResult<DriverUnit>> {
    const ex = await this.getRaw(id);
    const value = succeeded(ex) ? driverUnitOf(ex.body) : undefined;
    return value === undefined ? { ex } : { ex, value };
  }

  /** idaas has no move: a `parentId` is a bug of the caller (capabilities.move is false). `description: null` sends "" (null means "not given" here). */
  async update(id: string, patch: { name?: string; description?: string | null; parentId?: string | null }): Promise<DriverResult<DriverUnit>> {
    if (patch.parentId !== undefined) throw new Error('the idaas dialect cannot move a unit (capabilities.move is false)');
    const ex = await this.patchRaw(id, {
      ...(patch.name !== undefined ? { organizationalUnitName: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description ?? '' } : {}),
    });
    if (!succeeded(ex)) return { ex };
    const read = await this.get(id);
    return read.value === undefined ? { ex } : { ex, value: read.value };
  }

  async children(parentId: string | null): Promise<DriverResult<DriverUnit[]>> {
    const units: DriverUnit[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const ex = await this.listRaw({ parentId: parentId ?? this.topParent, pageNumber, pageSize: WALK_PAGE_SIZE });
      const body = recordOf(ex.body);
      const data = body?.['data'];
      const total = body?.['totalCount'];
      if (!succeeded(ex) || !Array.isArray(data) || typeof total !== 'number') return { ex };
      for (const item of data) {
        const unit = driverUnitOf(item);
        if (unit === undefined) return { ex };
        units.push(unit);
      }
      if (data.length === 0 || units.length >= total) return { ex, value: units };
    }
  }

  /** With `subtree`, the units below go first, leaves up: idaas deletes only childless units. */
  async delete(id: string, opts: { subtree?: boolean } = {}): Promise<DriverResult<true>> {
    if (opts.subtree === true) {
      const below = await this.children(id);
      if (below.value === undefined) return { ex: below.ex };
      for (const child of below.value) {
        const gone = await this.delete(child.id, opts);
        if (gone.value === undefined) return gone;
      }
    }
    const ex = await this.deleteRaw(id);
    return succeeded(ex) ? { ex, value: true } : { ex };
  }

  isError(ex: Exchange, cls: ErrorClass): boolean {
    const { status, code } = CLASSES[cls];
    const body = errorBody(ex);
    return ex.status === status && body !== undefined && code.test(body.code);
  }
}
