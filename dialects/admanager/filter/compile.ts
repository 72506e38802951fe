/**
 * A parsed filter compiled to a predicate over rows (AD-L5): string comparisons ignore
 * case; an unset attribute matches only `ne` (and whatever a `not` turns around); `pr` is
 * false for it.
 */
import type { Filter } from 'scim2-parse-filter';
import { FilterError } from './errors.ts';
import type { ParsedFilter } from './parse.ts';

/** A column's value in a row, already lower-cased; undefined = unset. */
export type LoweredGetter<R> = (row: R) => string | undefined;

export type Predicate<R> = (row: R) => boolean;

/** Ways a defect switch bends the comparisons (see defects.ts); none is on in normal use. */
export interface CompileQuirks {
  swAsCo?: boolean;
  ewAsCo?: boolean;
  /** `gt`/`lt` as `ge`/`le`. */
  strictInclusive?: boolean;
  /** An unknown column reads as unset instead of failing. */
  lazyUnknown?: boolean;
  /** Columns (upper case) whose compared value keeps its case (their getter then gives the text as stored). */
  exactColumns?: ReadonlySet<string>;
}

/**
 * Compiles `parsed` with `column` resolving an attribute name (as written) to its getter;
 * an unknown one throws FilterError at its position.
 */
export function compileFilter<R>(parsed: ParsedFilter, column: (name: string) => LoweredGetter<R> | undefined, quirks: CompileQuirks = {}): Predicate<R> {
  const at = (name: string): number => parsed.attributeAt.get(name) ?? 1;
  const getter = (name: string): LoweredGetter<R> => {
    const get = column(name);
    if (get === undefined && quirks.lazyUnknown === true) return () => undefined;
    if (get === undefined) throw new FilterError(`unknown column ${name}`, at(name));
    return get;
  };
  const build = (f: Filter): Predicate<R> => {
    switch (f.op) {
      case 'and': {
        const parts = f.filters.map(build);
        return (row) => parts.every((p) => p(row));
      }
      case 'or': {
        const parts = f.filters.map(build);
        return (row) => parts.some((p) => p(row));
      }
      case 'not': {
        const inner = build(f.filter);
        return (row) => !inner(row);
      }
      case '[]':
        throw new FilterError(`value filters ([ ]) are not supported: ${f.attrPath} is a single-valued column`, at(f.attrPath));
      case 'pr': {
        const get = getter(f.attrPath);
        return (row) => get(row) !== undefined;
      }
      default:
        return comparison(bent(f.op, quirks), getter(f.attrPath), quirks.exactColumns?.has(f.attrPath.trim().toUpperCase()) === true ? String(f.compValue) : String(f.compValue).toLowerCase());
    }
  };
  return build(parsed.ast);
}

type Comparison = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';

function bent(op: Comparison, quirks: CompileQuirks): Comparison {
  if ((op === 'sw' && quirks.swAsCo === true) || (op === 'ew' && quirks.ewAsCo === true)) return 'co';
  if (quirks.strictInclusive === true && (op === 'gt' || op === 'lt')) return op === 'gt' ? 'ge' : 'le';
  return op;
}

function comparison<R>(op: 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le', get: LoweredGetter<R>, v: string): Predicate<R> {
  switch (op) {
    case 'eq':
      return (row) => get(row) === v;
    case 'ne':
      return (row) => get(row) !== v;
    case 'co':
      return (row) => get(row)?.includes(v) ?? false;
    case 'sw':
      return (row) => get(row)?.startsWith(v) ?? false;
    case 'ew':
      return (row) => get(row)?.endsWith(v) ?? false;
    case 'gt':
      return (row) => ordered(get(row), (x) => x > v);
    case 'ge':
      return (row) => ordered(get(row), (x) => x >= v);
    case 'lt':
      return (row) => ordered(get(row), (x) => x < v);
    case 'le':
      return (row) => ordered(get(row), (x) => x <= v);
  }
}

function ordered(x: string | undefined, test: (x: string) => boolean): boolean {
  return x !== undefined && test(x);
}

/** Comparisons that imply the value contains the compared text. */
const NARROWING: ReadonlySet<string> = new Set(['eq', 'co', 'sw', 'ew']);

/**
 * The `eq`/`co`/`sw`/`ew` comparisons every match must satisfy (the filter itself, or the
 * operands of a top-level `and`): a caller with an index on one of those attributes narrows
 * with it first, then tests the whole filter.
 */
export function requiredConditions(ast: Filter): Array<{ op: 'eq' | 'co' | 'sw' | 'ew'; attrPath: string; value: string }> {
  const conjuncts = ast.op === 'and' ? ast.filters : [ast];
  return conjuncts.flatMap((f) => ('compValue' in f && NARROWING.has(f.op) ? [{ op: f.op as 'eq' | 'co' | 'sw' | 'ew', attrPath: f.attrPath, value: String(f.compValue) }] : []));
}
