/**
 * The six operations of contracts/idaas.yaml over the core's UnitsApi. The instance root
 * (`ou_root`) is virtual: it is the parent of the top-level units (the core's `null`), it
 * answers Get, and it refuses every change (409 OperationConflict).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../mock/core/errors.ts';
import { NAME_MAX } from '../../mock/core/names.ts';
import type { UnitPage, UnitPatch, UnitView, UnitsApi } from '../../mock/core/units.ts';
import type { DialectHandler, DialectRequest } from '../types.ts';
import { defectOn } from './defects.ts';
import {
  instanceFor, lookupVariant, pruneDeepLeaves, refuseExternalIdVariant, refuseSelfCaseVariant, refuseSiblingVariant, rememberDeleted, rememberRename, shownVariant,
} from './defect-variants.ts';
import { unitIdByExternalId } from './external-ids.ts';
import { bodyOf, integerQuery, optionalString, requiredQuery, requiredString } from './inputs.ts';
import { rootOf, unitOf } from './views.ts';
import { ROOT_OU, SOURCE_TYPE } from './wire.ts';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

function unitIdOf(req: DialectRequest): string {
  const id = req.params['organizationalUnitId'];
  if (id === undefined || id === '') throw new DomainError('invalid', 'bad_value', 'organizationalUnitId is required', 'id');
  return id;
}

function refuseRootChange(id: string, what: string): void {
  if (id === ROOT_OU) throw new DomainError('conflict', 'protected', `The instance root cannot be ${what}.`, 'id');
}

/** The core's parent for an idaas `parentId`: the root is the top level. */
function coreParent(parentId: string): string | null {
  return parentId === ROOT_OU ? null : parentId;
}

const create: DialectHandler = (api, req, env) => {
  const body = bodyOf(req);
  const name = requiredString(body, 'organizationalUnitName');
  const parentId = requiredString(body, 'parentId');
  const externalId = optionalString(body, 'organizationalUnitExternalId');
  const description = optionalString(body, 'description');
  const target = instanceFor(api, parentId, env, 'id-foreign-parent');
  if (externalId !== undefined) {
    const taken = defectOn(env.defects, 'id-root-external-id-free')
      ? target.unitByExternalId(SOURCE_TYPE, target.id, externalId)?.id
      : unitIdByExternalId(target, { sourceType: SOURCE_TYPE, sourceId: target.id, value: externalId });
    if (taken !== undefined) throw new DomainError('conflict', 'external_id_taken', `The external id ${JSON.stringify(externalId)} is taken in this instance.`, 'externalId');
    refuseExternalIdVariant(target, externalId, env);
  }
  const stored = externalId ?? (defectOn(env.defects, 'id-external-id-random-default') ? randomUUID() : undefined);
  let parent = coreParent(parentId);
  if (parent !== null && defectOn(env.defects, 'id-unknown-parent-under-root') && target.findUnit(parent) === undefined) parent = null;
  if (defectOn(env.defects, 'id-name-length-code-units') && name.trim().length > NAME_MAX) {
    throw new DomainError('invalid', 'name_too_long', `name must have at most ${NAME_MAX} characters`, 'name');
  }
  refuseSiblingVariant(target, parent, name, env);
  let unit: UnitView;
  try {
    unit = target.createUnit({
      name,
      parentId: parent,
      description: description ?? null,
      fields: { externalId: stored === undefined ? null : { sourceType: SOURCE_TYPE, sourceId: target.id, value: stored } },
    });
  } catch (err) {
    if (err instanceof DomainError && err.reason === 'name_taken' && defectOn(env.defects, 'id-sibling-name-400')) {
      throw new DomainError('invalid', 'bad_value', err.message, 'name');
    }
    throw err;
  }
  return { status: defectOn(env.defects, 'id-create-201') ? 201 : 200, body: { organizationalUnitId: unit.id } };
};

const get: DialectHandler = (api, req, env) => {
  const id = unitIdOf(req);
  if (id === ROOT_OU && !defectOn(env.defects, 'id-root-not-found')) return { status: 200, body: rootOf(api.id) };
  const where = instanceFor(api, id, env, 'id-foreign-get');
  return { status: 200, body: shownVariant(unitOf(where.getUnit(id), where.id), req, env, where.id, false) };
};

/** The order defects' order: by `key` of the name (then id), sorted here since the core orders by lower-cased name. */
function pageSorted(api: UnitsApi, parentId: string | null, window: { offset: number; limit: number }, key: (name: string) => string): UnitPage {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const all = api.queryUnits({ where: { parentId } }).items.sort((a, b) => cmp(key(a.name), key(b.name)) || cmp(a.id, b.id));
  return { total: all.length, items: all.slice(window.offset, window.offset + window.limit) };
}

const list: DialectHandler = (api, req, env) => {
  const parentId = requiredQuery(req, 'parentId');
  const pageNumber = integerQuery(req, 'pageNumber', 1, 1);
  const pageSize = integerQuery(req, 'pageSize', DEFAULT_PAGE_SIZE, defectOn(env.defects, 'id-list-page-size-one-refused') ? 2 : 1, MAX_PAGE_SIZE);
  const where = instanceFor(api, parentId, env, 'id-foreign-parent');
  const parent = parentId === ROOT_OU ? null : where.getUnit(parentId).id;
  // A page far past the last is still a page past the last: the offset is capped where it stays exact.
  const offset = defectOn(env.defects, 'id-list-page-overflow') ? Math.max(Math.imul(pageNumber - 1, pageSize), 0) : Math.min((pageNumber - 1) * pageSize, Number.MAX_SAFE_INTEGER);
  const window = { offset, limit: pageSize };
  const page = defectOn(env.defects, 'id-list-case-sensitive-order')
    ? pageSorted(where, parent, window, (n) => n)
    : defectOn(env.defects, 'id-list-upper-case-order')
      ? pageSorted(where, parent, window, (n) => n.toUpperCase())
      : where.queryUnits({ where: { parentId: parent }, orderBy: [{ key: 'name' }], window });
  return { status: 200, body: { totalCount: page.total, data: page.items.map((u) => shownVariant(unitOf(u, where.id), req, env, where.id, true)) } };
};

const update: DialectHandler = (api, req, env) => {
  const id = unitIdOf(req);
  const body = bodyOf(req);
  const name = optionalString(body, 'organizationalUnitName');
  const description = optionalString(body, 'description');
  refuseRootChange(id, 'changed');
  const where = instanceFor(api, id, env, 'id-foreign-patch');
  const keepsDescription = name !== undefined && defectOn(env.defects, 'id-patch-both-drops-description');
  const patch: UnitPatch = {
    ...(name !== undefined ? { name } : {}),
    ...(keepsDescription
      ? {}
      : description !== undefined
        ? { description }
        : body['description'] === null && defectOn(env.defects, 'id-patch-null-clears')
          ? { description: null }
          : {}),
  };
  if (name !== undefined && description !== undefined && defectOn(env.defects, 'id-patch-refused-applies-description')) where.updateUnit(id, { description });
  if (name !== undefined) refuseSelfCaseVariant(where, id, name, env);
  const unit = where.updateUnit(id, patch);
  if (name !== undefined && defectOn(env.defects, 'id-patch-description-keeps-update-time')) rememberRename(where, unit, env);
  return { status: 200, body: {} };
};

const remove: DialectHandler = (api, req, env) => {
  const id = unitIdOf(req);
  refuseRootChange(id, 'deleted');
  const where = instanceFor(api, id, env, 'id-foreign-delete');
  try {
    const plan = where.planDelete(id, defectOn(env.defects, 'id-delete-with-children') ? 'cascade' : 'block');
    rememberDeleted(where, plan.units, env);
    where.applyDelete(plan);
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'conflict' && defectOn(env.defects, 'id-conflict-plain-body')) return { status: 409, body: { message: err.message } };
    if (err instanceof DomainError && err.reason === 'has_children' && defectOn(env.defects, 'id-delete-refused-prunes-deep-leaves')) pruneDeepLeaves(where, id);
    if (err instanceof DomainError && err.reason === 'has_users' && defectOn(env.defects, 'id-delete-users-name-code')) throw new DomainError('conflict', 'name_taken', err.message, 'name');
    throw err;
  }
  return { status: 200, body: {} };
};

const lookup: DialectHandler = (api, req, env) => {
  const body = bodyOf(req);
  const key = {
    value: requiredString(body, 'organizationalUnitExternalId'),
    sourceType: requiredString(body, 'organizationalUnitSourceType'),
    sourceId: requiredString(body, 'organizationalUnitSourceId'),
  };
  const id = lookupVariant(api, key, req, env) ?? (defectOn(env.defects, 'id-lookup-unknown-root') ? ROOT_OU : undefined);
  if (id === undefined) throw new DomainError('not_found', 'unit_not_found', `No organizational unit has the external id ${JSON.stringify(key.value)} (${key.sourceType}, ${key.sourceId}).`, 'externalId');
  return { status: 200, body: { organizationalUnitId: id } };
};

/** By operationId of contracts/idaas.yaml. */
export const HANDLERS: Readonly<Record<string, DialectHandler>> = {
  CreateOrganizationalUnit: create,
  GetOrganizationalUnit: get,
  ListOrganizationalUnits: list,
  UpdateOrganizationalUnit: update,
  DeleteOrganizationalUnit: remove,
  GetOrganizationalUnitIdByExternalId: lookup,
};

/** The operations that change state. */
export const WRITES: ReadonlySet<string> = new Set(['CreateOrganizationalUnit', 'UpdateOrganizationalUnit', 'DeleteOrganizationalUnit']);
