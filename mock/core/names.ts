/** Unit names: the rule and the stored (trimmed) form. */
import { DomainError } from './errors.ts';
import type { Policies } from './policies.ts';

/** Longest name, in characters (code points, as JSON Schema `maxLength` counts). */
export const NAME_MAX = 255;

/**
 * Returns the name as stored: trimmed, 1..255 characters, no `/` (OU-H5).
 *
 * @example
 * storedName('  Platform ', DEFAULT_POLICIES); // 'Platform'
 * @throws DomainError `invalid` (name_blank, name_too_long, name_slash) at field `name`.
 */
export function storedName(raw: string, policies: Policies): string {
  const name = raw.trim();
  if (name === '') {
    const kept = raw === '' ? undefined : policies.blankName(raw);
    if (kept !== undefined) return kept;
    throw new DomainError('invalid', 'name_blank', 'name must have at least 1 character after trimming white space', 'name');
  }
  // Only long strings can exceed the limit in code points; counting them is then worth it.
  if (name.length > NAME_MAX && Array.from(name).length > NAME_MAX) {
    throw new DomainError('invalid', 'name_too_long', `name must have at most ${NAME_MAX} characters`, 'name');
  }
  if (name.includes('/')) throw new DomainError('invalid', 'name_slash', "name must not contain '/'", 'name');
  return name;
}
