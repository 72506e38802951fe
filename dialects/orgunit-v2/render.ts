/**
 * Errors in Yii2's shapes (V2-E1): `{name, message, code: 0, status}` for everything but
 * validation, which is 422 with `[{field, message}]`, one item per faulty field.
 */
import { STATUS_CODES } from 'node:http';
import { DomainError } from '../../mock/core/errors.ts';
import type { DomainField } from '../../mock/core/units.ts';
import type { DialectResponse, HostFailure, RequestIssue } from '../types.ts';
import type { ValidationErrors, YiiError } from './wire.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** Yii2's error object for `status`; `name` is the reason phrase. */
export function yiiBody(status: number, message: string): YiiError {
  return { name: STATUS_CODES[status] ?? 'Error', message, code: 0, status };
}

/** An answer of `status` with Yii2's error object. */
export function yiiError(status: number, message: string, headers?: Readonly<Record<string, string>>): DialectResponse {
  return { status, body: yiiBody(status, message), ...(headers !== undefined ? { headers } : {}) };
}

/** 422 with one item per field (the first message of each field wins, as Yii2 reports `getFirstErrors()`). */
export function validationFailed(errors: readonly FieldError[]): DialectResponse {
  const seen = new Set<string>();
  const body: ValidationErrors = [];
  for (const e of errors) {
    if (seen.has(e.field)) continue;
    seen.add(e.field);
    body.push({ field: e.field, message: e.message });
  }
  return { status: 422, body };
}

/** The Yii2 attribute label of a request field: `per-page` → `Per Page`, `parent_org_unit_id` → `Parent Org Unit ID`. */
export function labelOf(field: string): string {
  return field
    .split(/[-_.\s]+/)
    .filter((w) => w !== '')
    .map((w) => (w.toLowerCase() === 'id' ? 'ID' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The request field of a neutral domain field. */
const WIRE_FIELD: Readonly<Record<DomainField, string>> = {
  name: 'name',
  description: 'description',
  parent: 'parent_org_unit_id',
  code: 'code',
  id: 'org_unit_id',
  externalId: 'external_id',
  attributes: 'attributes',
  strategy: 'force',
};

export const UNIT_NOT_FOUND = 'Org unit not found.';

/** 422 items from the host's contract validation; undefined when the body itself is unusable (400). */
function issueErrors(issues: readonly RequestIssue[]): FieldError[] | undefined {
  if (issues.some((i) => i.in === 'body' && i.loc.length === 0)) return undefined;
  return issues.map((i) => {
    const field = i.loc.length === 0 ? i.in : i.loc.map(String).join('.');
    return { field, message: i.keyword === 'required' ? `${labelOf(field)} cannot be blank.` : `${labelOf(field)} is invalid: ${i.message}.` };
  });
}

function renderHost(f: HostFailure): DialectResponse {
  switch (f.kind) {
    case 'unauthorized':
      // Yii2's HttpBearerAuth: the challenge and its fixed message (the host's reason stays out of the body).
      return yiiError(401, 'Your request was made with invalid credentials.', { 'WWW-Authenticate': 'Bearer realm="api"' });
    case 'forbidden':
      return yiiError(403, f.message);
    case 'route_not_found':
      return yiiError(404, 'Page not found.');
    case 'method_not_allowed':
      return yiiError(405, `Method Not Allowed. This URL can only handle the following request methods: ${f.allow.join(', ')}.`, { Allow: f.allow.join(', ') });
    case 'too_large':
      return yiiError(413, `The request body is larger than ${f.limitBytes} bytes.`);
    case 'unsupported_media_type':
      return yiiError(415, 'The request body must be sent as application/json.');
    case 'malformed_body':
      return yiiError(400, `Invalid JSON data in request body: ${f.message}`);
    case 'invalid_request': {
      const errors = issueErrors(f.issues);
      return errors === undefined ? yiiError(400, 'The request body must be a JSON object.') : validationFailed(errors);
    }
    case 'tenant_not_found':
      return yiiError(404, 'Project not found.');
    case 'unavailable':
      return yiiError(503, 'The service is unavailable; try again later.', { 'Retry-After': String(f.retryAfterS) });
    case 'injected':
      return yiiError(f.status, f.message ?? STATUS_CODES[f.status] ?? 'Error');
  }
}

function renderDomain(err: DomainError): DialectResponse {
  const on = (field: string, message: string): DialectResponse => validationFailed([{ field, message }]);
  switch (err.reason) {
    case 'parent_not_found':
      return on('parent_org_unit_id', 'Parent Org Unit ID is invalid: no such org unit in the project.');
    case 'unit_not_found':
      return yiiError(404, UNIT_NOT_FOUND);
    case 'tenant_not_found':
      return yiiError(404, 'Project not found.');
    case 'user_not_found':
      return yiiError(404, 'User not found.');
    case 'name_taken':
      return on('name', 'Name has already been taken by a sibling (names compare case-insensitively).');
    case 'code_taken':
      return on('code', 'Code has already been taken in the project.');
    case 'cycle':
      return on('parent_org_unit_id', 'Parent Org Unit ID cannot be the unit itself or one of its descendants.');
    case 'name_blank':
      return on('name', 'Name cannot be blank.');
    case 'name_too_long':
      return on('name', 'Name should contain at most 255 characters.');
    case 'name_slash':
      return on('name', 'Name must not contain "/".');
    case 'bad_value': {
      const field = WIRE_FIELD[err.field ?? 'id'];
      return on(field, `${labelOf(field)} is invalid: ${err.message}`);
    }
    case 'protected':
      return yiiError(409, 'The org unit is protected from deletion.');
    case 'has_children':
    case 'has_users':
    case 'external_id_taken':
    case 'id_taken':
      return yiiError(409, err.message);
  }
}

/** Every host failure and every DomainError of the core, in Yii2's shape and status. */
export function renderError(err: HostFailure | DomainError): DialectResponse {
  return err instanceof DomainError ? renderDomain(err) : renderHost(err);
}
