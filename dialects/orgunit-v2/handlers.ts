/**
 * The five operations of `orgunit-v2` over the core's UnitsApi: request → core → response.
 * Domain errors are rendered here (render.ts) rather than by the host, so the defect
 * switches of this layer (defects.ts) can bend an answer without touching the core.
 */
import { DomainError } from '../../mock/core/errors.ts';
import type { UnitPatch, UnitView } from '../../mock/core/units.ts';
import { isRecord } from '../../contracts/model/json.ts';
import type { DialectEnv, DialectHandler, DialectRequest, DialectResponse } from '../types.ts';
import { bendOrder, bendPageCount, bendParams, bendQuery, bendRelated, bendTotal, codeShown, codeStillTaken, deletesAsLeaf, forceDelete, nameTooLong, on, otherProjectHaving, prefixTaken, rememberCreated, rememberDeleted } from './bends.ts';
import { codesThenNone, pageCount, pagingHeaders, parseIndex, toQuery } from './listing.ts';
import { labelOf, renderError, UNIT_NOT_FOUND, validationFailed, yiiBody, yiiError } from './render.ts';
import type { FieldError } from './render.ts';
import { relatedOf, toOrgUnit } from './views.ts';
import { OPS, PATHS } from './wire.ts';

/** Renders the core's DomainErrors in Yii2's shape (or, under `v2-error-plain`, a bare message). */
function guarded(handler: DialectHandler): DialectHandler {
  return (api, req, env) => {
    try {
      return handler(api, req, env);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const res = renderError(err);
      if (on(env, 'v2-update-422-object') && req.operationId === OPS.update && res.status === 422) return yiiError(422, err.message);
      return on(env, 'v2-error-plain') && res.status !== 422 ? { status: res.status, body: { message: err.message } } : res;
    }
  };
}

/** V2-C2's code format (our reading of the page). */
const CODE = /^[A-Z0-9_-]{1,64}$/;

const body = (req: DialectRequest): Record<string, unknown> => (isRecord(req.body) ? req.body : {});

type FieldKey = 'code' | 'name' | 'description' | 'parent_org_unit_id';

/** The fields that may be null (`description: null` clears, `parent_org_unit_id: null` is the top level). */
const NULLABLE: ReadonlySet<FieldKey> = new Set(['description', 'parent_org_unit_id']);

/** The fields of create and update, type-checked (the contract checks them too; see listing.ts). */
function readFields(b: Record<string, unknown>, required: readonly FieldKey[]): { fields: Partial<Record<FieldKey, string | null>>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fields: Partial<Record<FieldKey, string | null>> = {};
  for (const key of ['code', 'name', 'description', 'parent_org_unit_id'] as const) {
    const v = b[key];
    const label = labelOf(key);
    if (v === undefined) {
      if (required.includes(key)) errors.push({ field: key, message: `${label} cannot be blank.` });
    } else if (key === 'code' && typeof v === 'string' && !CODE.test(v)) errors.push({ field: key, message: 'Code must be 1–64 characters of A–Z, 0–9, "-" and "_".' });
    else if (typeof v === 'string' || (v === null && NULLABLE.has(key))) fields[key] = v;
    else errors.push({ field: key, message: `${label} must be a string${NULLABLE.has(key) ? ' or null' : ''}.` });
  }
  return { fields, errors };
}

const index: DialectHandler = (api, req, env) => {
  const parsed = parseIndex(req.body, req.query, on(env, 'v2-per-page-default-10') ? 10 : undefined);
  if (!parsed.ok) return validationFailed(parsed.errors);
  const p = bendParams(env, parsed.value);
  const parentId = p.filter.parentId;
  const source = (on(env, 'v2-cross-project-filter') && typeof parentId === 'string' && api.findUnit(parentId) === undefined && otherProjectHaving(env, api, parentId)) || api;
  const query = bendQuery(env, toQuery(p), p);
  // The core orders a missing code last ascending, so first descending: V2-L4 wants it last both ways.
  let page = bendOrder(env, source, query, p, p.sort === '-code' && !on(env, 'v2-code-nulls-first-desc') ? codesThenNone(source, query) : source.queryUnits(query));
  const total = bendTotal(env, source, query, page.total);
  const pages = bendPageCount(env, total, p.perPage, pageCount(total, p.perPage));
  let current = p;
  if (on(env, 'v2-page-past-last-clamped') && pages > 0 && p.page > pages) {
    current = { ...p, page: pages };
    page = source.queryUnits(bendQuery(env, toQuery(current), current));
  }
  const headers = pagingHeaders(current, total, pages);
  if (on(env, 'v2-no-link')) delete headers['Link'];
  return { status: 200, headers, body: page.items.map((u) => toOrgUnit(u, api.id)) };
};

const view: DialectHandler = (api, req, env) => {
  const id = req.params['id'] ?? '';
  let unit = api.findUnit(id);
  let project = api.id;
  if (unit === undefined && on(env, 'v2-cross-project-view')) {
    for (const other of env.directory.tenantIds()) {
      const found = env.directory.tenant(other).findUnit(id);
      if (found !== undefined) [unit, project] = [found, other];
    }
  }
  if (unit === undefined) return renderNotFound(env);
  const shown = toOrgUnit(unit, project);
  return { status: 200, body: { ...shown, code: on(env, 'v2-view-code-null') ? null : codeShown(env, api, unit) } };
};

function renderNotFound(env: DialectEnv): DialectResponse {
  return on(env, 'v2-error-plain') ? { status: 404, body: { message: UNIT_NOT_FOUND } } : yiiError(404, UNIT_NOT_FOUND);
}

const create: DialectHandler = (api, req, env) => {
  const b = body(req);
  const { fields, errors } = readFields(b, ['code', 'name']);
  if (on(env, 'v2-create-parent-required') && b['parent_org_unit_id'] === undefined) errors.push({ field: 'parent_org_unit_id', message: 'Parent Org Unit ID cannot be blank.' });
  if (typeof fields.name === 'string' && nameTooLong(env, fields.name)) errors.push({ field: 'name', message: 'Name should contain at most 255 characters.' });
  if (errors.length > 0) return validationFailed(errors);
  const projectId = b['project_id'];
  const ownProject = on(env, 'v2-project-id-case') ? typeof projectId === 'string' && projectId.toLowerCase() === api.id.toLowerCase() : projectId === api.id;
  const forbidden = projectId !== undefined && !ownProject;
  if (forbidden && !on(env, 'v2-forbidden-create-kept')) {
    return renderError({ kind: 'forbidden', reason: 'tenant', message: `project_id ${JSON.stringify(projectId)} is not the project of the token.` });
  }
  let code = fields.code as string;
  if (on(env, 'v2-code-taken-suffixed')) while (api.unitByCode(code) !== undefined) code = `${code}-2`;
  if (codeStillTaken(env, api, code)) return renderError(new DomainError('conflict', 'code_taken', 'Code has already been taken.'));
  const parentId = fields.parent_org_unit_id ?? null;
  if (prefixTaken(env, api, parentId, fields.name as string)) return renderError(new DomainError('conflict', 'name_taken', 'Name has already been taken.'));
  const input = { name: fields.name as string, parentId, description: fields.description ?? null, fields: { code } };
  const home = (on(env, 'v2-cross-project-parent') && parentId !== null && api.findUnit(parentId) === undefined && otherProjectHaving(env, api, parentId)) || api;
  let unit: UnitView;
  try {
    unit = home.createUnit(input);
  } catch (err) {
    if (!(on(env, 'v2-sibling-name-suffixed') && err instanceof DomainError && err.reason === 'name_taken')) throw err;
    unit = home.createUnit({ ...input, name: `${input.name} (2)` });
  }
  rememberCreated(env, home, unit);
  if (forbidden) return renderError({ kind: 'forbidden', reason: 'tenant', message: `project_id ${JSON.stringify(projectId)} is not the project of the token.` });
  const shown = toOrgUnit(unit, on(env, 'v2-create-project-blank') ? '' : api.id);
  return { status: 201, headers: { Location: PATHS.view(unit.id) }, body: shown };
};

const update: DialectHandler = (api, req, env) => {
  const id = req.params['id'] ?? '';
  const before = api.getUnit(id);
  const b = body(req);
  const { fields, errors } = readFields(b, []);
  // "Cannot change": the unit's own values may be sent back (a client PUTs what view showed).
  if (b['org_unit_id'] !== undefined && b['org_unit_id'] !== before.id) errors.push({ field: 'org_unit_id', message: 'Org Unit ID cannot be changed.' });
  if (b['project_id'] !== undefined && b['project_id'] !== api.id && !on(env, 'v2-update-ignores-project')) errors.push({ field: 'project_id', message: 'Project ID cannot be changed.' });
  if (on(env, 'v2-update-empty-body-422') && Object.keys(b).length === 0) errors.push({ field: 'name', message: 'Nothing to update.' });
  if (on(env, 'v2-own-code-taken') && fields.code === before.fields.code) errors.push({ field: 'code', message: 'Code has already been taken.' });
  if (on(env, 'v2-rename-case-self') && typeof fields.name === 'string' && fields.name !== before.name && fields.name.toLowerCase() === before.name.toLowerCase()) errors.push({ field: 'name', message: 'Name has already been taken.' });
  if (errors.length > 0) return validationFailed(errors);
  const newParent = fields.parent_org_unit_id;
  // A parent looked up in every project: answered as if the move were made (the core cannot hold it).
  if (on(env, 'v2-cross-project-move') && typeof newParent === 'string' && api.findUnit(newParent) === undefined && otherProjectHaving(env, api, newParent) !== undefined) {
    return { status: 200, body: toOrgUnit({ ...before, parentId: newParent }, api.id) };
  }
  // A check of two levels only: a deeper descendant as the new parent is answered as if the move were made.
  if (on(env, 'v2-cycle-depth-2') && typeof newParent === 'string' && api.planDelete(id, 'force').units.some((u) => u.id === newParent && (api.findUnit(newParent)?.depth ?? 0) > before.depth + 2)) {
    return { status: 200, body: toOrgUnit({ ...before, parentId: newParent }, api.id) };
  }
  const patch: UnitPatch = {
    ...(fields.name !== undefined ? { name: fields.name as string } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : on(env, 'v2-update-clears-absent') ? { description: null } : {}),
    ...(fields.parent_org_unit_id !== undefined ? { parentId: fields.parent_org_unit_id } : {}),
    ...(fields.code !== undefined ? { fields: { code: fields.code } } : {}),
  };
  let after = before;
  if (on(env, 'v2-partial-update')) {
    for (const [key, value] of Object.entries(patch)) after = api.updateUnit(id, { [key]: value });
  } else if (on(env, 'v2-update-move-first') && patch.parentId !== undefined) {
    const { parentId, ...rest } = patch;
    api.updateUnit(id, { parentId });
    after = api.updateUnit(id, rest);
  } else after = api.updateUnit(id, patch);
  return { status: 200, body: toOrgUnit(after, api.id) };
};

/** `force` as the contract coerces it, or as the raw query spells it when a handler runs without the host. */
function forceOf(value: unknown, absent: boolean): boolean | undefined {
  if (value === undefined) return absent;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

const remove: DialectHandler = (api, req, env) => {
  const id = req.params['id'] ?? '';
  const force = forceOf(req.query['force'], on(env, 'v2-force-default-true'));
  if (force === undefined) return validationFailed([{ field: 'force', message: 'Force must be either "true" or "false".' }]);
  if (on(env, 'v2-delete-unknown-204') && api.findUnit(id) === undefined) return { status: 204 };
  // One plan for the preview and the delete (V2-D3): what the 409 lists is what force=true removes.
  const plan = api.planDelete(id, 'force');
  if ((deletesAsLeaf(env, plan) && !on(env, 'v2-leaf-preview')) || force === true) {
    rememberDeleted(env, api, plan);
    forceDelete(env, api, plan);
    return { status: 204 };
  }
  const related = bendRelated(env, api, id, relatedOf(plan));
  const message = 'The org unit has related entities; repeat with force=true to delete them all.';
  return { status: 409, body: on(env, 'v2-error-plain') ? { message, related } : { ...yiiBody(409, message), related } };
};

export const HANDLERS: Readonly<Record<string, DialectHandler>> = {
  [OPS.index]: guarded(index),
  [OPS.view]: guarded(view),
  [OPS.create]: guarded(create),
  [OPS.update]: guarded(update),
  [OPS.delete]: guarded(remove),
};

/** The operations that change state. */
export const WRITES: ReadonlySet<string> = new Set([OPS.create, OPS.update, OPS.delete]);
