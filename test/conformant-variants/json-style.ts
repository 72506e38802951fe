/**
 * JSON as other servers write it: the same value, other bytes. JSON.stringify cannot do
 * these (it keeps insertion order, never escapes `/` or non-ASCII), so this writes the
 * text itself; RFC 8259 makes every form here the same JSON value.
 */
export interface JsonStyle {
  /** Object members in reverse order (RFC 8259 §4: objects are unordered). */
  reverseKeys?: boolean;
  /** Pretty-printed with this indent, CRLF line ends, spaces around `:` and a line end after the value (insignificant white space, §2). */
  indent?: string;
  /** Every non-ASCII character as `\uXXXX` (Python's and Jackson's ASCII mode, §7). */
  asciiOnly?: boolean;
  /** `/` written `\/`, as PHP's json_encode does by default (§7). */
  escapeSlash?: boolean;
}

export function writeJson(value: unknown, style: JsonStyle): string {
  return style.indent === undefined ? write(value, style, 0) : `${write(value, style, 0)}\r\n`;
}

function write(value: unknown, style: JsonStyle, depth: number): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return writeString(value, style);
  const nl = style.indent === undefined ? '' : `\r\n${style.indent.repeat(depth + 1)}`;
  const end = style.indent === undefined ? '' : `\r\n${style.indent.repeat(depth)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => `${nl}${write(v, style, depth + 1)}`).join(',')}${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (style.reverseKeys === true) entries.reverse();
  const colon = style.indent === undefined ? ':' : ' : ';
  return `{${entries.map(([k, v]) => `${nl}${writeString(k, style)}${colon}${write(v, style, depth + 1)}`).join(',')}${end}}`;
}

function writeString(text: string, style: JsonStyle): string {
  let out = JSON.stringify(text);
  if (style.escapeSlash === true) out = out.replaceAll('/', '\\/');
  if (style.asciiOnly === true) out = out.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return out;
}
