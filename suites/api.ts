import type { QueryValue, RequestSpec } from './client.ts';
import type { Exchange } from './exchange.ts';
import type { Auth } from './tokens.ts';

/** Sends one request on behalf of the current check. */
export type Send = (spec: RequestSpec) => Promise<Exchange>;

/** Extra request parts for negative tests: headers, or a raw body instead of JSON. */
export interface Extra {
  headers?: Readonly<Record<string, string>>;
  raw?: { body: string; contentType?: string };
}

export type Query = Readonly<Record<string, QueryValue>>;

/**
 * The seven operations of the contract, bound to a tenant and a credential. Every call
 * returns the recorded exchange; judging the answer is the caller's job.
 */
export class OuApi {
  constructor(
    private readonly send: Send,
    readonly tenantId: string,
    readonly auth: Auth,
  ) {}

  get base(): string {
    return `/api/v1/tenants/${encodeURIComponent(this.tenantId)}/ous`;
  }

  /** The same operations with another credential. */
  as(auth: Auth): OuApi {
    return new OuApi(this.send, this.tenantId, auth);
  }

  /** The same operations under another tenant's paths. */
  forTenant(tenantId: string, auth: Auth = this.auth): OuApi {
    return new OuApi(this.send, tenantId, auth);
  }

  list(query: Query = {}, extra: Extra = {}): Promise<Exchange> {
    return this.call('GET', this.base, query, undefined, extra);
  }

  create(body: unknown, extra: Extra = {}): Promise<Exchange> {
    return this.call('POST', this.base, {}, body, extra);
  }

  tree(extra: Extra = {}): Promise<Exchange> {
    return this.call('GET', `${this.base}/tree`, {}, undefined, extra);
  }

  get(ouId: string, extra: Extra = {}): Promise<Exchange> {
    return this.call('GET', this.ouPath(ouId), {}, undefined, extra);
  }

  update(ouId: string, body: unknown, extra: Extra = {}): Promise<Exchange> {
    return this.call('PATCH', this.ouPath(ouId), {}, body, extra);
  }

  delete(ouId: string, strategy?: string, extra: Extra = {}): Promise<Exchange> {
    return this.call('DELETE', this.ouPath(ouId), { strategy }, undefined, extra);
  }

  users(ouId: string, query: Query = {}, extra: Extra = {}): Promise<Exchange> {
    return this.call('GET', `${this.ouPath(ouId)}/users`, query, undefined, extra);
  }

  /** Any method on any path under the tenant (unsupported methods, odd routes). */
  raw(method: string, path: string, query: Query = {}, extra: Extra = {}): Promise<Exchange> {
    return this.call(method, path, query, undefined, extra);
  }

  ouPath(ouId: string): string {
    return `${this.base}/${encodeURIComponent(ouId)}`;
  }

  private call(method: string, path: string, query: Query, json: unknown, extra: Extra): Promise<Exchange> {
    return this.send({
      method,
      path,
      query,
      auth: this.auth,
      ...(extra.headers !== undefined ? { headers: extra.headers } : {}),
      ...(extra.raw !== undefined ? { raw: extra.raw } : json !== undefined ? { json } : {}),
    });
  }
}
