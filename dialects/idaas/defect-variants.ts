/**
 * What the boundary defects of defects.ts do (test-only): each function is one broken variant
 * a hold-out implementation might have, called by the handlers only when its switch is on.
 * State a variant needs (deleted external ids, rename times) lives here, per directory and
 * instance, never in the core's records.
 */
import type { Directory } from '../../mock/core/directory.ts';
import { DomainError } from '../../mock/core/errors.ts';
import type { UnitView, UnitsApi } from '../../mock/core/units.ts';
import type { DialectEnv, DialectRequest } from '../types.ts';
import { defectOn } from './defects.ts';
import { externalIdOf, unitIdByExternalId } from './external-ids.ts';
import type { ExternalId } from './external-ids.ts';
import type { OrganizationalUnit } from './wire.ts';
import { ROOT_OU, SOURCE_TYPE } from './wire.ts';

interface InstanceMemory {
  /** External ids of deleted units (id-external-id-reserved-after-delete). */
  deletedExternalIds: Set<string>;
  /** Unix ms of each unit's last rename (id-patch-description-keeps-update-time). */
  renamedAt: Map<string, number>;
}

const memories = new WeakMap<Directory, Map<string, InstanceMemory>>();

function memoryOf(env: DialectEnv, instanceId: string): InstanceMemory {
  let byInstance = memories.get(env.directory);
  if (byInstance === undefined) memories.set(env.directory, (byInstance = new Map()));
  let memory = byInstance.get(instanceId);
  if (memory === undefined) byInstance.set(instanceId, (memory = { deletedExternalIds: new Set(), renamedAt: new Map() }));
  return memory;
}

/** The instance, other than `api`'s, that holds unit `id` (the foreign-id defects resolve ids in every instance). */
export function foreignOwner(api: UnitsApi, id: string, env: DialectEnv): UnitsApi | undefined {
  if (api.findUnit(id) !== undefined) return undefined;
  for (const tenantId of env.directory.tenantIds()) {
    if (tenantId === api.id) continue;
    const other = env.directory.tenant(tenantId);
    if (other.findUnit(id) !== undefined) return other;
  }
  return undefined;
}

/** Where a handler acts for an id it was given: this instance, or another one when `defect` resolves ids everywhere. */
export function instanceFor(api: UnitsApi, id: string, env: DialectEnv, defect: Parameters<typeof defectOn>[1]): UnitsApi {
  return defectOn(env.defects, defect) ? (foreignOwner(api, id, env) ?? api) : api;
}

/** The create-time refusals of the external-id defects, before the core's own check. */
export function refuseExternalIdVariant(api: UnitsApi, value: string, env: DialectEnv): void {
  const lower = value.toLowerCase();
  const taken =
    (defectOn(env.defects, 'id-external-id-reserved-after-delete') && memoryOf(env, api.id).deletedExternalIds.has(value)) ||
    (defectOn(env.defects, 'id-external-id-unique-ignoring-case') &&
      api.queryUnits({ where: { test: (u) => externalIdOf(u, api.id).value.toLowerCase() === lower } }).total > 0);
  if (taken) throw new DomainError('conflict', 'external_id_taken', `The external id ${JSON.stringify(value)} is taken in this instance.`, 'externalId');
}

/** Remembers the external ids of units about to be deleted (id-external-id-reserved-after-delete). */
export function rememberDeleted(api: UnitsApi, units: ReadonlyArray<Pick<UnitView, 'id' | 'fields'>>, env: DialectEnv): void {
  if (!defectOn(env.defects, 'id-external-id-reserved-after-delete')) return;
  const memory = memoryOf(env, api.id);
  for (const u of units) memory.deletedExternalIds.add(externalIdOf(u, api.id).value);
}

/** Remembers a rename's time (id-patch-description-keeps-update-time). */
export function rememberRename(api: UnitsApi, unit: UnitView, env: DialectEnv): void {
  if (unit.updatedAt !== null) memoryOf(env, api.id).renamedAt.set(unit.id, Date.parse(unit.updatedAt));
}

/** id-sibling-name-prefix / id-sibling-name-like: a sibling the broken comparison takes for the same name. */
export function refuseSiblingVariant(api: UnitsApi, parentId: string | null, name: string, env: DialectEnv): void {
  const wanted = name.trim().toLowerCase();
  const prefix = defectOn(env.defects, 'id-sibling-name-prefix');
  const like = defectOn(env.defects, 'id-sibling-name-like') ? likePattern(wanted) : undefined;
  if (!prefix && like === undefined) return;
  const clash = api.queryUnits({
    where: { parentId, test: (u) => (prefix && wanted.startsWith(u.name.toLowerCase())) || (like !== undefined && like.test(u.name.toLowerCase())) },
  });
  const first = clash.items[0];
  if (first !== undefined) throw new DomainError('conflict', 'name_taken', `A sibling is named ${JSON.stringify(first.name)}.`, 'name');
}

/** id-patch-self-case-conflict: the unit itself counts among the siblings of its new name. */
export function refuseSelfCaseVariant(api: UnitsApi, id: string, name: string, env: DialectEnv): void {
  if (!defectOn(env.defects, 'id-patch-self-case-conflict')) return;
  const unit = api.getUnit(id);
  const wanted = name.trim().toLowerCase();
  if (api.queryUnits({ where: { parentId: unit.parentId, test: (u) => u.name.toLowerCase() === wanted } }).total > 0) {
    throw new DomainError('conflict', 'name_taken', `A unit under this parent is named ${JSON.stringify(name)}.`, 'name');
  }
}

/** A SQL LIKE pattern as a regular expression: `%` any run, `_` any one character. */
function likePattern(pattern: string): RegExp {
  const body = Array.from(pattern, (c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/** The unit id the lookup action answers under the lookup defects that are on. */
export function lookupVariant(api: UnitsApi, key: ExternalId, req: DialectRequest, env: DialectEnv): string | undefined {
  const on = (d: Parameters<typeof defectOn>[1]): boolean => defectOn(env.defects, d);
  let k = key;
  if (on('id-source-id-application') && k.sourceId === req.params['applicationId']) k = { ...k, sourceId: api.id };
  if (on('id-lookup-ignores-source')) k = { ...k, sourceType: SOURCE_TYPE, sourceId: api.id };
  if (on('id-lookup-trims')) k = { ...k, value: k.value.trim() };
  let where = api;
  if (on('id-lookup-any-instance') && k.sourceId !== api.id && env.directory.hasTenant(k.sourceId)) where = env.directory.tenant(k.sourceId);
  if (on('id-lookup-root-missing') && k.value === ROOT_OU) return undefined;
  const exact = unitIdByExternalId(where, k);
  if (exact !== undefined) return exact;
  const matches = (test: (value: string) => boolean): string | undefined =>
    where.queryUnits({ where: { test: (u) => test(externalIdOf(u, where.id).value) }, orderBy: [{ key: 'id' }] }).items[0]?.id;
  if (on('id-lookup-like')) return matches((v) => likePattern(k.value).test(v));
  if (on('id-lookup-prefix')) return matches((v) => v.startsWith(k.value));
  if (on('id-lookup-ignoring-case')) return matches((v) => v.toLowerCase() === k.value.toLowerCase());
  return undefined;
}

/** id-delete-refused-prunes-deep-leaves: the childless units two or more levels below `id` go before the refusal. */
export function pruneDeepLeaves(api: UnitsApi, id: string): void {
  const unit = api.getUnit(id);
  const below = `${unit.path}/`;
  const leaves = api.queryUnits({ where: { test: (u) => u.path.startsWith(below) && u.depth >= unit.depth + 2 && u.childCount === 0 && u.userCount === 0 } });
  for (const leaf of leaves.items) api.applyDelete(api.planDelete(leaf.id, 'block'));
}

/** A unit as the view defects show it. */
export function shownVariant(unit: OrganizationalUnit, req: DialectRequest, env: DialectEnv, instanceId: string, inList: boolean): OrganizationalUnit {
  const on = (d: Parameters<typeof defectOn>[1]): boolean => defectOn(env.defects, d);
  let shown = unit;
  if (on('id-source-id-application') && shown.organizationalUnitSourceType === SOURCE_TYPE) {
    shown = { ...shown, organizationalUnitSourceId: req.params['applicationId'] ?? instanceId };
  }
  if (on('id-patch-description-keeps-update-time') && unit.organizationalUnitId !== ROOT_OU) {
    shown = { ...shown, updateTime: memoryOf(env, instanceId).renamedAt.get(unit.organizationalUnitId) ?? unit.createTime };
  }
  if (on('id-times-in-seconds')) shown = { ...shown, createTime: Math.floor(shown.createTime / 1000), updateTime: Math.floor(shown.updateTime / 1000) };
  if (inList && on('id-list-item-no-description')) {
    const { description: _dropped, ...rest } = shown;
    shown = rest;
  }
  return shown;
}
