/**
 * Prism-compatible response selection: `Prefer: code=404`, `Prefer: example=NAME` (or the
 * query forms `__code`, `__example`) answer a documented response of the contract from its
 * examples, without touching state. `dynamic=true` and other preferences are ignored.
 *
 * Any 4xx/5xx may be asked for, so a page's error states can be shown on demand: an
 * undocumented one answers the API's generic error shape (`errorBody`). An example name
 * the operation lacks answers 400 listing the valid ones, never a real-looking 404.
 */
import { STATUS_CODES } from 'node:http';
import { RETRY_AFTER_S, ValidationError, type Loc } from './typed-errors.ts';
import type { ContractRoute, DocumentedResponse } from './openapi-adapter.ts';

export interface Preference {
  readonly code?: string;
  readonly example?: string;
  /** Where the preference came from, for the `loc` of a 422. */
  readonly codeLoc: Loc;
}

export interface PreferredResponse {
  readonly status: number;
  /** Undefined for a response without content (204). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

const HEADER_LOC: Loc = ['header', 'Prefer'];

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/**
 * The code/example asked for by the `Prefer` header or the `__code`/`__example` query
 * parameters (the query wins), or undefined when neither asks for one.
 *
 * @example
 * readPreference('code=404, example=unknown_ou', ''); // { code: '404', example: 'unknown_ou', codeLoc: ['header', 'Prefer'] }
 */
export function readPreference(header: string | string[] | undefined, rawQuery: string): Preference | undefined {
  let code: string | undefined;
  let example: string | undefined;
  let codeLoc: Loc = HEADER_LOC;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text) {
    for (const part of text.split(/[,;]/)) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const key = part.slice(0, eq).trim().toLowerCase();
      if (key === 'code') code = unquote(part.slice(eq + 1));
      else if (key === 'example') example = unquote(part.slice(eq + 1));
    }
  }
  if (rawQuery.includes('__')) {
    const q = new URLSearchParams(rawQuery);
    const qCode = q.get('__code');
    const qExample = q.get('__example');
    if (qCode !== null) {
      code = qCode;
      codeLoc = ['query', '__code'];
    }
    if (qExample !== null) example = qExample;
  }
  return code === undefined && example === undefined ? undefined : { code, example, codeLoc };
}

/** The body of an error in the API's own shape; the OU API's is `{"detail": message}`. */
export type ErrorBody = (status: number, message: string) => unknown;

const OU_API_ERROR: ErrorBody = (_status, message) => ({ detail: message });

/** The refusal of an unknown example name: 400 in the API's error shape, naming the valid names. */
function unknownExample(route: ContractRoute, name: string, valid: readonly string[], errorBody: ErrorBody, where: string): PreferredResponse {
  const names = valid.length > 0 ? valid.join(', ') : 'none';
  const message = `Example "${name}" is not documented for ${route.operationId}${where}; valid examples: ${names}`;
  return { status: 400, body: errorBody(400, message), headers: {} };
}

function headersFor(status: number, applied: string): Record<string, string> {
  const headers: Record<string, string> = { 'Preference-Applied': applied };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="ou-mock"';
  // The header a client's retry logic reads on these (RFC 9110 §15.6.4, RFC 6585 §4), as the mock's own 503s carry it.
  if (status === 503 || status === 429) headers['Retry-After'] = String(RETRY_AFTER_S);
  return headers;
}

function byCode(route: ContractRoute, pref: Preference & { code: string }, errorBody: ErrorBody): PreferredResponse {
  if (!/^[1-5]\d\d$/.test(pref.code)) {
    throw ValidationError.field(pref.codeLoc, 'code must be a 3-digit HTTP status code', 'value_error');
  }
  const status = Number(pref.code);
  const applied = pref.example === undefined ? `code=${pref.code}` : `code=${pref.code}, example=${pref.example}`;
  const response = route.responses.get(status);
  if (!response) {
    // Success and redirect bodies differ per operation and cannot be made up; any error can.
    if (status < 400) {
      const documented = [...route.responses.keys()].join(', ');
      throw ValidationError.field(
        pref.codeLoc,
        `code ${pref.code} is not documented for ${route.operationId}; documented: ${documented}, or any 4xx/5xx`,
        'value_error',
      );
    }
    if (pref.example !== undefined) return unknownExample(route, pref.example, [], errorBody, ` response ${status}`);
    return { status, body: errorBody(status, STATUS_CODES[status] ?? `Error ${status}`), headers: headersFor(status, applied) };
  }
  if (!response.hasBody) {
    if (pref.example !== undefined) return unknownExample(route, pref.example, [], errorBody, ` response ${status}`);
    return { status, body: undefined, headers: headersFor(status, applied) };
  }
  if (pref.example !== undefined && !response.examples.has(pref.example)) {
    return unknownExample(route, pref.example, [...response.examples.keys()], errorBody, ` response ${status}`);
  }
  const first = response.examples.values().next();
  const body = pref.example !== undefined ? response.examples.get(pref.example) : first.done ? response.generated : first.value;
  return { status, body, headers: headersFor(status, applied) };
}

/**
 * The response a preference selects: a documented one, or for an undocumented 4xx/5xx the
 * API's generic error (`errorBody`, default the OU API's `{"detail": …}`). A malformed code,
 * or an undocumented one below 400, is a 422 naming where it came from; an example name the
 * operation (or the chosen status) does not have is a 400 listing the valid names.
 *
 * @example
 * preferredResponse(route, { code: '500', codeLoc: ['header', 'Prefer'] }); // { status: 500, body: { detail: 'Internal Server Error' }, ... }
 */
export function preferredResponse(route: ContractRoute, pref: Preference, errorBody: ErrorBody = OU_API_ERROR): PreferredResponse {
  if (pref.code !== undefined) return byCode(route, { ...pref, code: pref.code }, errorBody);
  const name = pref.example as string;
  // Responses in status order, so a success example wins over an error one of the same name.
  const statuses = [...route.responses.keys()].sort((a, b) => a - b);
  for (const status of statuses) {
    const response = route.responses.get(status) as DocumentedResponse;
    if (response.examples.has(name)) {
      return { status, body: response.examples.get(name), headers: headersFor(status, `example=${name}`) };
    }
  }
  const valid = [...new Set(statuses.flatMap((status) => [...(route.responses.get(status) as DocumentedResponse).examples.keys()]))];
  return unknownExample(route, name, valid, errorBody, '');
}
