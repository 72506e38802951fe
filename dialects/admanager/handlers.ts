/**
 * The two operations of the page: `GET` (listAdOus) and `PATCH` (updateAdOus)
 * `/api/v2/organizational_units`, request → core → the page's answer.
 */
import type { DialectEnv, DialectHandler, DialectRequest, DialectResponse } from '../types.ts';
import { HostError } from '../types.ts';
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { readChange } from './body.ts';
import { adObject, DEFAULT_COLUMNS } from './columns.ts';
import { bentItem, bentObject } from './bent-output.ts';
import { childNamed, findContainer, unitsNamed, type Container } from './containers.ts';
import { hasDefect } from './defects.ts';
import { domainOf } from './domains.ts';
import { DEFAULT_LIMIT, readColumns, readDateFormat, readFilter, readRefresh, readSort, readWindow, type CompiledFilter, type FilterQuirks, type Sort, type SortQuirks, type Window } from './params.ts';
import { AdInputError, renderAdError } from './render.ts';
import { selectRows, type Selection, type SelectionQuirks } from './select.ts';
import { failed, updateTarget, type TargetChange, type UpdateItem } from './update.ts';

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
  const bareRefused = hasDefect(env.defects, 'ad-bare-token-refused') || (scope === WRITE_SCOPE && hasDefect(env.defects, 'ad-bare-token-get-only'));
  if (bareRefused && !/^Bearer\s/i.test(String(req.headers.authorization ?? ''))) {
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
  const columns = hasDefect(env.defects, 'ad-fields-ignored')
    ? DEFAULT_COLUMNS
    : readColumns(req.query, { caseSensitive: hasDefect(env.defects, 'ad-fields-case-sensitive'), ...(hasDefect(env.defects, 'ad-fields-unknown-code-107') ? { unknownCode: '00000107' as const } : {}) });
  const filter = readFilter(req.query, filterQuirks(env.defects, false));
  const sort = readSort(req.query, sortQuirks(env.defects));
  readRefresh(req.query);
  const formatDate = hasDefect(env.defects, 'ad-date-format-ignored') ? (iso: string) => iso : readDateFormat(req.headers, columns);
  // ad-default-limit-unapplied defect (AD-L1): meta still says 10.
  const applied = hasDefect(env.defects, 'ad-default-limit-unapplied') && req.query['limit'] === undefined ? { ...window, limit: Number.MAX_SAFE_INTEGER } : window;
  const selected = leakedOr(env, api, filter, sort, applied, () => selectRows(api, dnsName, filter, sort, applied, selectionQuirks(env.defects)));
  const { total } = selected;
  // ad-from-at-last-empty defect (AD-L1).
  const rows = hasDefect(env.defects, 'ad-from-at-last-empty') && window.from > 1 && window.from === total ? [] : selected.rows;
  const data = rows.map((row) => bentObject(adObject(row, columns, formatDate), row.unit.updatedAt ?? row.unit.createdAt, env.defects));
  // ad-meta-start-zero-based defect (AD-L2).
  const shown = hasDefect(env.defects, 'ad-meta-start-zero-based') ? { ...window, from: window.from - 1 } : window;
  return ok(data, shown, hasDefect(env.defects, 'ad-total-is-window') ? data.length : total);
});

export const updateAdOus: DialectHandler = guarded((api, req, env) => {
  requireScope(req, env, WRITE_SCOPE);
  const change = readChange(req.body);
  const dnsName = domainOf(env.directory, api.id);
  const filter = readFilter(req.query, filterQuirks(env.defects, true));
  let window: Window;
  let sort: Sort;
  try {
    window = readWindow(req.query);
    sort = readSort(req.query, sortQuirks(env.defects));
  } catch (error) {
    // ad-patch-checks-window-late defect (AD-E1): the default window's targets change before the bad parameter is noticed.
    if (filter !== undefined && hasDefect(env.defects, 'ad-patch-checks-window-late')) {
      const { rows } = selectRows(api, dnsName, filter, { column: 'NAME', desc: false }, { from: 1, limit: DEFAULT_LIMIT });
      updateAll(api, dnsName, rows.map((row) => row.unit.id), { change, renameAndMove: true, container: undefined }, env);
    }
    throw error;
  }
  readRefresh(req.query);
  const container = containerOf(api, dnsName, change.ouName, env.defects);
  if (filter === undefined) {
    // Without a filter, name and OUName find the one target (AD-U1) and change nothing themselves.
    if (change.name === undefined) throw new AdInputError('Invalid body: data.attributes.name is required when no filter is given.');
    const found = container === 'missing' ? [] : targetByName(api, change.name, container, env.defects);
    const targets = found.slice(window.from - 1, window.from - 1 + window.limit);
    return ok(updateAll(api, dnsName, targets.map((u) => u.id), { change, renameAndMove: false, container }, env), window, found.length);
  }
  const windowed = !hasDefect(env.defects, 'ad-patch-ignores-window');
  const selectWindow = windowed ? window : { from: 1, limit: Number.MAX_SAFE_INTEGER };
  let target = { api, dnsName };
  const { total, rows } = leakedOr(env, api, filter, sort, selectWindow, () => selectRows(api, dnsName, filter, sort, selectWindow), (leak) => (target = leak));
  const items = updateAll(target.api, target.dnsName, rows.map((row) => row.unit.id), { change, renameAndMove: true, container }, env);
  return ok(items, window, hasDefect(env.defects, 'ad-patch-total-is-items') ? items.length : total);
});

/** The container OUName names (undefined without one; `missing` when there is none). */
function containerOf(api: UnitsApi, dnsName: string, ouName: string | undefined, defects: ReadonlySet<string>): Container | 'missing' | undefined {
  if (ouName === undefined) return undefined;
  const found = findContainer(api, dnsName, ouName, { ignoreDomain: hasDefect(defects, 'ad-container-domain-ignored') });
  // ad-move-to-root-refused defect (AD-U3).
  if (found === undefined || (found.parentId === null && hasDefect(defects, 'ad-move-to-root-refused'))) return 'missing';
  return found;
}

/** The one OU named `name` in the container, or anywhere when no container is given and the name is unique. */
function targetByName(api: UnitsApi, name: string, container: Container | undefined, defects: ReadonlySet<string>): UnitView[] {
  // ad-patch-name-prefix defect (AD-U1): every OU whose name starts with `name`, in the container.
  if (hasDefect(defects, 'ad-patch-name-prefix') && container !== undefined) {
    const lower = name.toLowerCase();
    return api.queryUnits({ where: { parentId: container.parentId, test: (u) => u.name.toLowerCase().startsWith(lower) } }).items;
  }
  // ad-patch-container-ignored defect (AD-U1): the first OU of that name anywhere.
  if (container !== undefined && !hasDefect(defects, 'ad-patch-container-ignored')) {
    const child = childNamed(api, container.parentId, name);
    return child === undefined ? [] : [child];
  }
  const named = unitsNamed(api, name);
  // ad-patch-ambiguous-first defect (AD-U1).
  if (named.length > 1 && (container !== undefined || hasDefect(defects, 'ad-patch-ambiguous-first'))) return named.slice(0, 1);
  return named.length === 1 ? named : [];
}

function updateAll(api: UnitsApi, dnsName: string, ids: readonly string[], target: TargetChange, env: DialectEnv): UpdateItem[] {
  const quirks = {
    ignoreMove: hasDefect(env.defects, 'ad-move-ignored'),
    ignorePreventDeletion: hasDefect(env.defects, 'ad-prevent-deletion-ignored'),
    halfApplied: hasDefect(env.defects, 'ad-failed-item-half-applied'),
    prefixClash: hasDefect(env.defects, 'ad-name-taken-prefix'),
    anyTwoCountry: hasDefect(env.defects, 'ad-country-code-any-two'),
  };
  const items: UpdateItem[] = [];
  const before: UnitView[] = [];
  for (const id of ids) {
    const unit = api.findUnit(id);
    if (unit !== undefined) before.push(unit);
    const item = updateTarget(api, dnsName, id, target, quirks);
    items.push(item);
    if (item.status.status_code === 0 && hasDefect(env.defects, 'ad-bulk-stops-at-failure')) break;
  }
  if (hasDefect(env.defects, 'ad-bulk-all-or-nothing') && items.some((i) => i.status.status_code === 0)) return undoAll(api, dnsName, before);
  return items.map((item) => bentItem(item, env.defects));
}

/** The ad-bulk-all-or-nothing defect (AD-U2): every target back as it was, every item failed. */
function undoAll(api: UnitsApi, dnsName: string, before: readonly UnitView[]): UpdateItem[] {
  return before.map((unit) => {
    const { name, parentId, description, fields } = unit;
    return failed(api.updateUnit(unit.id, { name, parentId, description, fields: { ad: fields.ad, protected: fields.protected } }), dnsName, 'Another object of the batch failed.');
  });
}

/**
 * The ad-foreign-guid-visible defect (AD-A2): a filter that matches nothing in the tenant is
 * tried in every other tenant; `select` otherwise.
 */
function leakedOr(
  env: DialectEnv,
  api: UnitsApi,
  filter: CompiledFilter | undefined,
  sort: Sort,
  window: Window,
  select: () => Selection,
  onLeak: (target: { api: UnitsApi; dnsName: string }) => void = () => undefined,
): Selection {
  const own = select();
  if (own.total > 0 || filter === undefined || !hasDefect(env.defects, 'ad-foreign-guid-visible')) return own;
  for (const tenantId of env.directory.tenantIds().filter((t) => t !== api.id)) {
    const other = env.directory.tenant(tenantId);
    const dnsName = domainOf(env.directory, tenantId);
    const leaked = selectRows(other, dnsName, filter, sort, window);
    if (leaked.total > 0) {
      onLeak({ api: other, dnsName });
      return leaked;
    }
  }
  return own;
}

const NAME_COLUMNS: ReadonlySet<string> = new Set(['NAME', 'FULL_NAME']);

/** The filter reading the defect switches bend; `patch`: the PATCH's (only its own switch differs). */
function filterQuirks(defects: ReadonlySet<string>, patch: boolean): FilterQuirks {
  return {
    caseSensitive: !patch && hasDefect(defects, 'ad-filter-case-sensitive'),
    ...(patch && hasDefect(defects, 'ad-patch-filter-case-sensitive') ? { exactColumns: NAME_COLUMNS } : {}),
    asciiCase: hasDefect(defects, 'ad-filter-ascii-case'),
    flatPrecedence: hasDefect(defects, 'ad-filter-flat-precedence'),
    swAsCo: hasDefect(defects, 'ad-filter-sw-as-co'),
    ewAsCo: hasDefect(defects, 'ad-filter-ew-as-co'),
    strictInclusive: hasDefect(defects, 'ad-filter-strict-inclusive'),
    trimQuoted: hasDefect(defects, 'ad-filter-quoted-trimmed'),
    rawEscapes: hasDefect(defects, 'ad-filter-escapes-raw'),
    lazyUnknown: hasDefect(defects, 'ad-filter-unknown-column-lazy'),
  };
}

function sortQuirks(defects: ReadonlySet<string>): SortQuirks {
  return { unknownIgnored: hasDefect(defects, 'ad-sort-unknown-ignored'), defaultByGuid: hasDefect(defects, 'ad-sort-default-by-guid') };
}

function selectionQuirks(defects: ReadonlySet<string>): SelectionQuirks {
  return {
    zeroBasedFrom: hasDefect(defects, 'ad-from-zero-based'),
    ignoreDescending: hasDefect(defects, 'ad-sort-desc-ignored'),
    ...(hasDefect(defects, 'ad-sort-ties-by-creation') ? { ties: 'creation' as const } : hasDefect(defects, 'ad-sort-ties-by-guid') ? { ties: 'guid' as const } : {}),
  };
}

function ok(data: unknown[], window: Window, total: number): DialectResponse {
  return { status: 200, body: { data, meta: { start_index: window.from, limit: window.limit, total_no_of_objects: total } } };
}
