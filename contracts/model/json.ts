/**
 * Total readers over parsed JSON/YAML values. A contract is user input (a vendor's file
 * given to `lint` or `proxy`), so every access goes through these guards.
 */

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * `decodeURIComponent` that never throws: bad percent-encoding is kept verbatim, so a
 * path parameter then names no resource (404) and a pointer names no node, never a crash.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** True for `application/json` and structured-syntax JSON types such as `application/problem+json`. */
export function isJsonMediaType(mediaType: string): boolean {
  const bare = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare === 'application/json' || bare.endsWith('+json');
}
