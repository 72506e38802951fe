/**
 * How the test-only defect switches of defects.ts bend `orgunit-v2`'s answers: the boundary
 * and combination variants, kept out of handlers.ts so each handler reads as the rule and
 * calls one hook here. Nothing here runs unless its switch is on; the core is never bent.
 */
import type { DeletePlan, UnitPage, UnitQuery, UnitsApi, UnitView } from '../../mock/core/units.ts';
import type { DialectEnv } from '../types.ts';
import type { V2Defect } from './defects.ts';
import type { IndexParams } from './listing.ts';
import type { Related } from './wire.ts';

export const on = (env: DialectEnv, defect: V2Defect): boolean => env.defects.has(defect);

type Windowed = UnitQuery & { window: { offset: number; limit: number } };

/** Lower case for A–Z only (SQLite's NOCASE), the ASCII-only variant of a case-insensitive match. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The index parameters as a bent parser would have read them. */
export function bendParams(env: DialectEnv, p: IndexParams): IndexParams {
  const filter = { ...p.filter };
  if (on(env, 'v2-name-filter-trimmed') && filter.name !== undefined) filter.name = filter.name.trim();
  if (on(env, 'v2-parent-null-ignored') && filter.parentId === null) delete filter.parentId;
  const sort = on(env, 'v2-created-at-desc-ignored') && p.sort === '-created_at' ? 'created_at' : p.sort;
  return { ...p, filter, sort };
}

/** The core query of the filters, bent where a filter switch is on. */
export function bendQuery(env: DialectEnv, query: Windowed, p: IndexParams): Windowed {
  const where = { ...query.where };
  const name = p.filter.name;
  if (name !== undefined && where.nameContains !== undefined) {
    if (on(env, 'v2-name-filter-case')) {
      delete where.nameContains;
      where.test = (u) => u.name.includes(name);
    } else if (on(env, 'v2-name-filter-ascii-case')) {
      delete where.nameContains;
      where.test = (u) => asciiLower(u.name).includes(asciiLower(name));
    } else if (on(env, 'v2-name-filter-empty-none') && name === '') {
      where.test = () => false;
    }
  }
  const code = where.code;
  if (on(env, 'v2-code-filter-prefix') && code !== undefined) {
    delete where.code;
    where.test = (u) => u.fields.code?.startsWith(code) === true;
  }
  const window = on(env, 'v2-per-page-cap-50') ? { ...query.window, limit: Math.min(query.window.limit, 50) } : query.window;
  return { ...query, where, window };
}

/** Another project that has `id`, for the cross-project switches (the rule: none is ever consulted). */
export function otherProjectHaving(env: DialectEnv, api: UnitsApi, id: string): UnitsApi | undefined {
  for (const other of env.directory.tenantIds()) {
    const tenant = env.directory.tenant(other);
    if (tenant.id !== api.id && tenant.findUnit(id) !== undefined) return tenant;
  }
  return undefined;
}

/** The page as a bent ordering would have answered it: the whole match reordered, then windowed. */
export function bendOrder(env: DialectEnv, api: UnitsApi, query: Windowed, p: IndexParams, page: UnitPage): UnitPage {
  const desc = p.sort.startsWith('-');
  const tieRaw = on(env, 'v2-sort-tie-raw-name') && (p.sort === 'name' || p.sort === '-name');
  const tieDesc = on(env, 'v2-sort-desc-id-desc') && (p.sort === '-name' || p.sort === '-created_at');
  if (!tieRaw && !tieDesc) return page;
  const where = query.where !== undefined ? { where: query.where } : {};
  // Descending with the id descending too: the ascending order (ties by ascending id) reversed.
  const sorted = tieDesc
    ? [...api.queryUnits({ ...where, orderBy: [{ key: p.sort === '-name' ? 'name' : 'createdAt' }] }).items].reverse()
    : [...api.queryUnits(where).items].sort((a, b) => {
        const byLower = a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;
        const byRaw = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        return (desc ? -byLower : byLower) || byRaw || (a.id < b.id ? -1 : 1);
      });
  return { total: page.total, items: sorted.slice(query.window.offset, query.window.offset + query.window.limit) };
}

/** The total a count query that left filter.name out would give (`v2-total-ignores-name`). */
export function bendTotal(env: DialectEnv, api: UnitsApi, query: Windowed, total: number): number {
  if (!on(env, 'v2-total-ignores-name') || query.where?.nameContains === undefined) return total;
  const { nameContains: _, ...where } = query.where;
  return api.queryUnits({ where }).total;
}

/** X-Pagination-Page-Count as a bent rounding gives it. */
export function bendPageCount(env: DialectEnv, total: number, perPage: number, pages: number): number {
  if (on(env, 'v2-page-count-floor')) return Math.floor(total / perPage);
  if (on(env, 'v2-page-count-exact-plus-one')) return total === 0 ? 0 : Math.floor(total / perPage) + 1;
  if (on(env, 'v2-page-count-empty-one')) return Math.max(1, pages);
  return pages;
}

/** Codes of units deleted per project, for `v2-code-kept-after-delete` (the variant's own state, never the core's). */
const DELETED_CODES = new WeakMap<UnitsApi, Set<string>>();

export function rememberDeleted(env: DialectEnv, api: UnitsApi, plan: DeletePlan): void {
  if (!on(env, 'v2-code-kept-after-delete')) return;
  const codes = DELETED_CODES.get(api) ?? new Set<string>();
  for (const u of plan.units) if (u.fields.code !== null) codes.add(u.fields.code);
  DELETED_CODES.set(api, codes);
}

export function codeStillTaken(env: DialectEnv, api: UnitsApi, code: string): boolean {
  return on(env, 'v2-code-kept-after-delete') && DELETED_CODES.get(api)?.has(code) === true;
}

/** Whether the bent length rule refuses `name` (`v2-name-length-bytes`); the rule counts characters. */
export function nameTooLong(env: DialectEnv, name: string): boolean {
  return on(env, 'v2-name-length-bytes') && Buffer.byteLength(name.trim(), 'utf8') > 255;
}

/** The code each unit was created with, per project, for `v2-view-code-at-create` (the variant's own state). */
const CREATED_CODES = new WeakMap<UnitsApi, Map<string, string | null>>();

/**
 * The ancestors each unit had when this dialect created it, per project: the subtree index of the
 * stale-index switches (`v2-preview-skips-moved`, `v2-force-skips-moved`), filled on create and
 * never on move. Kept here, not read off created_at, so a whole-second clock cannot hide the bug.
 */
const ANCESTORS_AT_CREATE = new WeakMap<UnitsApi, Map<string, ReadonlySet<string>>>();

function ancestorsOf(api: UnitsApi, unit: UnitView): Set<string> {
  const out = new Set<string>();
  for (let at = unit.parentId; at !== null; at = api.findUnit(at)?.parentId ?? null) out.add(at);
  return out;
}

/** What the variants that remember a unit as it was made need (nothing unless one is on). */
export function rememberCreated(env: DialectEnv, api: UnitsApi, unit: UnitView): void {
  if (on(env, 'v2-view-code-at-create')) {
    const codes = CREATED_CODES.get(api) ?? new Map<string, string | null>();
    codes.set(unit.id, unit.fields.code);
    CREATED_CODES.set(api, codes);
  }
  if (on(env, 'v2-preview-skips-moved') || on(env, 'v2-force-skips-moved')) {
    const index = ANCESTORS_AT_CREATE.get(api) ?? new Map<string, ReadonlySet<string>>();
    index.set(unit.id, ancestorsOf(api, unit));
    ANCESTORS_AT_CREATE.set(api, index);
  }
}

/** The code view shows: the unit's, or under `v2-view-code-at-create` the one it was created with. */
export function codeShown(env: DialectEnv, api: UnitsApi, unit: UnitView): string | null {
  const codes = on(env, 'v2-view-code-at-create') ? CREATED_CODES.get(api) : undefined;
  return codes?.has(unit.id) === true ? (codes.get(unit.id) ?? null) : unit.fields.code;
}

/** Whether `name` is a sibling's name and more words (`v2-sibling-name-prefix`: "Sales Team" beside "Sales"). */
export function prefixTaken(env: DialectEnv, api: UnitsApi, parentId: string | null, name: string): boolean {
  if (!on(env, 'v2-sibling-name-prefix')) return false;
  const lower = name.trim().toLowerCase();
  return api.queryUnits({ where: { parentId } }).items.some((s) => lower.startsWith(`${s.name.toLowerCase()} `));
}

/** The subtree below `id`, parents first, as the core's force plan lists it (the unit itself left out). */
function below(api: UnitsApi, id: string): UnitView[] {
  return api
    .planDelete(id, 'force')
    .units.filter((u) => u.id !== id)
    .map((u) => api.getUnit(u.id));
}

/**
 * The units of a subtree a stale index misses: those made outside it and moved in since (the
 * index has no `id` among their ancestors). A unit the index never saw (made by another dialect)
 * is missed with its parent.
 */
function movedIn(api: UnitsApi, id: string): Set<string> {
  const index = ANCESTORS_AT_CREATE.get(api);
  const out = new Set<string>();
  for (const u of below(api, id)) {
    const known = index?.get(u.id);
    if (known !== undefined ? !known.has(id) : u.parentId !== null && out.has(u.parentId)) out.add(u.id);
  }
  return out;
}

/** Siblings whose name extends the unit's (what a `path LIKE '/x%'` match also takes), with their subtrees. */
function nameExtensions(api: UnitsApi, id: string): UnitView[] {
  const unit = api.getUnit(id);
  const siblings = api.queryUnits({ where: { parentId: unit.parentId } }).items.filter((s) => s.id !== id && s.name.startsWith(unit.name));
  return siblings.flatMap((s) => [s, ...below(api, s.id)]);
}

/** The 409 preview's `related`, bent where a preview switch is on. */
export function bendRelated(env: DialectEnv, api: UnitsApi, id: string, related: Related): Related {
  const depth = api.getUnit(id).depth;
  let units = related.org_units;
  let users = related.users;
  if (on(env, 'v2-preview-direct-only')) units = units.filter((u) => api.findUnit(u.org_unit_id)?.parentId === id);
  if (on(env, 'v2-preview-depth-2')) units = units.filter((u) => (api.findUnit(u.org_unit_id)?.depth ?? 0) <= depth + 2);
  if (on(env, 'v2-preview-skips-moved')) {
    const skipped = movedIn(api, id);
    units = units.filter((u) => !skipped.has(u.org_unit_id));
  }
  if (on(env, 'v2-preview-users-shallow')) {
    const shallow = new Set([id, ...api.queryUnits({ where: { parentId: id } }).items.map((c) => c.id)].flatMap((u) => api.usersOf(u, false).map((x) => x.id)));
    users = users.filter((u) => shallow.has(u.id));
  }
  if (on(env, 'v2-preview-name-prefix')) units = [...units, ...nameExtensions(api, id).map((u) => ({ org_unit_id: u.id, code: u.fields.code, name: u.name }))];
  return { org_units: units, users };
}

/** Whether force=false deletes this unit as a leaf: the rule's leaf, or (`v2-users-not-related`) one without child units. */
export function deletesAsLeaf(env: DialectEnv, plan: DeletePlan): boolean {
  return plan.leaf || (on(env, 'v2-users-not-related') && plan.units.length === 1);
}

/**
 * The force=true delete of a bent implementation: units it misses are first moved to the
 * unit's parent (where a stale index leaves them), extra ones deleted; users moved up.
 */
export function forceDelete(env: DialectEnv, api: UnitsApi, plan: DeletePlan): void {
  const id = plan.unitId;
  if (on(env, 'v2-force-moves-up') && !plan.leaf) return api.applyDelete(api.planDelete(id, 'move_up'));
  const { parentId, depth } = api.getUnit(id);
  const missed = movedIn(api, id);
  // The tops of what the bent delete leaves: the units three levels down, or the moved-in subtrees.
  const spared = on(env, 'v2-force-depth-2') ? below(api, id).filter((u) => u.depth === depth + 3) : on(env, 'v2-force-skips-moved') ? below(api, id).filter((u) => missed.has(u.id) && !missed.has(u.parentId ?? '')) : [];
  for (const u of spared) api.updateUnit(u.id, { parentId });
  const extra = on(env, 'v2-force-name-prefix') ? nameExtensions(api, id).filter((u) => u.parentId === parentId) : [];
  for (const s of extra) api.applyDelete(api.planDelete(s.id, 'force'));
  api.applyDelete(on(env, 'v2-force-keeps-users') ? api.planDelete(id, 'cascade') : spared.length > 0 ? api.planDelete(id, 'force') : plan);
}
