/** Recognising `orgunit-v2` answers in recorded exchanges (for the driver and the checks). */
import { isRecord } from '../../contracts/model/json.ts';
import type { Exchange } from '../../suites/exchange.ts';
import type { OrgUnit, Related } from './wire.ts';

/** The body as an OrgUnit, when it has the id and the name (the contract judges the rest). */
export function orgUnitOf(body: unknown): OrgUnit | undefined {
  return isRecord(body) && typeof body['org_unit_id'] === 'string' && typeof body['name'] === 'string' ? (body as unknown as OrgUnit) : undefined;
}

/** Yii2's error object `{name, message, code, status}` whose `status` is the response's. */
export function isYiiError(ex: Exchange): boolean {
  const b = ex.body;
  return isRecord(b) && typeof b['name'] === 'string' && typeof b['message'] === 'string' && typeof b['code'] === 'number' && b['status'] === ex.status;
}

/** The 422 items `[{field, message}]`, when the body is that list (non-empty). */
export function fieldErrorsOf(ex: Exchange): Array<{ field: string; message: string }> | undefined {
  const b = ex.body;
  if (!Array.isArray(b) || b.length === 0) return undefined;
  return b.every((i) => isRecord(i) && typeof i['field'] === 'string' && typeof i['message'] === 'string') ? (b as Array<{ field: string; message: string }>) : undefined;
}

/** Whether the exchange is a 422 naming `field` (a nested field such as `filter.foo` counts for `filter`). */
export function names422(ex: Exchange, field: string): boolean {
  return ex.status === 422 && (fieldErrorsOf(ex) ?? []).some((e) => e.field === field || e.field.startsWith(`${field}.`));
}

/** The `related` of a 409 preview, when present with both lists. */
export function relatedOf(ex: Exchange): Related | undefined {
  const r = isRecord(ex.body) ? ex.body['related'] : undefined;
  return isRecord(r) && Array.isArray(r['org_units']) && Array.isArray(r['users']) ? (r as unknown as Related) : undefined;
}

/** The page of an `index` answer: its items and the four pagination headers (NaN where missing). */
export interface IndexPage {
  items: OrgUnit[];
  total: number;
  pages: number;
  page: number;
  perPage: number;
}

export function indexPageOf(ex: Exchange): IndexPage | undefined {
  if (ex.status !== 200 || !Array.isArray(ex.body)) return undefined;
  const items = ex.body.map(orgUnitOf);
  if (items.some((i) => i === undefined)) return undefined;
  const h = (name: string): number => {
    const v = ex.headers[name.toLowerCase()];
    return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  };
  return {
    items: items as OrgUnit[],
    total: h('X-Pagination-Total-Count'),
    pages: h('X-Pagination-Page-Count'),
    page: h('X-Pagination-Current-Page'),
    perPage: h('X-Pagination-Per-Page'),
  };
}

/** One link-value: `<uri>` and its parameters, each a token or a quoted string (RFC 8288 §3). */
const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^\s=;,]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^";,]*))?)*)/g;
const LINK_PARAM = /;\s*([^\s=;,]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^";,]*)))?/g;

/**
 * A Link header as rel → URL, in any form RFC 8288 allows: `rel` anywhere among the parameters,
 * quoted or not, several relation types in one, commas inside quoted values, relation types in
 * any case (§2.1.1), several link-values in one field or in several.
 */
export function parseLink(header: string | undefined): Map<string, URL> {
  const out = new Map<string, URL>();
  for (const [, uri, params] of (header ?? '').matchAll(LINK_VALUE)) {
    for (const [, name, quoted, bare] of (params ?? '').matchAll(LINK_PARAM)) {
      if (name?.toLowerCase() !== 'rel') continue;
      const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
      for (const rel of value.trim().split(/\s+/)) if (rel !== '') out.set(rel.toLowerCase(), new URL(uri as string, 'http://target.invalid'));
      // §3.3: only the first rel parameter counts.
      break;
    }
  }
  return out;
}
