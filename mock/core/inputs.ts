/** Reading `OUCreate` and `OUUpdate` bodies into checked values; nothing is changed here. */
import type { Defects } from '../defects.ts';
import { readAttributes } from './attributes.ts';
import type { JsonObject } from './dto.ts';
import { ValidationError, type Loc } from './errors.ts';
import { normaliseName } from './names.ts';

export interface NewOu {
  name: string;
  description: string | null;
  parentId: string | null;
  attributes: JsonObject | null;
}

/** Only the fields present in the PATCH body; `undefined` = leave as is (OU-U1). */
export interface OuChange {
  name?: string;
  description?: string | null;
  parentId?: string | null;
  attributes?: JsonObject | null;
}

function readBody(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw ValidationError.field(['body'], 'Input should be a valid JSON object', 'model_attributes_type');
  }
  return input as Record<string, unknown>;
}

function nullableString(v: unknown, loc: Loc): string | null {
  if (v === null || typeof v === 'string') return v;
  throw ValidationError.field(loc, 'Input should be a valid string or null', 'string_type');
}

/**
 * Checks an `OUCreate` body (OU-H5, OU-C3); absent optional fields become null.
 *
 * @example
 * readCreate({ name: ' Eng ' }, NO_DEFECTS); // { name: 'Eng', description: null, parentId: null, attributes: null }
 */
export function readCreate(input: unknown, defects: Defects): NewOu {
  const body = readBody(input);
  if (body.name === undefined) throw ValidationError.field(['body', 'name'], 'Field required', 'missing');
  return {
    name: normaliseName(body.name, ['body', 'name'], defects),
    description: body.description === undefined ? null : nullableString(body.description, ['body', 'description']),
    parentId: body.parent_id === undefined ? null : nullableString(body.parent_id, ['body', 'parent_id']),
    attributes:
      body.custom_attributes === undefined
        ? null
        : readAttributes(body.custom_attributes, ['body', 'custom_attributes'], defects),
  };
}

/**
 * Checks an `OUUpdate` body: keys absent stay absent; `name: null` is refused (OU-U1).
 *
 * @example
 * readUpdate({ description: null }, NO_DEFECTS); // { description: null }
 */
export function readUpdate(patch: unknown, defects: Defects): OuChange {
  const body = readBody(patch);
  const change: OuChange = {};
  if (body.name !== undefined) {
    if (body.name === null) throw ValidationError.field(['body', 'name'], 'name may not be null', 'string_type');
    change.name = normaliseName(body.name, ['body', 'name'], defects);
  }
  // patch-null-ignored defect (OU-U1): `description: null` is dropped instead of clearing.
  const dropNullDescription = body.description === null && defects.has('patch-null-ignored');
  if (body.description !== undefined && !dropNullDescription) {
    change.description = nullableString(body.description, ['body', 'description']);
  }
  if (body.parent_id !== undefined) change.parentId = nullableString(body.parent_id, ['body', 'parent_id']);
  if (body.custom_attributes !== undefined) {
    change.attributes = readAttributes(body.custom_attributes, ['body', 'custom_attributes'], defects);
  }
  return change;
}
