/**
 * Small, total readers over parsed OpenAPI values. Rule functions receive `unknown`
 * (the document is user input), so every access goes through these guards.
 */

import { asArray, asRecord, HTTP_METHODS, isJsonMediaType, isRecord, type JsonObject } from '../model/index.ts';

// The guards and the `$ref` resolver are the contract model's: rule functions read documents as it does.
export { asArray, asRecord, derefLocal, HTTP_METHODS, isJsonMediaType, isRecord, resolveLocalRef, type JsonObject } from '../model/index.ts';
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** JSONPath of every operation object, for rules that look at one operation at a time. */
export const OPERATION_GIVEN = `$.paths[*][${HTTP_METHODS.join(',')}]`;

/** The schema of the first JSON media type of a `content` map, with its media type. */
export function jsonSchemaOf(content: unknown): { mediaType: string; schema: JsonObject } | undefined {
  for (const [mediaType, media] of Object.entries(asRecord(content))) {
    const schema = asRecord(media).schema;
    if (isJsonMediaType(mediaType) && isRecord(schema)) return { mediaType, schema };
  }
  return undefined;
}

/** The JSON Schema `type` keyword as a list (OpenAPI 3.1 allows `type: [string, 'null']`). */
export function typesOf(schema: JsonObject): readonly string[] {
  const { type } = schema;
  if (typeof type === 'string') return [type];
  return asArray(type).filter((t): t is string => typeof t === 'string');
}

/**
 * The properties and required names of an object schema, merged across `allOf`
 * (the one composition that adds properties unconditionally).
 */
export function objectShape(schema: JsonObject): { properties: JsonObject; required: ReadonlySet<string> } {
  const properties: JsonObject = { ...asRecord(schema.properties) };
  const required = new Set(asArray(schema.required).filter((r): r is string => typeof r === 'string'));
  for (const part of asArray(schema.allOf)) {
    if (!isRecord(part)) continue;
    const inner = objectShape(part);
    Object.assign(properties, inner.properties);
    for (const name of inner.required) required.add(name);
  }
  return { properties, required };
}
