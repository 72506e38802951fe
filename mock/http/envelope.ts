/** The response envelopes of OU-E1 with the meta of OU-E2. */
import type { Page } from '../../dialects/ou-api/dto.ts';
import type { RequestContext } from './context.ts';

export interface Meta {
  request_id: string;
  /** RFC 3339 server time. */
  timestamp: string;
}

export interface Single<T> {
  data: T;
  meta: Meta;
}

export interface Paged<T> extends Page<T> {
  meta: Meta;
}

/** `meta` of a response to `ctx` at the clock's time. */
export function metaOf(ctx: RequestContext, clock: () => Date): Meta {
  return { request_id: ctx.requestId, timestamp: clock().toISOString() };
}

/** `{data, meta}` */
export function single<T>(data: T, meta: Meta): Single<T> {
  return { data, meta };
}

/** `{data, pagination, meta}` */
export function paged<T>(page: Page<T>, meta: Meta): Paged<T> {
  return { data: page.data, pagination: page.pagination, meta };
}
