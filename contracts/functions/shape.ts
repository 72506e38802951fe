/**
 * Small, total readers over parsed OpenAPI values. Rule functions receive `unknown`
 * (the document is user input), so every access goes through these guards.
 */

export type JsonObject = Record<string, unknown>;

/** The operation keys of an OpenAPI 3.x path item. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** JSONPath of every operation object, for rules that look at one operation at a time. */
export const OPERATION_GIVEN = `$.paths[*][${HTTP_METHODS.join(',')}]`;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True for `application/json` and structured-syntax JSON types such as `application/problem+json`. */
export function isJsonMediaType(mediaType: string): boolean {
  const bare = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare === 'application/json' || bare.endsWith('+json');
}

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

/** The target of a local `$ref` (`#/a/b`), or undefined when absent or not local. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const segments = ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Follows local `$ref`s (at most a few hops, so a ref cycle cannot hang) to a plain object. */
export function derefLocal(root: unknown, value: unknown): unknown {
  let node = value;
  for (let hop = 0; hop < 8 && isRecord(node) && typeof node.$ref === 'string'; hop++) {
    node = resolveLocalRef(root, node.$ref);
  }
  return node;
}
