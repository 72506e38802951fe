/**
 * Routing across every dialect's contract: one router (contracts/model) over the routes of
 * every mounted contract, so between dialects OpenAPI's precedence holds exactly as inside
 * one contract — literal segments beat templated ones (`/v2/org-unit/view/{id}` before
 * `/v2/{instanceId}/{applicationId}/organizationalUnits`), then the longer literal text.
 */
import { createRouter } from '../../contracts/model/index.ts';
import type { Dialect } from '../../dialects/types.ts';
import type { ContractAdapter, ContractRoute } from './openapi-adapter.ts';

/** One dialect served by the host, with its compiled contract. */
export interface DialectMount {
  readonly dialect: Dialect;
  readonly adapter: ContractAdapter;
  /** Every path template of the contract (for choosing who answers an unknown path). */
  readonly templates: readonly string[];
}

export type DialectMatch =
  | { readonly kind: 'route'; readonly mount: DialectMount; readonly route: ContractRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly mount: DialectMount; readonly allow: readonly string[] }
  /** `mount` is the dialect whose paths the request comes closest to: it renders the 404. */
  | { readonly kind: 'not-found'; readonly mount: DialectMount };

export interface DialectRouter {
  match(method: string, pathname: string): DialectMatch;
  /** Methods served at a path by any dialect (preflights), undefined when none serves it. */
  methodsAt(pathname: string): readonly string[] | undefined;
}

function segmentsOf(path: string): string[] {
  return path.replace(/\/+$/, '').split('/');
}

/** How many leading segments of `path` fit `template` (a literal equal, a parameter non-empty). */
function sharedPrefix(template: string, path: readonly string[]): number {
  const t = segmentsOf(template);
  let n = 0;
  while (n < t.length && n < path.length) {
    const segment = t[n] as string;
    const actual = path[n] as string;
    if (/^\{.+\}$/.test(segment) ? actual === '' : segment !== actual) break;
    n++;
  }
  return n;
}

/**
 * @example
 * const router = createDialectRouter(mounts);
 * const m = router.match('GET', '/v2/org-unit/view/42'); // { kind: 'route', mount: <orgunit-v2>, … }
 */
export function createDialectRouter(mounts: readonly DialectMount[]): DialectRouter {
  if (mounts.length === 0) throw new Error('the mock serves no dialect: the registry (dialects/index.ts) is empty');
  const first = mounts[0] as DialectMount;

  /** The dialect whose contract shares the longest leading part with the path; the first one on a tie. */
  function closest(pathname: string): DialectMount {
    const path = segmentsOf(pathname);
    let best = first;
    let bestLength = 0;
    for (const mount of mounts) {
      const length = Math.max(0, ...mount.templates.map((t) => sharedPrefix(t, path)));
      if (length > bestLength) {
        best = mount;
        bestLength = length;
      }
    }
    return best;
  }

  const router = createRouter(
    mounts.flatMap((mount) => mount.adapter.routes.map((route) => ({ template: route.pathTemplate, method: route.method, value: { mount, route } }))),
  );
  const ownerOf = new Map(mounts.flatMap((mount) => mount.adapter.routes.map((route) => [route.pathTemplate, mount] as const)));

  return {
    match(method, pathname) {
      const m = router.match(method, pathname);
      if (m.kind === 'route') return { kind: 'route', mount: m.value.mount, route: m.value.route, params: m.params };
      // Every template of the router is one mount's: the dialect of the most specific one refuses the method.
      if (m.kind === 'method-not-allowed') return { kind: 'method-not-allowed', mount: ownerOf.get(m.template) as DialectMount, allow: m.allow };
      return { kind: 'not-found', mount: closest(pathname) };
    },
    methodsAt(pathname) {
      const methods = new Set<string>();
      for (const mount of mounts) for (const m of mount.adapter.methodsAt(pathname) ?? []) methods.add(m);
      return methods.size > 0 ? [...methods] : undefined;
    },
  };
}
