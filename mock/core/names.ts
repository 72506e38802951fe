/** OU names: validation, the stored (trimmed) form and the sibling-uniqueness key. */
import type { Defects } from '../defects.ts';
import { ValidationError, type Loc } from './errors.ts';

/** Longest name, in characters (code points, as JSON Schema `maxLength` counts). */
export const NAME_MAX = 255;

/**
 * Returns the name as stored: trimmed, 1..255 characters, no `/` (OU-H5).
 *
 * @example
 * normaliseName('  Platform ', ['body', 'name'], NO_DEFECTS); // 'Platform'
 * @throws ValidationError at `loc` for a non-string, blank, too long or slashed name.
 */
export function normaliseName(raw: unknown, loc: Loc, defects: Defects): string {
  if (typeof raw !== 'string') {
    throw ValidationError.field(loc, 'Input should be a valid string', 'string_type');
  }
  const name = raw.trim();
  if (name === '') {
    // accept-blank-name defect (OU-H5): a white-space-only name slips through as given.
    if (defects.has('accept-blank-name') && raw !== '') return raw;
    throw ValidationError.field(loc, 'name must have at least 1 character after trimming white space', 'string_too_short');
  }
  // Only long strings can exceed the limit in code points; counting them is then worth it.
  if (name.length > NAME_MAX && Array.from(name).length > NAME_MAX) {
    throw ValidationError.field(loc, `name must have at most ${NAME_MAX} characters`, 'string_too_long');
  }
  if (name.includes('/')) {
    throw ValidationError.field(loc, "name must not contain '/'", 'string_pattern_mismatch');
  }
  return name;
}

/** Key of a name in its sibling group: names are unique per parent, case-insensitively (OU-H4). */
export function siblingKey(name: string, defects: Defects): string {
  // case-sensitive-siblings defect (OU-H4): "Sales" and "sales" become different keys.
  if (defects.has('case-sensitive-siblings')) return name;
  return name.toLowerCase();
}
