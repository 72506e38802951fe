/** The neutral Driver over `orgunit-v2`'s endpoints, so the shared checks run against it. */
import { createHash } from 'node:crypto';
import type { RequestSpec } from '../../suites/client.ts';
import type { Exchange } from '../../suites/exchange.ts';
import type { Auth } from '../../suites/tokens.ts';
import type { Driver, DriverResult, DriverUnit, ErrorClass } from '../types.ts';
import { V2Api } from './client.ts';
import type { Sender } from './client.ts';
import { fieldErrorsOf, indexPageOf, isYiiError, names422, orgUnitOf } from './shapes.ts';
import { PAGING } from './wire.ts';

/** Pages `children` reads at most (100 items each): far beyond any fixture of a run. */
const MAX_PAGES = 100;

export function toDriverUnit(body: unknown): DriverUnit | undefined {
  const u = orgUnitOf(body);
  if (u === undefined) return undefined;
  return { id: u.org_unit_id, name: u.name, parentId: u.parent_org_unit_id ?? null, description: u.description ?? null };
}

const result = <T>(ex: Exchange, ok: boolean, value: T | undefined): DriverResult<T> => (ok && value !== undefined ? { ex, value } : { ex });

/**
 * `create` needs a code (V2-C2) the neutral operation does not carry: one derived from the
 * parent, the name and an attempt number, so runs are repeatable; a code left taken by an
 * earlier run on a live server is retried with the next attempt.
 */
export function driverCode(parentId: string | null, name: string, attempt: number): string {
  return `DRV-${createHash('sha256').update(`${parentId ?? ''}\u0000${name}\u0000${attempt}`).digest('hex').slice(0, 16).toUpperCase()}`;
}

const CODE_ATTEMPTS = 3;

export class V2Driver implements Driver {
  readonly topParent = null;
  private readonly api: V2Api;

  constructor(
    private readonly sender: Sender,
    readonly tenantId: string,
    auth: Auth,
  ) {
    this.api = new V2Api(sender, auth);
  }

  async create(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverResult<DriverUnit>> {
    let ex: Exchange | undefined;
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      ex = await this.api.create({
        code: driverCode(input.parentId, input.name, attempt),
        name: input.name,
        parent_org_unit_id: input.parentId,
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
      if (!names422(ex, 'code')) break;
    }
    const done = ex as Exchange;
    return result(done, done.status === 201, toDriverUnit(done.body));
  }

  async get(id: string): Promise<DriverResult<DriverUnit>> {
    const ex = await this.api.view(id);
    return result(ex, ex.status === 200, toDriverUnit(ex.body));
  }

  async update(id: string, patch: { name?: string; description?: string | null; parentId?: string | null }): Promise<DriverResult<DriverUnit>> {
    const ex = await this.api.update(id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.parentId !== undefined ? { parent_org_unit_id: patch.parentId } : {}),
    });
    return result(ex, ex.status === 200, toDriverUnit(ex.body));
  }

  async children(parentId: string | null): Promise<DriverResult<DriverUnit[]>> {
    const units: DriverUnit[] = [];
    let ex: Exchange | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      ex = await this.api.index({ filter: { parent_org_unit_id: parentId }, page, 'per-page': PAGING.maxPerPage });
      const p = indexPageOf(ex);
      if (p === undefined) return { ex };
      units.push(...p.items.map((i) => toDriverUnit(i) as DriverUnit));
      if (p.items.length < PAGING.maxPerPage || !(page < p.pages)) break;
    }
    return { ex: ex as Exchange, value: units };
  }

  async delete(id: string, opts: { subtree?: boolean } = {}): Promise<DriverResult<true>> {
    // `force` always sent: the default is V2-D1's matter, not the shared checks'.
    const ex = await this.api.delete(id, opts.subtree === true);
    return result(ex, ex.status === 204, true);
  }

  isError(ex: Exchange, cls: ErrorClass): boolean {
    switch (cls) {
      case 'not_found':
        return ex.status === 404 && isYiiError(ex);
      // Yii2 answers uniqueness and cycles as validation (V2-C3, V2-U2); 409 is the delete preview's.
      case 'conflict':
        return (ex.status === 409 && isYiiError(ex)) || (ex.status === 422 && fieldErrorsOf(ex) !== undefined);
      case 'invalid':
        return (ex.status === 422 && fieldErrorsOf(ex) !== undefined) || (ex.status === 400 && isYiiError(ex));
      case 'unauthorized':
        return ex.status === 401 && isYiiError(ex);
      case 'forbidden':
        return ex.status === 403 && isYiiError(ex);
    }
  }

  as(auth: Auth, tenantId?: string): Driver {
    return new V2Driver(this.sender, tenantId ?? this.tenantId, auth);
  }

  send(spec: Omit<RequestSpec, 'auth'> & { auth?: Auth }): Promise<Exchange> {
    return this.api.send(spec);
  }

  /** The dialect's own operations with this driver's credential (for the V2 checks). */
  get v2(): V2Api {
    return this.api;
  }
}

/** `DialectVerify.driver`. */
export function v2Driver(send: (spec: RequestSpec) => Promise<Exchange>, tenantId: string, auth: Auth): Driver {
  return new V2Driver(send, tenantId, auth);
}
