/**
 * The neutral operations of the checks as AD requests. Reads and changes go through the
 * page's two operations (a unit is found by `OBJECT_GUID`, its parent by its container DN);
 * the page has no create or delete, so fixtures are provisioned through the OU API of the
 * same server (the mock serves every dialect on one state). Against a product without it,
 * creating a fixture fails with that answer as the reason.
 */
import type { Exchange } from '../../suites/exchange.ts';
import type { RequestSpec } from '../../suites/client.ts';
import type { Auth } from '../../suites/tokens.ts';
import type { Driver, DriverOptions, DriverResult, DriverUnit, ErrorClass } from '../types.ts';
import { objectGuid } from './columns.ts';
import { domainRootDn, parseDn } from './dn.ts';

export const AD_PATH = '/api/v2/organizational_units';
/** The columns a driver reads. */
const DRIVER_FIELDS = 'NAME,OBJECT_GUID,DISTINGUISHED_NAME,DESCRIPTION';
const PAGE = 1000;

type Send = (spec: RequestSpec) => Promise<Exchange>;

/** A listed object as the driver reads it. */
export interface AdListed {
  NAME?: unknown;
  OBJECT_GUID?: unknown;
  DISTINGUISHED_NAME?: unknown;
  DESCRIPTION?: unknown;
  [column: string]: unknown;
}

/** `Authorization: <token>` as the page sends it (AD-A1), from a Bearer credential. */
export function bareAuth(auth: Auth): Auth {
  const strip = (v: string | undefined): string | undefined => v?.replace(/^Bearer\s+/i, '');
  return { header: strip(auth.header), shell: strip(auth.shell), label: `${auth.label} (bare, as the page sends it)` };
}

/** The unit id from `{UPPER-CASE-UUID}`. */
export function idOfGuid(guid: unknown): string | undefined {
  return typeof guid === 'string' && /^\{[0-9A-Fa-f-]{36}\}$/.test(guid) ? guid.slice(1, -1).toLowerCase() : undefined;
}

/** A JSON-quoted filter value, so any text (DNs with escapes) reads back exactly. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** The container DN of a DN (everything after its first RDN, escapes kept). */
export function containerOf(dn: string): string {
  let i = 0;
  while (i < dn.length && dn[i] !== ',') i += dn[i] === '\\' ? 2 : 1;
  return dn.slice(i + 1);
}

/** `{data, meta}` of an answer, when it has that shape. */
export function listOf(ex: Exchange): { data: AdListed[]; meta: Record<string, unknown> } | undefined {
  const body = ex.body as { data?: unknown; meta?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.data) || typeof body.meta !== 'object' || body.meta === null) return undefined;
  return { data: body.data as AdListed[], meta: body.meta as Record<string, unknown> };
}

export class AdDriver implements Driver {
  readonly topParent = null;
  readonly domain: string;

  constructor(
    private readonly sendSpec: Send,
    readonly tenantId: string,
    private readonly auth: Auth,
    private readonly opts: DriverOptions,
  ) {
    this.domain = opts.domain ?? `${tenantId}.example.com`;
  }

  as(auth: Auth, tenantId?: string): AdDriver {
    const other = tenantId !== undefined && tenantId !== this.tenantId;
    return new AdDriver(this.sendSpec, tenantId ?? this.tenantId, auth, other ? {} : this.opts);
  }

  /** With the credential as given (a Bearer token: AD-A1 accepts it); the AD-A1 check sends the page's bare form itself. */
  send(spec: Omit<RequestSpec, 'auth'> & { auth?: Auth }): Promise<Exchange> {
    return this.sendSpec({ ...spec, auth: spec.auth ?? this.auth });
  }

  /** One page of the list, as the page's GET. */
  list(query: Readonly<Record<string, string | number | undefined>>, headers?: Readonly<Record<string, string>>): Promise<Exchange> {
    return this.send({ method: 'GET', path: AD_PATH, query: { domains: this.domain, ...query }, ...(headers !== undefined ? { headers } : {}) });
  }

  /** The page's PATCH in this domain. */
  patch(query: Readonly<Record<string, string | number | undefined>>, attributes: Readonly<Record<string, unknown>>, auth?: Auth): Promise<Exchange> {
    return this.send({ method: 'PATCH', path: AD_PATH, query: { domain: this.domain, ...query }, json: { data: { attributes } }, ...(auth !== undefined ? { auth } : {}) });
  }

  /** Every object the filter matches (all pages), or the failed exchange. */
  async listAll(filter: string, fields = DRIVER_FIELDS): Promise<DriverResult<AdListed[]>> {
    const all: AdListed[] = [];
    for (let from = 1; ; from += PAGE) {
      const ex = await this.list({ filter, fields, from, limit: PAGE });
      const page = ex.status === 200 ? listOf(ex) : undefined;
      if (page === undefined) return { ex };
      all.push(...page.data);
      if (page.data.length < PAGE) return { ex, value: all };
    }
  }

  async get(id: string): Promise<DriverResult<DriverUnit>> {
    const ex = await this.list({ filter: `OBJECT_GUID eq ${quote(objectGuid(id))}`, fields: DRIVER_FIELDS });
    const found = ex.status === 200 ? listOf(ex)?.data[0] : undefined;
    if (found === undefined) return { ex };
    const unit = await this.unitOf(found);
    return unit === undefined ? { ex } : { ex, value: unit };
  }

  /** The DN of a unit (the domain root for null), or the failed exchange. */
  async dnOf(id: string | null): Promise<DriverResult<string>> {
    if (id === null) return { ex: await this.list({ limit: 1 }), value: domainRootDn(this.domain) };
    const ex = await this.list({ filter: `OBJECT_GUID eq ${quote(objectGuid(id))}`, fields: 'DISTINGUISHED_NAME' });
    const dn = ex.status === 200 ? listOf(ex)?.data[0]?.DISTINGUISHED_NAME : undefined;
    return typeof dn === 'string' ? { ex, value: dn } : { ex };
  }

  async children(parentId: string | null): Promise<DriverResult<DriverUnit[]>> {
    const parent = await this.dnOf(parentId);
    if (parent.value === undefined) return { ex: parent.ex };
    const parentDn = parent.value;
    const below = await this.listAll(`DISTINGUISHED_NAME ew ${quote(`,${parentDn}`)}`);
    if (below.value === undefined) return { ex: below.ex };
    const direct = below.value.filter((o) => typeof o.DISTINGUISHED_NAME === 'string' && containerOf(o.DISTINGUISHED_NAME).toLowerCase() === parentDn.toLowerCase());
    const units: DriverUnit[] = [];
    for (const o of direct) {
      const id = idOfGuid(o.OBJECT_GUID);
      if (id === undefined || typeof o.NAME !== 'string') return { ex: below.ex };
      units.push({ id, name: o.NAME, parentId, description: descriptionOf(o.DESCRIPTION) });
    }
    return { ex: below.ex, value: units };
  }

  async update(id: string, patch: { name?: string; description?: string | null; parentId?: string | null }): Promise<DriverResult<DriverUnit>> {
    const attributes: Record<string, unknown> = {};
    if (patch.name !== undefined) attributes['name'] = patch.name;
    if (patch.description !== undefined) attributes['description'] = patch.description ?? '';
    if (patch.parentId !== undefined) {
      const target = await this.dnOf(patch.parentId);
      // A parent that cannot be found still goes to the server, as a DN it cannot resolve.
      attributes['OUName'] = target.value ?? `OU=${patch.parentId},${domainRootDn(this.domain)}`;
    }
    const ex = await this.patch({ filter: `OBJECT_GUID eq ${quote(objectGuid(id))}` }, attributes);
    const item = ex.status === 200 ? (listOf(ex)?.data[0] as { status?: { status_code?: unknown } } | undefined) : undefined;
    if (item?.status?.status_code !== 1) return { ex };
    const after = await this.get(id);
    return after.value === undefined ? { ex } : { ex, value: after.value };
  }

  /** Through the OU API of the same server: the page has no create. */
  async create(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverResult<DriverUnit>> {
    const ex = await this.sendSpec({
      method: 'POST',
      path: `/api/v1/tenants/${encodeURIComponent(this.tenantId)}/ous`,
      json: { name: input.name, parent_id: input.parentId, ...(input.description !== undefined ? { description: input.description } : {}) },
      auth: this.auth,
    });
    const data = (ex.body as { data?: { id?: unknown } } | undefined)?.data;
    if (ex.status !== 201 || typeof data?.id !== 'string') return { ex };
    return { ex, value: { id: data.id, name: input.name, parentId: input.parentId, description: input.description ?? null } };
  }

  /** Through the OU API of the same server: the page has no delete. */
  async delete(id: string, opts: { subtree?: boolean } = {}): Promise<DriverResult<true>> {
    const ex = await this.sendSpec({
      method: 'DELETE',
      path: `/api/v1/tenants/${encodeURIComponent(this.tenantId)}/ous/${encodeURIComponent(id)}`,
      query: { strategy: opts.subtree === true ? 'CASCADE' : 'BLOCK' },
      auth: this.auth,
    });
    return ex.status === 204 ? { ex, value: true } : { ex };
  }

  isError(ex: Exchange, cls: ErrorClass): boolean {
    // The provisioning routes (create, delete) answer in the OU API's shape: judged by status.
    if (ex.path.startsWith('/api/v1/')) return ex.status === OU_API_STATUS[cls] || (cls === 'invalid' && ex.status === 400);
    const code = (ex.body as { code?: unknown } | undefined)?.code;
    switch (cls) {
      case 'unauthorized':
        return ex.status === 401 && code === '00000101';
      case 'forbidden':
        return ex.status === 403 && code === '00000106';
      case 'invalid':
        return ex.status === 400 && (code === '00000107' || code === '00000100');
      // The page has no read by id: an OBJECT_GUID lookup that finds nothing is "not found" (AD-U1: data []).
      case 'not_found':
        return (ex.status === 404 && code === '00000104') || (ex.status === 200 && ex.path.includes('OBJECT_GUID') && listOf(ex)?.data.length === 0);
      // A bulk update reports a refused change per item (status_code 0) in a 200.
      case 'conflict':
        return ex.status === 200 && ex.method === 'PATCH' && listOf(ex)?.data.some((i) => (i as { status?: { status_code?: unknown } }).status?.status_code === 0) === true;
    }
  }

  /** A listed object as a unit; its parent found from its container DN. */
  private async unitOf(o: AdListed): Promise<DriverUnit | undefined> {
    const id = idOfGuid(o.OBJECT_GUID);
    if (id === undefined || typeof o.NAME !== 'string' || typeof o.DISTINGUISHED_NAME !== 'string') return undefined;
    const container = containerOf(o.DISTINGUISHED_NAME);
    let parentId: string | null = null;
    if (firstRdnType(container) === 'OU') {
      const ex = await this.list({ filter: `DISTINGUISHED_NAME eq ${quote(container)}`, fields: 'OBJECT_GUID' });
      parentId = idOfGuid(listOf(ex)?.data[0]?.OBJECT_GUID) ?? null;
      if (parentId === null) return undefined;
    }
    return { id, name: o.NAME, parentId, description: descriptionOf(o.DESCRIPTION) };
  }
}

const OU_API_STATUS: Readonly<Record<ErrorClass, number>> = { not_found: 404, conflict: 409, invalid: 422, unauthorized: 401, forbidden: 403 };

/** The type of a DN's first RDN; undefined when the DN cannot be read. */
function firstRdnType(dn: string): string | undefined {
  try {
    return parseDn(dn)[0]?.type;
  } catch {
    return undefined;
  }
}

function descriptionOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '-' ? value : null;
}

export function adDriver(send: Send, tenantId: string, auth: Auth, opts: DriverOptions): Driver {
  return new AdDriver(send, tenantId, auth, opts);
}
