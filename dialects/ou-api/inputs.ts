/**
 * Reading the OU API's request values (OUCreate and OUUpdate bodies, `strategy`) into the
 * core's neutral commands; nothing is changed here. Problems are ValidationErrors at the
 * request's own locations (OU-E3), found in the order the fields are listed.
 */
import type { DeleteMode, JsonObject, Tenant, UnitCreate, UnitPatch } from '../../mock/core/index.ts';
import { DomainError } from '../../mock/core/index.ts';
import { ValidationError, type Loc } from '../../mock/http/typed-errors.ts';
import type { DeleteStrategy } from './dto.ts';

/** What the OU API's input reading needs besides the values: the tenant's name rule and its defect switches. */
export interface InputRules {
  tenant: Tenant;
  /** custom-attributes-proto-lost defect (OU-C3). */
  protoLost: boolean;
  /** patch-null-ignored defect (OU-U1). */
  nullIgnored: boolean;
  /** default-strategy-cascade defect (OU-D1). */
  cascadeByDefault: boolean;
}

/** The error type the OU API reports for each name problem of the core. */
const NAME_ISSUE_TYPE: Partial<Record<DomainError['reason'], string>> = {
  name_blank: 'string_too_short',
  name_too_long: 'string_too_long',
  name_slash: 'string_pattern_mismatch',
};

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readBody(input: unknown): Record<string, unknown> {
  if (!isObject(input)) throw ValidationError.field(['body'], 'Input should be a valid JSON object', 'model_attributes_type');
  return input;
}

function nullableString(v: unknown, loc: Loc): string | null {
  if (v === null || typeof v === 'string') return v;
  throw ValidationError.field(loc, 'Input should be a valid string or null', 'string_type');
}

/**
 * The name as the core stores it (trimmed, 1..255 characters, no `/`: OU-H5).
 *
 * @throws ValidationError at `loc`.
 */
export function readName(raw: unknown, loc: Loc, tenant: Tenant): string {
  if (typeof raw !== 'string') throw ValidationError.field(loc, 'Input should be a valid string', 'string_type');
  try {
    return tenant.nameFor(raw);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw ValidationError.field(loc, e.message, NAME_ISSUE_TYPE[e.reason] ?? 'value_error');
  }
}

/**
 * `custom_attributes`: any JSON object, stored and returned exactly as given (OU-C3). A copy
 * through JSON defines every key as an own property, so `__proto__` survives as a key.
 *
 * @throws ValidationError at `loc` when it is not a JSON object.
 */
export function readAttributes(raw: unknown, loc: Loc, protoLost: boolean): JsonObject | null {
  if (raw === null) return null;
  if (!isObject(raw)) throw ValidationError.field(loc, 'Input should be a valid dictionary (JSON object) or null', 'dict_type');
  if (protoLost) {
    // custom-attributes-proto-lost defect (OU-C3): plain assignment turns "__proto__" into a prototype change.
    const copy: JsonObject = {};
    for (const [k, v] of Object.entries(raw)) copy[k] = v;
    return copy;
  }
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(raw));
  } catch {
    throw ValidationError.field(loc, 'custom_attributes must be JSON (no cycles, no BigInt)', 'json_invalid');
  }
  if (!isObject(copy)) throw ValidationError.field(loc, 'Input should be a valid dictionary (JSON object) or null', 'dict_type');
  return copy;
}

/**
 * Checks an `OUCreate` body (OU-H5, OU-C3); absent optional fields become null.
 *
 * @example
 * readCreate({ name: ' Eng ' }, rules); // { name: 'Eng', description: null, parentId: null, customAttributes: null }
 */
export function readCreate(input: unknown, rules: InputRules): UnitCreate & { parentId: string | null } {
  const body = readBody(input);
  if (body.name === undefined) throw ValidationError.field(['body', 'name'], 'Field required', 'missing');
  return {
    name: readName(body.name, ['body', 'name'], rules.tenant),
    description: body.description === undefined ? null : nullableString(body.description, ['body', 'description']),
    parentId: body.parent_id === undefined ? null : nullableString(body.parent_id, ['body', 'parent_id']),
    customAttributes:
      body.custom_attributes === undefined ? null : readAttributes(body.custom_attributes, ['body', 'custom_attributes'], rules.protoLost),
  };
}

/**
 * Checks an `OUUpdate` body: keys absent stay absent; `name: null` is refused (OU-U1).
 *
 * @example
 * readUpdate({ description: null }, rules); // { description: null }
 */
export function readUpdate(patch: unknown, rules: InputRules): UnitPatch {
  const body = readBody(patch);
  const change: UnitPatch = {};
  if (body.name !== undefined) {
    if (body.name === null) throw ValidationError.field(['body', 'name'], 'name may not be null', 'string_type');
    change.name = readName(body.name, ['body', 'name'], rules.tenant);
  }
  // patch-null-ignored defect (OU-U1): `description: null` is dropped instead of clearing.
  const dropNullDescription = body.description === null && rules.nullIgnored;
  if (body.description !== undefined && !dropNullDescription) {
    change.description = nullableString(body.description, ['body', 'description']);
  }
  if (body.parent_id !== undefined) change.parentId = nullableString(body.parent_id, ['body', 'parent_id']);
  if (body.custom_attributes !== undefined) {
    change.customAttributes = readAttributes(body.custom_attributes, ['body', 'custom_attributes'], rules.protoLost);
  }
  return change;
}

export const DELETE_STRATEGIES: readonly DeleteStrategy[] = ['BLOCK', 'MOVE_UP', 'CASCADE'];

const MODE_OF: Readonly<Record<DeleteStrategy, DeleteMode>> = { BLOCK: 'block', MOVE_UP: 'move_up', CASCADE: 'cascade' };

/**
 * Reads the `strategy` query value as the core's delete mode; absent means BLOCK (OU-D1).
 *
 * @throws ValidationError at ['query', 'strategy'] for any other value.
 */
export function readStrategy(raw: unknown, cascadeByDefault: boolean): DeleteMode {
  // default-strategy-cascade defect (OU-D1): no strategy given means CASCADE.
  if (raw === undefined) return cascadeByDefault ? 'cascade' : 'block';
  if (typeof raw === 'string' && Object.hasOwn(MODE_OF, raw)) return MODE_OF[raw as DeleteStrategy];
  throw ValidationError.field(['query', 'strategy'], "Input should be 'BLOCK', 'MOVE_UP' or 'CASCADE'", 'enum');
}
