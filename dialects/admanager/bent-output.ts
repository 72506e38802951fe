/**
 * Defect switches that bend only how an answer shows an object (AD-L4, AD-L7, AD-U2): the
 * answer as a broken implementation would write it. Applied by the handlers after rendering,
 * so the selection, the core and every other answer stay as they are.
 */
import { hasDefect, type AdDefect } from './defects.ts';
import type { UpdateItem } from './update.ts';

/** Each DN-escaping defect as the escape it drops (RFC 4514 §2.4). */
const DROPPED_ESCAPES: ReadonlyArray<[AdDefect, RegExp, string]> = [
  ['ad-dn-plus-unescaped', /\\\+/g, '+'],
  ['ad-dn-backslash-unescaped', /\\\\/g, '\\'],
  ['ad-dn-quote-unescaped', /\\"/g, '"'],
  ['ad-dn-semicolon-unescaped', /\\;/g, ';'],
  ['ad-dn-angle-unescaped', /\\([<>])/g, '$1'],
  ['ad-dn-hash-unescaped', /=\\#/g, '=#'],
];

function bentDn(dn: string, defects: ReadonlySet<string>): string {
  return DROPPED_ESCAPES.reduce((out, [name, escaped, plain]) => (hasDefect(defects, name) ? out.replace(escaped, plain) : out), dn);
}

/** A listed object as the defects on show it; `changedIso` is its WHEN_CHANGED in ISO 8601. */
export function bentObject(object: Record<string, string | boolean>, changedIso: string, defects: ReadonlySet<string>): Record<string, string | boolean> {
  if (defects.size === 0) return object;
  const out = { ...object };
  if (typeof out['DISTINGUISHED_NAME'] === 'string') out['DISTINGUISHED_NAME'] = bentDn(out['DISTINGUISHED_NAME'], defects);
  if (typeof out['OBJECT_GUID'] === 'string' && hasDefect(defects, 'ad-guid-lower-case')) out['OBJECT_GUID'] = out['OBJECT_GUID'].toLowerCase();
  if ('WHEN_CHANGED' in out && hasDefect(defects, 'ad-date-format-created-only')) out['WHEN_CHANGED'] = changedIso;
  return out;
}

/** An update item as the defects on show it. */
export function bentItem(item: UpdateItem, defects: ReadonlySet<string>): UpdateItem {
  if (defects.size === 0) return item;
  const container = item.object['Container Name'];
  const topLevel = container.startsWith('DC=') && hasDefect(defects, 'ad-item-top-container-dash');
  return {
    ...item,
    object: { ...item.object, 'Distinguished Name': bentDn(item.object['Distinguished Name'], defects), 'Container Name': topLevel ? '-' : bentDn(container, defects) },
  };
}
