/**
 * The one router over OpenAPI path templates. Precedence as OpenAPI 3.1 asks ("concrete
 * paths are matched before templated ones"): among templates of a path's length, fewer
 * parameters first, then more literal characters, then document order. Built once; a
 * match walks only the templates with the request's number of segments.
 */
import { percentDecode } from './json.ts';

/** A route to register: an operation (or anything) served at `method` on `template`. */
export interface RouteSpec<T> {
  readonly template: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly value: T;
}

export type RouteMatch<T> =
  | { readonly kind: 'route'; readonly value: T; readonly template: string; readonly params: Readonly<Record<string, string>> }
  /** `template`: the most specific template that fits, whose methods `allow` lists. */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[]; readonly template: string }
  | { readonly kind: 'not-found' };

export interface Router<T> {
  /**
   * The route of a request. HEAD is served by GET. When the most specific template lacks the
   * method, a less specific one that serves it still wins (`PATCH /ous/tree` is `PATCH
   * /ous/{ou_id}` with id "tree"); only when none does is it method-not-allowed, with the
   * methods of the most specific template.
   */
  match(method: string, pathname: string): RouteMatch<T>;
  /** Methods served on the most specific template that fits (upper-case, HEAD with GET), or undefined. */
  methodsAt(pathname: string): readonly string[] | undefined;
}

interface Entry<T> {
  readonly template: string;
  readonly segments: readonly string[];
  /** Segment index -> parameter name, for `{name}` segments. */
  readonly paramAt: ReadonlyMap<number, string>;
  readonly literalLength: number;
  readonly byMethod: Map<string, T>;
  allow: readonly string[];
}

/**
 * @example
 * const router = createRouter([{ template: '/ous/{id}', method: 'GET', value: 'getOu' }]);
 * router.match('GET', '/ous/a%20b'); // { kind: 'route', value: 'getOu', params: { id: 'a b' }, ... }
 */
export function createRouter<T>(routes: Iterable<RouteSpec<T>>): Router<T> {
  const byTemplate = new Map<string, Entry<T>>();
  for (const route of routes) {
    let entry = byTemplate.get(route.template);
    if (entry === undefined) {
      entry = compileTemplate<T>(route.template);
      byTemplate.set(route.template, entry);
    }
    const method = route.method.toUpperCase();
    if (entry.byMethod.has(method)) throw new Error(`router: ${method} ${route.template} is registered twice`);
    entry.byMethod.set(method, route.value);
  }
  const byLength = new Map<number, Entry<T>[]>();
  for (const entry of byTemplate.values()) {
    const methods = [...entry.byMethod.keys()];
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    entry.allow = methods;
    const list = byLength.get(entry.segments.length) ?? [];
    list.push(entry);
    byLength.set(entry.segments.length, list);
  }
  // Array.prototype.sort is stable: equal templates keep document order.
  for (const list of byLength.values()) list.sort((a, b) => a.paramAt.size - b.paramAt.size || b.literalLength - a.literalLength);

  const candidates = (pathname: string): { entries: readonly Entry<T>[]; segments: string[] } => {
    const segments = splitPath(pathname);
    return { entries: byLength.get(segments.length) ?? [], segments };
  };
  return {
    match(method, pathname) {
      const { entries, segments } = candidates(pathname);
      const verb = method === 'HEAD' ? 'GET' : method;
      let closest: Entry<T> | undefined;
      for (const entry of entries) {
        const params = matchEntry(entry, segments);
        if (params === undefined) continue;
        const value = entry.byMethod.get(method) ?? entry.byMethod.get(verb);
        if (value !== undefined) return { kind: 'route', value, template: entry.template, params };
        closest ??= entry;
      }
      return closest === undefined ? { kind: 'not-found' } : { kind: 'method-not-allowed', allow: closest.allow, template: closest.template };
    },
    methodsAt(pathname) {
      const { entries, segments } = candidates(pathname);
      return entries.find((entry) => matchEntry(entry, segments) !== undefined)?.allow;
    },
  };
}

function compileTemplate<T>(template: string): Entry<T> {
  const segments = splitPath(template);
  const paramAt = new Map<number, string>();
  let literalLength = 0;
  segments.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined) paramAt.set(i, name);
    else literalLength += segment.length;
  });
  return { template, segments, paramAt, literalLength, byMethod: new Map(), allow: [] };
}

/** Splits a path into segments, ignoring trailing slashes (`/ous/` is `/ous`). */
function splitPath(pathname: string): string[] {
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 47) end--;
  return pathname.slice(0, end).split('/');
}

/** The path parameters (percent-decoded) when `segments` fit the entry's template, else undefined. */
function matchEntry<T>(entry: Entry<T>, segments: readonly string[]): Record<string, string> | undefined {
  let params: Record<string, string> | undefined;
  for (let i = 0; i < segments.length; i++) {
    const actual = segments[i] as string;
    const name = entry.paramAt.get(i);
    if (name === undefined) {
      if (actual !== entry.segments[i]) return undefined;
    } else {
      if (actual === '') return undefined;
      (params ??= {})[name] = percentDecode(actual);
    }
  }
  return params ?? {};
}
