/**
 * The tokenizer of AD filters, feeding scim2-parse-filter's parser (parse.ts). We replace the
 * package's own tokenizer for two reasons:
 * - the page's bare values (AD-L5): in `(CITY eq New York)` the value is the text up to the
 *   closing parenthesis (or the end of the filter), trimmed;
 * - the package doubles every backslash inside a quoted value, so `"a\\b"` would read as
 *   `a\\b` and `"a\\"` fails, while DNs (RFC 4514) are full of backslashes.
 * Every comparison value becomes a `Quoted` token holding a JSON string, so values are
 * always strings (every column is text). Tokens carry their 1-based position for messages.
 */
import type { Token } from 'scim2-parse-filter/lib/src/parser.js';
import { FilterError } from './errors.ts';

export interface PositionedToken extends Token {
  /** 1-based character position in the filter (the end + 1 for the end-of-text token). */
  pos: number;
}

/** Ways a defect switch bends the reading (see defects.ts); none is on in normal use. */
export interface TokenQuirks {
  /** Quoted values lose their outer white space. */
  trimQuoted?: boolean;
  /** Quoted values are taken as written between the quotes, escapes not decoded. */
  rawEscapes?: boolean;
}

export interface Tokenized {
  tokens: PositionedToken[];
  /** Where each attribute name (as written) first appears, for "unknown column" messages. */
  attributeAt: ReadonlyMap<string, number>;
}

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']);
const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not']);
/** Attribute paths, operators and keywords: the package's own `Word` pattern. */
const WORD = /\w[-\w.:/%]*/y;
const SPACE = /\s+/y;
const BRACKETS = new Set(['(', ')', '[', ']']);

/** Splits a filter into tokens; throws FilterError at the first character it cannot read. */
export function tokenize(text: string, quirks: TokenQuirks = {}): Tokenized {
  const tokens: PositionedToken[] = [];
  const attributeAt = new Map<string, number>();
  let i = 0;
  while (i < text.length) {
    SPACE.lastIndex = i;
    if (SPACE.test(text)) {
      i = SPACE.lastIndex;
      continue;
    }
    if (expectsValue(tokens)) {
      i = readValue(text, i, tokens, quirks);
      continue;
    }
    const ch = text[i] as string;
    if (BRACKETS.has(ch)) {
      tokens.push({ type: 'Bracket', literal: ch, pos: i + 1 });
      i++;
      continue;
    }
    if (ch === '"') {
      i = readQuoted(text, i, tokens, quirks);
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word === null) throw new FilterError(`unexpected character ${JSON.stringify(ch)}`, i + 1);
    const literal = word[0];
    const previous = tokens.at(-1);
    if (isOperatorWord(literal) && previous?.type === 'Word' && !KEYWORDS.has(previous.literal.toLowerCase()) && !attributeAt.has(previous.literal)) {
      attributeAt.set(previous.literal, previous.pos);
    }
    tokens.push({ type: 'Word', literal, pos: i + 1 });
    i += literal.length;
  }
  tokens.push({ type: 'EOT', literal: '', pos: text.length + 1 });
  return { tokens, attributeAt };
}

function isOperatorWord(word: string): boolean {
  const lower = word.toLowerCase();
  return COMPARISONS.has(lower) || lower === 'pr';
}

/** After `<attribute> <comparison>` comes a value (quoted or bare). */
function expectsValue(tokens: readonly PositionedToken[]): boolean {
  const op = tokens.at(-1);
  const attribute = tokens.at(-2);
  return (
    op?.type === 'Word' &&
    COMPARISONS.has(op.literal.toLowerCase()) &&
    attribute?.type === 'Word' &&
    !KEYWORDS.has(attribute.literal.toLowerCase())
  );
}

/** A value at `start` (no leading space): a JSON string, or bare text up to `)` or the end. */
function readValue(text: string, start: number, tokens: PositionedToken[], quirks: TokenQuirks): number {
  if (text[start] === '"') return readQuoted(text, start, tokens, quirks);
  const close = text.indexOf(')', start);
  const end = close === -1 ? text.length : close;
  const value = text.slice(start, end).trim();
  if (value === '') throw new FilterError('a value is missing', start + 1);
  tokens.push({ type: 'Quoted', literal: JSON.stringify(value), pos: start + 1 });
  return end;
}

/** A JSON string literal starting at `start` (the opening quote). */
function readQuoted(text: string, start: number, tokens: PositionedToken[], quirks: TokenQuirks): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new FilterError('the quoted value is not closed', start + 1);
  const raw = text.slice(start, i + 1);
  try {
    JSON.parse(raw);
  } catch {
    throw new FilterError(`the quoted value ${raw} is not a valid JSON string`, start + 1);
  }
  let value = quirks.rawEscapes === true ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  if (quirks.trimQuoted === true) value = value.trim();
  // Re-encoded so the token holds canonical JSON whatever escapes the client used.
  tokens.push({ type: 'Quoted', literal: JSON.stringify(value), pos: start + 1 });
  return i + 1;
}
