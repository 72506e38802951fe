/** Random SCIM filters over given columns, written in random surface forms (shared by the property tests). */
import fc from 'fast-check';
import type { Filter } from 'scim2-parse-filter';

export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;

/** A filter tree plus how to write each node; the styling never changes what the tree means. */
export type Styled =
  | { op: (typeof COMPARE_OPS)[number]; attrPath: string; compValue: string; bare: boolean; upper: boolean }
  | { op: 'pr'; attrPath: string; upper: boolean }
  | { op: 'and' | 'or'; filters: Styled[]; upper: boolean }
  | { op: 'not'; filter: Styled; upper: boolean };

/** Bare text is read up to `)` and trimmed: only some values can be written bare. */
const canBeBare = (v: string): boolean => /^[^\s")(]([^)]*[^\s)])?$/.test(v);

/** Filters over `columns` (each written in a random case; NAME also as FULL_NAME) comparing with `value`s. */
export function styledFilter(columns: readonly string[], value: fc.Arbitrary<string>): fc.Arbitrary<Styled> {
  const attribute = fc.constantFrom(...columns).chain((c) => fc.constantFrom(c, c.toLowerCase(), c[0] + c.slice(1).toLowerCase(), c === 'NAME' ? 'full_name' : c));
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
  return tree;
}

/** The written form of a styled tree; bare comparisons sit in parentheses so their value ends. */
export function write(f: Styled): string {
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
export function plain(f: Styled): Filter {
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

