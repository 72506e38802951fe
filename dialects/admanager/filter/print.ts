import type { Filter } from 'scim2-parse-filter';

/**
 * A filter as text that parses back to the same AST: every compound operand in
 * parentheses, every value a JSON string. (The package's `stringify` flattens nested
 * `or`s, so its output parses to a different tree.)
 *
 * @example
 * printAdFilter({ op: 'not', filter: { op: 'pr', attrPath: 'CITY' } }); // 'not (CITY pr)'
 */
export function printAdFilter(f: Filter): string {
  switch (f.op) {
    case 'and':
    case 'or':
      return f.filters.map(operand).join(` ${f.op} `);
    case 'not':
      return `not (${printAdFilter(f.filter)})`;
    case 'pr':
      return `${f.attrPath} pr`;
    case '[]':
      return `${f.attrPath}[${printAdFilter(f.valFilter)}]`;
    default:
      return `${f.attrPath} ${f.op} ${JSON.stringify(String(f.compValue))}`;
  }
}

function operand(f: Filter): string {
  return f.op === 'and' || f.op === 'or' ? `(${printAdFilter(f)})` : printAdFilter(f);
}
