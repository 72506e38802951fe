/**
 * The type language of the reference page's tables (`string` (`date-time`) \| `null`,
 * array of [`X`](#…), object, _any_, …) as data, so page and contract can be compared
 * by value rather than by text.
 */
export type PageType =
  | { kind: 'primitive'; name: 'string' | 'integer' | 'number' | 'boolean'; format?: string }
  | { kind: 'ref'; name: string }
  | { kind: 'array'; items: PageType }
  | { kind: 'object' }
  | { kind: 'any' }
  | { kind: 'union'; of: PageType[] };

/** A field or parameter type: the type plus whether `null` is allowed too. */
export interface NullableType {
  type: PageType;
  nullable: boolean;
}

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean']);

/** A cell the parser does not understand; `cell` is the raw text. */
export class PageTypeError extends Error {
  constructor(readonly cell: string) {
    super(`unrecognised type "${cell}"`);
    this.name = 'PageTypeError';
  }
}

/**
 * Parses a type cell (with `\|` already unescaped to `|`). `| null` is top-level nullability;
 * the rest of a union after "array of" belongs to the items: the page renders
 * `list[str | int]` as "array of `string` | `integer`" and `list[X] | None` as
 * "array of [`X`] | `null`".
 *
 * @example
 * parseTypeCell('`string` (`date-time`) | `null`')
 * // { type: { kind: 'primitive', name: 'string', format: 'date-time' }, nullable: true }
 */
export function parseTypeCell(cell: string): NullableType {
  const parts = cell.split('|').map((p) => p.trim());
  const nullable = parts.includes('`null`');
  const rest = parts.filter((p) => p !== '`null`');
  const [first, ...others] = rest;
  if (first === undefined) throw new PageTypeError(cell);
  if (first.startsWith('array of ')) {
    return { type: { kind: 'array', items: union([first.slice('array of '.length), ...others], cell) }, nullable };
  }
  return { type: union(rest, cell), nullable };
}

function union(parts: readonly string[], cell: string): PageType {
  const types = parts.map((p) => atom(p, cell));
  const [only] = types;
  return types.length === 1 && only ? only : { kind: 'union', of: types };
}

function atom(text: string, cell: string): PageType {
  const primitive = /^`(\w+)`(?: \(`([\w-]+)`\))?$/.exec(text);
  if (primitive?.[1] && PRIMITIVES.has(primitive[1])) {
    const name = primitive[1] as 'string' | 'integer' | 'number' | 'boolean';
    return primitive[2] ? { kind: 'primitive', name, format: primitive[2] } : { kind: 'primitive', name };
  }
  const ref = /^\[`(\w+)`\]\(#[\w-]*\)$/.exec(text);
  if (ref?.[1]) return { kind: 'ref', name: ref[1] };
  if (text === 'object') return { kind: 'object' };
  if (text === '_any_') return { kind: 'any' };
  throw new PageTypeError(cell);
}

/** Readable form for drift messages: `array of OUChildInfo | null`, `string (date-time)`. */
export function describeType({ type, nullable }: NullableType): string {
  return nullable ? `${describe(type)} | null` : describe(type);
}

function describe(type: PageType): string {
  switch (type.kind) {
    case 'primitive':
      return type.format ? `${type.name} (${type.format})` : type.name;
    case 'ref':
      return type.name;
    case 'array':
      return `array of ${type.items.kind === 'union' ? `(${describe(type.items)})` : describe(type.items)}`;
    case 'object':
      return 'object';
    case 'any':
      return 'any';
    case 'union':
      return type.of.map(describe).join(' | ');
  }
}

/**
 * True when the contract's type is the page's: same structure, same nullability, union
 * members in any order. A format the page does not state is a constraint the contract may add.
 */
export function sameType(page: NullableType, contract: NullableType): boolean {
  return page.nullable === contract.nullable && sameShape(page.type, contract.type);
}

function sameShape(page: PageType, contract: PageType): boolean {
  switch (page.kind) {
    case 'primitive':
      return contract.kind === 'primitive' && contract.name === page.name && (page.format === undefined || page.format === contract.format);
    case 'ref':
      return contract.kind === 'ref' && contract.name === page.name;
    case 'array':
      return contract.kind === 'array' && sameShape(page.items, contract.items);
    case 'object':
    case 'any':
      return contract.kind === page.kind;
    case 'union':
      return (
        contract.kind === 'union' &&
        contract.of.length === page.of.length &&
        page.of.every((p) => contract.of.some((c) => sameShape(p, c))) &&
        contract.of.every((c) => page.of.some((p) => sameShape(p, c)))
      );
  }
}
