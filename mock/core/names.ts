/** OU names: validation, the stored (trimmed) form and the sibling-uniqueness key. */
import type { Defects } from '../defects.ts';
import { DomainError, ValidationError, type Loc } from './errors.ts';

/** Longest name, in characters (code points, as JSON Schema `maxLength` counts). */
export const NAME_MAX = 255;

/**
 * Returns the name as stored: trimmed, 1..255 characters, no `/` (OU-H5).
 *
 * @example
 * storedName('  Platform ', NO_DEFECTS); // 'Platform'
 * @throws DomainError `invalid` (name_blank, name_too_long, name_slash) at field `name`.
 */
export function storedName(raw: string, defects: Defects): string {
  const name = raw.trim();
  if (name === '') {
    // accept-blank-name defect (OU-H5): a white-space-only name slips through as given.
    if (defects.has('accept-blank-name') && raw !== '') return raw;
    throw new DomainError('invalid', 'name_blank', 'name must have at least 1 character after trimming white space', 'name');
  }
  // Only long strings can exceed the limit in code points; counting them is then worth it.
  if (name.length > NAME_MAX && Array.from(name).length > NAME_MAX) {
    throw new DomainError('invalid', 'name_too_long', `name must have at most ${NAME_MAX} characters`, 'name');
  }
  if (name.includes('/')) throw new DomainError('invalid', 'name_slash', "name must not contain '/'", 'name');
  return name;
}

/** The pydantic error type the OU API reports for each name problem. */
const NAME_ISSUE_TYPE: Partial<Record<DomainError['reason'], string>> = {
  name_blank: 'string_too_short',
  name_too_long: 'string_too_long',
  name_slash: 'string_pattern_mismatch',
};

/**
 * Returns the name as stored (see storedName), reporting problems at `loc`.
 *
 * @example
 * normaliseName('  Platform ', ['body', 'name'], NO_DEFECTS); // 'Platform'
 * @throws ValidationError at `loc` for a non-string, blank, too long or slashed name.
 */
export function normaliseName(raw: unknown, loc: Loc, defects: Defects): string {
  if (typeof raw !== 'string') {
    throw ValidationError.field(loc, 'Input should be a valid string', 'string_type');
  }
  try {
    return storedName(raw, defects);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    throw ValidationError.field(loc, e.message, NAME_ISSUE_TYPE[e.reason] ?? 'value_error');
  }
}

/** Key of a name in its sibling group: names are unique per parent, case-insensitively (OU-H4). */
export function siblingKey(name: string, defects: Defects): string {
  // case-sensitive-siblings defect (OU-H4): "Sales" and "sales" become different keys.
  if (defects.has('case-sensitive-siblings')) return name;
  return name.toLowerCase();
}
