/**
 * Property tests of the filter engine (AD-L5): random filters, written in random surface
 * forms (bare or quoted values, keyword and column case, spacing), parse to the tree they
 * were written from, print and parse back to it, and match exactly the rows a
 * straightforward reading of the tree matches.
 */
import fc from 'fast-check';
import type { Filter } from 'scim2-parse-filter';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../filter/compile.ts';
import { parseAdFilter } from '../filter/parse.ts';
import { printAdFilter } from '../filter/print.ts';

const COLUMNS = ['NAME', 'CITY', 'STREET'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Readonly<Record<Column, string | undefined>>;
const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;

/** A filter tree plus how to write each node; `style` never changes what the tree means. */
type Styled =
  | { op: (typeof COMPARE_OPS)[number]; attrPath: string; compValue: string; bare: boolean; upper: boolean }
  | { op: 'pr'; attrPath: string; upper: boolean }
  | { op: 'and' | 'or'; filters: Styled[]; upper: boolean }
  | { op: 'not'; filter: Styled; upper: boolean };

/** Short values over few letters, so comparisons often hold; some need quoting. */
const value = fc.oneof(fc.stringMatching(/^[abAB]{1,3}$/), fc.stringMatching(/^[ab ()"\\,=]{0,4}$/));
const attribute = fc.constantFrom(...COLUMNS).chain((c) => fc.constantFrom(c, c.toLowerCase(), c[0] + c.slice(1).toLowerCase(), c === 'NAME' ? 'full_name' : c));
/** Bare text is read up to `)` and trimmed: only some values can be written bare. */
const canBeBare = (v: string): boolean => /^[^\s")(]([^)]*[^\s)])?$/.test(v);

const { tree } = fc.letrec<{ tree: Styled; leaf: Styled; node: Styled }>((rec) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, rec('leaf'), rec('node')),
  leaf: fc.oneof(
    fc.record({ op: fc.constantFrom(...COMPARE_OPS), attrPath: attribute, compValue: value, bare: fc.boolean(), upper: fc.boolean() }),
    fc.record({ op: fc.constant('pr' as const), attrPath: attribute, upper: fc.boolean() }),
  ),
  node: fc.oneof(
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), filters: fc.array(rec('tree'), { minLength: 2, maxLength: 3 }), upper: fc.boolean() }),
    fc.record({ op: fc.constant('not' as const), filter: rec('tree'), upper: fc.boolean() }),
  ),
}));

const row = fc.record({ NAME: fc.option(value, { nil: undefined }), CITY: fc.option(value, { nil: undefined }), STREET: fc.option(value, { nil: undefined }) });

/** The written form of a styled tree; bare comparisons sit in parentheses so their value ends. */
function write(f: Styled): string {
  const kw = (k: string): string => (f.upper ? k.toUpperCase() : k);
  switch (f.op) {
    case 'and':
    case 'or':
      return f.filters.map((c) => (c.op === 'and' || c.op === 'or' ? `(${write(c)})` : write(c))).join(`  ${kw(f.op)} `);
    case 'not':
      return `${kw('not')} (${write(f.filter)})`;
    case 'pr':
      return `${f.attrPath} ${kw('pr')}`;
    default:
      return f.bare && canBeBare(f.compValue) ? `(${f.attrPath} ${kw(f.op)} ${f.compValue} )` : `${f.attrPath} ${kw(f.op)} ${JSON.stringify(f.compValue)}`;
  }
}

/** The tree the parser should give: the styling dropped. */
function plain(f: Styled): Filter {
  switch (f.op) {
    case 'and':
    case 'or':
      return { op: f.op, filters: f.filters.map(plain) };
    case 'not':
      return { op: 'not', filter: plain(f.filter) };
    case 'pr':
      return { op: 'pr', attrPath: f.attrPath };
    default:
      return { op: f.op, attrPath: f.attrPath, compValue: f.compValue };
  }
}

function columnOf(name: string): Column {
  const upper = name.toUpperCase();
  return upper === 'FULL_NAME' ? 'NAME' : (upper as Column);
}

/** AD-L5 read plainly: unset matches only ne; strings compared lower-cased, by code units. */
function oracle(f: Filter, r: Row): boolean {
  switch (f.op) {
    case 'and':
      return f.filters.every((c) => oracle(c, r));
    case 'or':
      return f.filters.some((c) => oracle(c, r));
    case 'not':
      return !oracle(f.filter, r);
    case 'pr':
      return r[columnOf(f.attrPath)] !== undefined;
    case '[]':
      throw new Error('not generated');
    default: {
      const actual = r[columnOf(f.attrPath)];
      if (actual === undefined) return f.op === 'ne';
      const a = actual.toLowerCase();
      const b = String(f.compValue).toLowerCase();
      const table = { eq: a === b, ne: a !== b, co: a.indexOf(b) !== -1, sw: a.slice(0, b.length) === b, ew: b.length === 0 || a.slice(-b.length) === b, gt: a > b, ge: a >= b, lt: a < b, le: a <= b };
      return table[f.op];
    }
  }
}

const getter = (name: string) => {
  const upper = name.toUpperCase();
  if (upper !== 'FULL_NAME' && !(COLUMNS as readonly string[]).includes(upper)) return undefined;
  const col = columnOf(name);
  return (r: Row) => r[col]?.toLowerCase();
};

describe('filter engine properties', () => {
  it('parses every written form to the tree it was written from', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parseAdFilter(write(t)).ast).toEqual(plain(t));
      }),
      { numRuns: 2_000 },
    );
  });

  it('parse → print → parse gives the same tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const first = parseAdFilter(write(t)).ast;
        expect(parseAdFilter(printAdFilter(first)).ast).toEqual(first);
      }),
      { numRuns: 2_000 },
    );
  });

  it('matches exactly the rows the plain reading matches', () => {
    fc.assert(
      fc.property(tree, fc.array(row, { minLength: 1, maxLength: 20 }), (t, rows) => {
        const test = compileFilter(parseAdFilter(write(t)), getter);
        const expected = plain(t);
        for (const r of rows) expect(test(r)).toBe(oracle(expected, r));
      }),
      { numRuns: 2_000 },
    );
  });
});
