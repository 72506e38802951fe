/**
 * The two operations of the page: `GET` (listAdOus) and `PATCH` (updateAdOus)
 * `/api/v2/organizational_units`, request → core → the page's answer.
 */
import type { DialectEnv, DialectHandler, DialectRequest, DialectResponse } from '../types.ts';
import { HostError } from '../types.ts';
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { readChange } from './body.ts';
import { adObject, DEFAULT_COLUMNS } from './columns.ts';
import { childNamed, findContainer, unitsNamed } from './containers.ts';
import { hasDefect } from './defects.ts';
import { domainOf } from './domains.ts';
import { readColumns, readDateFormat, readFilter, readRefresh, readSort, readWindow, type Window } from './params.ts';
import { AdInputError, renderAdError } from './render.ts';
import { selectRows } from './select.ts';
import { updateTarget, type TargetChange, type UpdateItem } from './update.ts';

export const READ_SCOPE = 'ous:read';
export const WRITE_SCOPE = 'ous:write';

/** Answers this dialect's own input errors itself (00000100/00000107); everything else goes to the host. */
function guarded(handler: DialectHandler): DialectHandler {
  return (api, req, env) => {
    try {
      return handler(api, req, env);
    } catch (error) {
      if (!(error instanceof AdInputError)) throw error;
      const res = renderAdError(error, req);
      // ad-error-without-title defect (AD-E1).
      if (hasDefect(env.defects, 'ad-error-without-title')) return { ...res, body: { ...(res.body as object), title: undefined } };
      return res;
    }
  };
}

/** The scope the operation needs (AD-A2); the contract's security cannot name scopes. */
function requireScope(req: DialectRequest, env: DialectEnv, scope: string): void {
  if (hasDefect(env.defects, 'ad-bare-token-refused') && !/^Bearer\s/i.test(String(req.headers.authorization ?? ''))) {
    throw new HostError({ kind: 'unauthorized', message: 'only Bearer tokens are accepted' });
  }
  if (req.claims === undefined || req.claims.scopes.includes(scope)) return;
  if (scope === WRITE_SCOPE && hasDefect(env.defects, 'ad-write-without-scope')) return;
  throw new HostError({ kind: 'forbidden', reason: 'scope', message: `the token lacks scope ${scope}` });
}

export const listAdOus: DialectHandler = guarded((api, req, env) => {
  requireScope(req, env, READ_SCOPE);
  const dnsName = domainOf(env.directory, api.id);
  const window = readWindow(req.query);
  const columns = hasDefect(env.defects, 'ad-fields-ignored') ? DEFAULT_COLUMNS : readColumns(req.query);
  const filter = readFilter(req.query, !hasDefect(env.defects, 'ad-filter-case-sensitive'));
  const sort = readSort(req.query);
  readRefresh(req.query);
  const formatDate = hasDefect(env.defects, 'ad-date-format-ignored') ? (iso: string) => iso : readDateFormat(req.headers, columns);
  const { total, rows } = selectRows(api, dnsName, filter, sort, window, {
    zeroBasedFrom: hasDefect(env.defects, 'ad-from-zero-based'),
    ignoreDescending: hasDefect(env.defects, 'ad-sort-desc-ignored'),
  });
  const data = rows.map((row) => adObject(row, columns, formatDate));
  return ok(data, window, hasDefect(env.defects, 'ad-total-is-window') ? data.length : total);
});

export const updateAdOus: DialectHandler = guarded((api, req, env) => {
  requireScope(req, env, WRITE_SCOPE);
  const change = readChange(req.body);
  const dnsName = domainOf(env.directory, api.id);
  const window = readWindow(req.query);
  const filter = readFilter(req.query);
  const sort = readSort(req.query);
  readRefresh(req.query);
  const container = change.ouName === undefined ? undefined : (findContainer(api, dnsName, change.ouName) ?? 'missing');
  if (filter === undefined) {
    // Without a filter, name and OUName find the one target (AD-U1) and change nothing themselves.
    if (change.name === undefined) throw new AdInputError('Invalid body: data.attributes.name is required when no filter is given.');
    const found = container === 'missing' ? [] : targetByName(api, change.name, container);
    const targets = found.slice(window.from - 1, window.from - 1 + window.limit);
    return ok(updateAll(api, dnsName, targets.map((u) => u.id), { change, renameAndMove: false, container }, env), window, found.length);
  }
  const windowed = !hasDefect(env.defects, 'ad-patch-ignores-window');
  const { total, rows } = selectRows(api, dnsName, filter, sort, windowed ? window : { from: 1, limit: Number.MAX_SAFE_INTEGER });
  const items = updateAll(api, dnsName, rows.map((row) => row.unit.id), { change, renameAndMove: true, container }, env);
  return ok(items, window, total);
});

/** The one OU named `name` in the container, or anywhere when no container is given and the name is unique. */
function targetByName(api: UnitsApi, name: string, container: { parentId: string | null } | undefined): UnitView[] {
  if (container !== undefined) {
    const child = childNamed(api, container.parentId, name);
    return child === undefined ? [] : [child];
  }
  const named = unitsNamed(api, name);
  return named.length === 1 ? named : [];
}

function updateAll(api: UnitsApi, dnsName: string, ids: readonly string[], target: TargetChange, env: DialectEnv): UpdateItem[] {
  const quirks = { ignoreMove: hasDefect(env.defects, 'ad-move-ignored'), ignorePreventDeletion: hasDefect(env.defects, 'ad-prevent-deletion-ignored') };
  const items: UpdateItem[] = [];
  for (const id of ids) {
    const item = updateTarget(api, dnsName, id, target, quirks);
    items.push(item);
    if (item.status.status_code === 0 && hasDefect(env.defects, 'ad-bulk-stops-at-failure')) break;
  }
  return items;
}

function ok(data: unknown[], window: Window, total: number): DialectResponse {
  return { status: 200, body: { data, meta: { start_index: window.from, limit: window.limit, total_no_of_objects: total } } };
}
