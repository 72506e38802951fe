/**
 * Routing across every dialect's contract: each dialect's own router (openapi-adapter.ts)
 * answers for its paths, and between dialects OpenAPI's precedence holds as it does inside
 * one contract — literal segments beat templated ones (`/v2/org-unit/view/{id}` before
 * `/v2/{instanceId}/{applicationId}/organizationalUnits`), then the longer literal text.
 */
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

interface Specificity {
  params: number;
  literal: number;
}

function specificity(template: string): Specificity {
  let params = 0;
  let literal = 0;
  for (const segment of template.split('/')) {
    if (/^\{.+\}$/.test(segment)) params++;
    else literal += segment.length;
  }
  return { params, literal };
}

/** Negative when `a` is the more specific template. */
function bySpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  return sa.params - sb.params || sb.literal - sa.literal;
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

  return {
    match(method, pathname) {
      let found: Extract<DialectMatch, { kind: 'route' }> | undefined;
      let refused: Extract<DialectMatch, { kind: 'method-not-allowed' }> | undefined;
      for (const mount of mounts) {
        const m = mount.adapter.match(method, pathname);
        if (m.kind === 'route') {
          if (found === undefined || bySpecificity(m.route.pathTemplate, found.route.pathTemplate) < 0) found = { kind: 'route', mount, route: m.route, params: m.params };
        } else if (m.kind === 'method-not-allowed') {
          refused ??= { kind: 'method-not-allowed', mount, allow: m.allow };
        }
      }
      // As inside one contract: a method served by a less specific template still wins over a 405.
      return found ?? refused ?? { kind: 'not-found', mount: closest(pathname) };
    },
    methodsAt(pathname) {
      const methods = new Set<string>();
      for (const mount of mounts) for (const m of mount.adapter.methodsAt(pathname) ?? []) methods.add(m);
      return methods.size > 0 ? [...methods] : undefined;
    },
  };
}
