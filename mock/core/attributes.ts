/** Custom attributes: any JSON object, stored and returned exactly as given (OU-C3). */
import type { JsonObject } from './records.ts';

/** Whether `v` is a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
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
 * The stored form: a deep copy, deep-frozen. Stored attributes are replaced whole, never changed
 * in place, so every view can share them instead of copying them per read.
 */
export function storedAttributes(a: JsonObject | null): Readonly<JsonObject> | null {
  return a === null ? null : deepFreeze(cloneAttributes(a) as JsonObject);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
