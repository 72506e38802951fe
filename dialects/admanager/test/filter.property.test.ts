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
import { plain, styledFilter, write } from './filter-arbitrary.ts';

const COLUMNS = ['NAME', 'CITY', 'STREET'] as const;
type Column = (typeof COLUMNS)[number];
type Row = Readonly<Record<Column, string | undefined>>;
/** Short values over few letters, so comparisons often hold; some need quoting. */
const value = fc.oneof(fc.stringMatching(/^[abAB]{1,3}$/), fc.stringMatching(/^[ab ()"\\,=]{0,4}$/));
const tree = styledFilter(COLUMNS, value);
const row = fc.record({ NAME: fc.option(value, { nil: undefined }), CITY: fc.option(value, { nil: undefined }), STREET: fc.option(value, { nil: undefined }) });

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
