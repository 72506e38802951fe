/** The AD filter engine on the page's forms and on what the package gets wrong (AD-L5). */
import { describe, expect, it } from 'vitest';
import { compileFilter, requiredConditions } from '../filter/compile.ts';
import { FilterError } from '../filter/errors.ts';
import { parseAdFilter } from '../filter/parse.ts';
import { printAdFilter } from '../filter/print.ts';

type Row = Readonly<Record<string, string | undefined>>;

const COLUMNS = new Set(['NAME', 'FULL_NAME', 'CITY', 'DISTINGUISHED_NAME']);
const column = (name: string) => {
  const key = name.toUpperCase() === 'FULL_NAME' ? 'NAME' : name.toUpperCase();
  return COLUMNS.has(name.toUpperCase()) ? (row: Row) => row[key]?.toLowerCase() : undefined;
};
const matches = (filter: string, row: Row): boolean => compileFilter(parseAdFilter(filter), column)(row);

function errorOf(filter: string): FilterError {
  try {
    compileFilter(parseAdFilter(filter), column);
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error(`${filter} was accepted`);
}

describe('parsing', () => {
  it("reads the page's example with bare values up to the closing parenthesis", () => {
    expect(parseAdFilter('(FULL_NAME eq Finance) and (CITY eq New York)').ast).toEqual({
      op: 'and',
      filters: [
        { op: 'eq', attrPath: 'FULL_NAME', compValue: 'Finance' },
        { op: 'eq', attrPath: 'CITY', compValue: 'New York' },
      ],
    });
  });

  it('takes a bare value to the end of the filter, trimmed', () => {
    expect(parseAdFilter('CITY eq   New York  ').ast).toEqual({ op: 'eq', attrPath: 'CITY', compValue: 'New York' });
  });

  it('reads quoted values as JSON strings, backslashes included', () => {
    expect(parseAdFilter(String.raw`DISTINGUISHED_NAME eq "OU=a\\,b,DC=x"`).ast).toEqual({ op: 'eq', attrPath: 'DISTINGUISHED_NAME', compValue: String.raw`OU=a\,b,DC=x` });
    expect(parseAdFilter(String.raw`NAME eq "ends\\"`).ast).toEqual({ op: 'eq', attrPath: 'NAME', compValue: 'ends\\' });
    expect(parseAdFilter('NAME eq "say \\"hi\\" (now)"').ast).toEqual({ op: 'eq', attrPath: 'NAME', compValue: 'say "hi" (now)' });
  });

  it('reads numbers and keywords after an operator as text', () => {
    expect(parseAdFilter('NAME eq 42').ast).toEqual({ op: 'eq', attrPath: 'NAME', compValue: '42' });
    expect(parseAdFilter('(NAME eq true)').ast).toEqual({ op: 'eq', attrPath: 'NAME', compValue: 'true' });
  });

  it('gives and precedence over or, and not over both', () => {
    expect(printAdFilter(parseAdFilter('NAME eq "a" or NAME eq "b" and CITY pr').ast)).toBe('NAME eq "a" or (NAME eq "b" and CITY pr)');
    expect(printAdFilter(parseAdFilter('not (NAME eq "a") and CITY pr').ast)).toBe('not (NAME eq "a") and CITY pr');
    expect(printAdFilter(parseAdFilter('not ((NAME eq "a") or (CITY pr))').ast)).toBe('not (NAME eq "a" or CITY pr)');
  });

  it('keeps nesting as written and ignores keyword case', () => {
    const { ast } = parseAdFilter('((NAME sw "a") OR (NAME ew "b")) AND NOT (CITY Co "x")');
    expect(printAdFilter(ast)).toBe('(NAME sw "a" or NAME ew "b") and not (CITY co "x")');
  });
});

describe('errors say where', () => {
  it.each([
    ['(NAME eq Finance', 17, "expected ')' but found end of filter"],
    ['NAME eq "open', 9, 'the quoted value is not closed'],
    ['NAME is "x"', 6, "'is' is not an operator"],
    ['NAME eq "x" CITY', 13, "unexpected 'CITY'"],
    ['NAME eq "x" and', 16, 'unexpected end of filter'],
    ['(NAME eq )', 10, 'a value is missing'],
    ['NAME eq "\\q"', 9, 'not a valid JSON string'],
    ['NAME eq "x" & CITY pr', 13, 'unexpected character "&"'],
    ['', 1, 'unexpected end of filter'],
  ])('%j at %i', (filter, position, reason) => {
    const error = errorOf(filter);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at position ${position}: `);
    expect(error.reason).toContain(reason);
  });

  it('names an unknown column and where it first appears', () => {
    const error = errorOf('(NAME eq x) or (FOO pr)');
    expect(error.message).toBe('Invalid filter at position 17: unknown column FOO');
  });

  it('refuses value filters, which no column has', () => {
    expect(errorOf('CITY[NAME eq "x"]').reason).toContain('value filters');
  });
});

describe('matching', () => {
  const finance: Row = { NAME: 'Finance', CITY: 'New York' };
  const unset: Row = { NAME: 'Sales', CITY: undefined };

  it("matches the page's example ignoring case", () => {
    expect(matches('(FULL_NAME eq finance) and (CITY eq NEW YORK)', finance)).toBe(true);
    expect(matches('(FULL_NAME eq Finance) and (CITY eq Boston)', finance)).toBe(false);
  });

  it('lets an unset attribute match only ne and not', () => {
    for (const op of ['eq', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) expect(matches(`CITY ${op} "-"`, unset), op).toBe(false);
    expect(matches('CITY pr', unset)).toBe(false);
    expect(matches('CITY ne "x"', unset)).toBe(true);
    expect(matches('not (CITY eq "x")', unset)).toBe(true);
    expect(matches('not (CITY pr)', unset)).toBe(true);
  });

  it('orders strings without case for gt/ge/lt/le', () => {
    expect(matches('NAME gt "finance"', { NAME: 'Sales' })).toBe(true);
    expect(matches('NAME le "SALES"', { NAME: 'sales' })).toBe(true);
    expect(matches('NAME lt "Sales"', { NAME: 'sales' })).toBe(false);
  });

  it('finds the conditions an index can serve: eq/co/sw/ew that every match satisfies', () => {
    expect(requiredConditions(parseAdFilter('(NAME eq a) and (CITY co b) and (FULL_NAME gt c) and not (STREET sw d)').ast)).toEqual([
      { op: 'eq', attrPath: 'NAME', value: 'a' },
      { op: 'co', attrPath: 'CITY', value: 'b' },
    ]);
    expect(requiredConditions(parseAdFilter('(NAME eq a) or (CITY co b)').ast)).toEqual([]);
    expect(requiredConditions(parseAdFilter('CITY ew x').ast)).toEqual([{ op: 'ew', attrPath: 'CITY', value: 'x' }]);
  });
});
