/** `custom_attributes`: any JSON object, stored and returned exactly as given (OU-C3). */
import type { Defects } from '../defects.ts';
import type { JsonObject } from './dto.ts';
import { ValidationError, type Loc } from './errors.ts';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep copy through JSON: `JSON.parse` defines every key as an own property, so keys such as
 * `__proto__` survive and can never reach a prototype. Stored and returned objects never alias.
 */
export function cloneAttributes(a: JsonObject | null): JsonObject | null {
  return a === null ? null : (JSON.parse(JSON.stringify(a)) as JsonObject);
}

/**
 * Validates and copies `custom_attributes` from a request or snapshot.
 *
 * @example
 * readAttributes(JSON.parse('{"__proto__": {"x": 1}}'), ['body', 'custom_attributes'], NO_DEFECTS);
 * // -> an object whose own key "__proto__" is {x: 1}
 * @throws ValidationError at `loc` when it is not a JSON object.
 */
export function readAttributes(raw: unknown, loc: Loc, defects: Defects): JsonObject | null {
  if (raw === null) return null;
  if (!isObject(raw)) {
    throw ValidationError.field(loc, 'Input should be a valid dictionary (JSON object) or null', 'dict_type');
  }
  if (defects.has('custom-attributes-proto-lost')) {
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
  if (!isObject(copy)) {
    throw ValidationError.field(loc, 'Input should be a valid dictionary (JSON object) or null', 'dict_type');
  }
  return copy;
}
