/**
 * Java date patterns (`X-Date-Time-Format`, AD-L7) in UTC: the letters of
 * `java.time.format.DateTimeFormatter` that clients use for timestamps, quoted literals
 * (`'T'`, `''`) and optional sections (`[.SSS]`, always printed: every field is known).
 * No library on the registry list formats Java patterns, and the common letters are few.
 */

/** A pattern that cannot be read; `position` is 1-based. */
export class DatePatternError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}

/** The page's default: `yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]`. */
export const ISO_PATTERN = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]";

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Field = (d: Date, width: number) => string;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const text = (names: readonly string[], index: number, width: number): string => {
  const name = names[index] as string;
  return width >= 4 ? name : name.slice(0, 3);
};
const hour12 = (d: Date): number => d.getUTCHours() % 12 || 12;
/** UTC offsets: `X` forms print `Z`, the others a zero offset in their shape. */
const OFFSET: Readonly<Record<string, (width: number) => string>> = {
  X: () => 'Z',
  x: (w) => (w === 1 ? '+00' : w === 2 || w === 4 ? '+0000' : '+00:00'),
  Z: (w) => (w <= 3 ? '+0000' : w === 4 ? 'GMT' : 'Z'),
  z: (w) => (w >= 4 ? 'Coordinated Universal Time' : 'UTC'),
  O: () => 'GMT',
  V: () => 'UTC',
};

const FIELDS: Readonly<Record<string, Field>> = {
  y: (d, w) => (w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w)),
  u: (d, w) => (w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w)),
  M: (d, w) => (w >= 3 ? text(MONTHS, d.getUTCMonth(), w) : pad(d.getUTCMonth() + 1, w)),
  L: (d, w) => (w >= 3 ? text(MONTHS, d.getUTCMonth(), w) : pad(d.getUTCMonth() + 1, w)),
  d: (d, w) => pad(d.getUTCDate(), w),
  D: (d, w) => pad(dayOfYear(d), w),
  E: (d, w) => text(DAYS, d.getUTCDay(), w),
  a: (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
  H: (d, w) => pad(d.getUTCHours(), w),
  k: (d, w) => pad(d.getUTCHours() || 24, w),
  K: (d, w) => pad(d.getUTCHours() % 12, w),
  h: (d, w) => pad(hour12(d), w),
  m: (d, w) => pad(d.getUTCMinutes(), w),
  s: (d, w) => pad(d.getUTCSeconds(), w),
  // Fraction of a second to `width` digits (millisecond precision, zero-filled beyond it).
  S: (d, w) => pad(d.getUTCMilliseconds(), 3).padEnd(w, '0').slice(0, w),
  n: (d, w) => pad(d.getUTCMilliseconds() * 1_000_000, w),
  A: (d, w) => pad(d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), w),
  ...Object.fromEntries(Object.entries(OFFSET).map(([letter, f]) => [letter, (_d: Date, w: number) => f(w)])),
};

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

type Part = string | { letter: string; width: number };

/**
 * Compiles a pattern once; the result formats any date. Unknown letters, unclosed quotes
 * and unbalanced brackets throw DatePatternError.
 *
 * @example
 * compileDatePattern("dd/MM/yyyy HH:mm")(new Date('2026-11-30T06:05:00Z')); // '30/11/2026 06:05'
 */
export function compileDatePattern(pattern: string): (date: Date) => string {
  const parts: Part[] = [];
  let depth = 0;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      i = quoted(pattern, i, parts);
      continue;
    }
    if (ch === '[' || ch === ']') {
      depth += ch === '[' ? 1 : -1;
      if (depth < 0) throw new DatePatternError("']' without '['", i + 1);
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      if (FIELDS[ch] === undefined) throw new DatePatternError(`unknown pattern letter '${ch}'`, i + 1);
      let width = 1;
      while (pattern[i + width] === ch) width++;
      parts.push({ letter: ch, width });
      i += width;
      continue;
    }
    parts.push(ch);
    i++;
  }
  if (depth !== 0) throw new DatePatternError("'[' without ']'", pattern.length + 1);
  return (date) => parts.map((p) => (typeof p === 'string' ? p : (FIELDS[p.letter] as Field)(date, p.width))).join('');
}

/** A quoted literal from the quote at `start`: `''` is one quote. Returns the index after it. */
function quoted(pattern: string, start: number, parts: Part[]): number {
  if (pattern[start + 1] === "'") {
    parts.push("'");
    return start + 2;
  }
  let literal = '';
  let i = start + 1;
  for (;;) {
    if (i >= pattern.length) throw new DatePatternError('a quoted literal is not closed', start + 1);
    if (pattern[i] === "'") {
      if (pattern[i + 1] !== "'") break;
      literal += "'";
      i += 2;
      continue;
    }
    literal += pattern[i];
    i++;
  }
  parts.push(literal);
  return i + 1;
}
