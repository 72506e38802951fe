/**
 * The PATCH body `{"data": {"attributes": {…}}}` read into one change (AD-U1..U3). Any
 * other shape or key is a 400 00000107 naming the field.
 */
import { AdInputError } from './render.ts';

/** Attributes stored as they are (LDAP names); `country` is stored as `co`, its synonym on the page. */
const TEXT_ATTRIBUTES = new Set(['managedBy', 'street', 'state', 'l', 'postalCode', 'co', 'c']);
const EXTENSION = /^extensionAttribute([1-9]|1[0-5])$/;
const KNOWN = 'name, description, OUName, managedBy, street, state, l, postalCode, country, co, c, preventDeletion, extensionAttribute1…extensionAttribute15';

export interface AdChange {
  name?: string;
  /** The container DN (a move with a filter; where to look without one). */
  ouName?: string;
  /** '' clears it. */
  description?: string;
  /** AD attributes to set by LDAP name; '' removes one. `c` still unchecked (an item fails on a bad one, AD-U3). */
  attributes: Readonly<Record<string, string>>;
  preventDeletion?: boolean;
}

export function readChange(body: unknown): AdChange {
  const data = objectAt(body, 'the body', ['data']);
  const attributes = objectAt(data.data, 'data', ['attributes']);
  const attrs = objectAt(attributes.attributes, 'data.attributes', undefined);
  const change: { -readonly [K in keyof AdChange]: AdChange[K] } = { attributes: {} };
  const stored: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    const at = `data.attributes.${key}`;
    if (key === 'preventDeletion') {
      if (typeof value !== 'boolean') throw invalid(at, 'must be true or false');
      change.preventDeletion = value;
      continue;
    }
    if (key !== 'name' && key !== 'description' && key !== 'OUName' && key !== 'country' && !TEXT_ATTRIBUTES.has(key) && !EXTENSION.test(key)) {
      throw invalid(at, `is not an attribute that can be updated (${KNOWN})`);
    }
    if (typeof value !== 'string') throw invalid(at, 'must be a string');
    if (key === 'name') change.name = value;
    else if (key === 'description') change.description = value;
    else if (key === 'OUName') change.ouName = value;
    else {
      const name = key === 'country' ? 'co' : key;
      if (stored[name] !== undefined && stored[name] !== value) throw invalid(at, 'names the same attribute as co with another value');
      stored[name] = value;
    }
  }
  change.attributes = stored;
  return change;
}

/** The value as an object with exactly `keys` (when given); else a 400 naming `where`. */
function objectAt(value: unknown, where: string, keys: readonly string[] | undefined): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(where, 'must be a JSON object');
  const record = value as Record<string, unknown>;
  if (keys !== undefined) {
    const extra = Object.keys(record).find((k) => !keys.includes(k));
    if (extra !== undefined) throw invalid(`${where === 'the body' ? '' : `${where}.`}${extra}`, 'is not allowed here');
    const missing = keys.find((k) => !(k in record));
    if (missing !== undefined) throw invalid(`${where === 'the body' ? '' : `${where}.`}${missing}`, 'is required');
  }
  return record;
}

function invalid(where: string, what: string): AdInputError {
  return new AdInputError(`Invalid body: ${where} ${what}.`);
}
