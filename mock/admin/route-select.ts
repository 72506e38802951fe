/**
 * What a fault or stub rule may name as its route: an operationId of a served contract, or a
 * path glob (route-glob.ts) that can match at least one served path. A typo would otherwise
 * switch on a rule that never fires, so both are checked against the routes when the rule is set.
 */
import { ValidationError, type Loc } from '../http/typed-errors.ts';
import { compileRouteGlob, matchesPath, matchesTemplate } from './route-glob.ts';

/** A route the mock serves. */
export interface ServedRoute {
  operationId: string;
  /** Upper-case method; absent where only the operationId and path matter. */
  method?: string;
  /** OpenAPI path template, e.g. `/api/v1/tenants/{tenant_id}/ous`. */
  path: string;
}

/** Whether a request of `operationId` at `pathname` is selected. */
export type RouteSelector = (operationId: string, pathname: string) => boolean;

/**
 * The selector of `route` (every route when absent or `*`).
 * @throws ValidationError at `loc` when the route can select no served route.
 */
export function routeSelector(route: string | undefined, routes: readonly ServedRoute[], loc: Loc): RouteSelector {
  if (route === undefined || route === '*') return () => true;
  if (!route.includes('/')) {
    if (!routes.some((r) => r.operationId === route)) {
      throw ValidationError.field(loc, `unknown operationId "${route}"; known: ${[...new Set(routes.map((r) => r.operationId))].join(', ')}`);
    }
    return (operationId) => operationId === route;
  }
  if (!route.startsWith('/')) throw ValidationError.field(loc, 'a path glob must start with /');
  const glob = compileRouteGlob(route);
  if (!routes.some((r) => matchesTemplate(glob, r.path))) {
    throw ValidationError.field(loc, `path glob matches no route of the contract (${[...new Set(routes.map((r) => r.path))].join(', ')})`);
  }
  return (_operationId, pathname) => matchesPath(glob, pathname);
}
