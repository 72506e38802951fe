/**
 * Prism-compatible response selection: `Prefer: code=404`, `Prefer: example=NAME` (or the
 * query forms `__code`, `__example`) answer a documented response of the contract from its
 * examples, without touching state. `dynamic=true` and other preferences are ignored.
 */
import { NotFoundError, ValidationError } from './typed-errors.ts';
import type { Loc } from './typed-errors.ts';
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

function pick(route: ContractRoute, response: DocumentedResponse, example: string | undefined): unknown {
  if (!response.hasBody) return undefined;
  if (example !== undefined) {
    if (!response.examples.has(example)) {
      throw new NotFoundError(`Example "${example}" is not documented for ${route.operationId} response ${response.status}`);
    }
    return response.examples.get(example);
  }
  const first = response.examples.values().next();
  return first.done ? response.generated : first.value;
}

function headersFor(status: number, applied: string): Record<string, string> {
  const headers: Record<string, string> = { 'Preference-Applied': applied };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="ou-mock"';
  return headers;
}

/**
 * The documented response a preference selects. An undocumented or malformed code is a
 * 422 naming where it came from; an example name the operation does not have is a 404.
 */
export function preferredResponse(route: ContractRoute, pref: Preference): PreferredResponse {
  if (pref.code !== undefined) {
    if (!/^[1-5]\d\d$/.test(pref.code)) {
      throw ValidationError.field(pref.codeLoc, 'code must be a 3-digit HTTP status code', 'value_error');
    }
    const response = route.responses.get(Number(pref.code));
    if (!response) {
      const documented = [...route.responses.keys()].join(', ');
      throw ValidationError.field(
        pref.codeLoc,
        `code ${pref.code} is not documented for ${route.operationId}; documented: ${documented}`,
        'value_error',
      );
    }
    const applied = pref.example === undefined ? `code=${pref.code}` : `code=${pref.code}, example=${pref.example}`;
    return { status: response.status, body: pick(route, response, pref.example), headers: headersFor(response.status, applied) };
  }
  const name = pref.example as string;
  // Responses in status order, so a success example wins over an error one of the same name.
  const statuses = [...route.responses.keys()].sort((a, b) => a - b);
  for (const status of statuses) {
    const response = route.responses.get(status) as DocumentedResponse;
    if (response.examples.has(name)) {
      return { status, body: response.examples.get(name), headers: headersFor(status, `example=${name}`) };
    }
  }
  throw new NotFoundError(`Example "${name}" is not documented for ${route.operationId}`);
}
