/** `node:http` in the browser bundle: reason phrases and the header checks stubs run. */
import codes from 'statuses/codes.json' with { type: 'json' };

export const STATUS_CODES: Record<string, string | undefined> = codes;

/** RFC 9110 token, as Node checks a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, obs-text, space and tab, as Node checks a header value. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function invalid(code: string, message: string): TypeError {
  return Object.assign(new TypeError(message), { code });
}

export function validateHeaderName(name: string): void {
  if (typeof name !== 'string' || !TOKEN.test(name)) throw invalid('ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
}

export function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) throw invalid('ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${String(value)}" for header "${name}"`);
  if (!FIELD_VALUE.test(String(value))) throw invalid('ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
}
