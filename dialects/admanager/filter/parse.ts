/**
 * SCIM filters (RFC 7644 §3.4.2.2) as AD-L5 reads them: scim2-parse-filter's parser (its
 * grammar, precedence and AST) over our tokenizer (bare values, exact JSON strings).
 */
import type { Filter } from 'scim2-parse-filter';
import { parseFilter, Tokens } from 'scim2-parse-filter/lib/src/parser.js';
import { FilterError } from './errors.ts';
import { tokenize, type PositionedToken } from './tokenize.ts';

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
export function parseAdFilter(text: string): ParsedFilter {
  const { tokens, attributeAt } = tokenize(text);
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
