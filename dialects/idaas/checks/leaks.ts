/**
 * Whether an answer gives a unit away, judged on the JSON it carries, not on its text: white
 * space, key order and \u escapes are the server's to choose, so a leak matched as exact text
 * (`"organizationalUnitId":"<id>"`) passes once pretty-printed or escaped.
 */
import type { Exchange } from '../../../suites/exchange.ts';

export interface Secrets {
  /** Texts (a unit's name) no string of the answer may contain, keys included. */
  texts: readonly string[];
  /**
   * Ids no unit-id field (`organizationalUnitId`, `parentId`) of the answer may hold: that is
   * how a unit is given away, while a message may well repeat an id the request itself named.
   */
  unitIds?: readonly string[];
  /** Strings no string of the answer may be (a key, a value under any key, an item). */
  values?: readonly string[];
}

const UNIT_ID_FIELDS: ReadonlySet<string> = new Set(['organizationalUnitId', 'parentId']);

interface Found {
  /** The key a string is the value of; undefined for keys themselves and array items. */
  key: string | undefined;
  text: string;
}

/** Every string of a JSON value: the keys, and the values with the key they stand under. */
function* stringsOf(value: unknown, key?: string): Generator<Found> {
  if (typeof value === 'string') yield { key, text: value };
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      yield { key: undefined, text: k };
      yield* stringsOf(v, k);
    }
  }
}

function jsonOf(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A body that is no JSON has no fields: its text is searched, unit-id fields as JSON would write them, with any white space. */
function showsInText(text: string, secrets: Secrets): boolean {
  const fields = [...UNIT_ID_FIELDS].join('|');
  return (
    secrets.texts.some((t) => text.includes(t)) ||
    (secrets.unitIds ?? []).some((id) => new RegExp(`"(${fields})"\\s*:\\s*"${escapeRegExp(id)}"`).test(text)) ||
    (secrets.values ?? []).some((v) => text.includes(`"${v}"`))
  );
}

/** Whether `ex`'s body shows any of `secrets`, however it is serialised. */
export function shows(ex: Exchange, secrets: Secrets): boolean {
  const json = jsonOf(ex.text);
  if (json === undefined) return showsInText(ex.text, secrets);
  const unitIds = new Set(secrets.unitIds ?? []);
  const values = new Set(secrets.values ?? []);
  for (const { key, text } of stringsOf(json.value)) {
    // The answer's own id (ID-E1) is no data of a unit, whatever sequence the server draws it from.
    if (key === 'requestId') continue;
    if (secrets.texts.some((t) => text.includes(t))) return true;
    if (values.has(text) || (key !== undefined && UNIT_ID_FIELDS.has(key) && unitIds.has(text))) return true;
  }
  return false;
}
