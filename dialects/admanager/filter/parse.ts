/**
 * SCIM filters (RFC 7644 §3.4.2.2) as AD-L5 reads them: scim2-parse-filter's parser (its
 * grammar, precedence and AST) over our tokenizer (bare values, exact JSON strings).
 */
import type { Filter } from 'scim2-parse-filter';
import { parseFilter, Tokens } from 'scim2-parse-filter/lib/src/parser.js';
import { FilterError } from './errors.ts';
import { tokenize, type PositionedToken, type TokenQuirks } from './tokenize.ts';

/** Ways a defect switch bends the reading (see defects.ts). */
export interface ParseQuirks extends TokenQuirks {
  /** `and` and `or` bind left to right at the top level. */
  flatPrecedence?: boolean;
}

export interface ParsedFilter {
  ast: Filter;
  /** Where each attribute name (as written) first appears. */
  attributeAt: ReadonlyMap<string, number>;
}

/**
 * Parses a filter; throws FilterError naming the position of the first token it cannot take.
 *
 * @example
 * parseAdFilter('(FULL_NAME eq Finance) and (CITY eq New York)').ast;
 * // { op: 'and', filters: [{ op: 'eq', attrPath: 'FULL_NAME', compValue: 'Finance' }, { op: 'eq', attrPath: 'CITY', compValue: 'New York' }] }
 */
export function parseAdFilter(text: string, quirks: ParseQuirks = {}): ParsedFilter {
  const read = tokenize(text, quirks);
  const { attributeAt } = read;
  const tokens = quirks.flatPrecedence === true ? leftToRight(read.tokens) : read.tokens;
  const list = new Tokens(tokens);
  let ast: Filter;
  try {
    ast = parseFilter(list);
  } catch (error) {
    // The parser throws right after taking the token it could not use.
    const at = tokens[Math.min(list.i, tokens.length) - 1] ?? (tokens.at(-1) as PositionedToken);
    throw new FilterError(explain(error, at), at.pos);
  }
  const rest = tokens[list.i];
  if (rest !== undefined && rest.type !== 'EOT') throw new FilterError(`unexpected ${describe(rest)}`, rest.pos);
  return { ast, attributeAt };
}

function explain(error: unknown, at: PositionedToken): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('as valFilter operator')) {
    return `${describe(at)} is not an operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le)`;
  }
  if (message.includes("expected ')'")) return `expected ')' but found ${describe(at)}`;
  if (message.includes("expected ']'")) return `expected ']' but found ${describe(at)}`;
  return `unexpected ${describe(at)}`;
}

function describe(token: PositionedToken): string {
  return token.type === 'EOT' ? 'end of filter' : `'${token.type === 'Quoted' ? (JSON.parse(token.literal) as string) : token.literal}'`;
}

/** The top level's `a op b op c` bracketed as `((a op b) op c)`: the flat-precedence defect. */
function leftToRight(tokens: readonly PositionedToken[]): PositionedToken[] {
  let depth = 0;
  const joins: number[] = [];
  tokens.forEach((t, k) => {
    if (t.type === 'Bracket') depth += t.literal === '(' ? 1 : t.literal === ')' ? -1 : 0;
    else if (depth === 0 && t.type === 'Word' && /^(and|or)$/i.test(t.literal)) joins.push(k);
  });
  if (joins.length < 2) return [...tokens];
  const open = (pos: number): PositionedToken => ({ type: 'Bracket', literal: '(', pos });
  const close = (pos: number): PositionedToken => ({ type: 'Bracket', literal: ')', pos });
  const out: PositionedToken[] = joins.slice(1).map(() => open(1));
  tokens.forEach((t, k) => {
    if (joins.indexOf(k) > 0) out.push(close(t.pos));
    out.push(t);
  });
  return out;
}
