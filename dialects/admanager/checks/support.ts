/** What the admanager checks share: the AD driver, fixtures under a sandbox, error expectations. */
import type { CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import type { DriverUnit } from '../../types.ts';
import { parseDn, type Rdn } from '../dn.ts';
import { AdDriver, listOf, quote, type AdListed } from '../driver.ts';

/** The run's driver as the AD driver (its list and patch requests). */
export function adDriverOf(ctx: CheckContext): AdDriver {
  if (!(ctx.driver instanceof AdDriver)) throw new TypeError(`the admanager checks need the admanager driver; this run's is ${ctx.dialect.id}'s`);
  return ctx.driver;
}

export interface Fixture {
  box: DriverUnit;
  /** The sandbox's DN. */
  dn: string;
  /** A filter term matching everything below the sandbox (and nothing else). */
  scope: string;
  /** Units by the path under the sandbox they were made at (`A`, `A/child`). */
  units: Record<string, DriverUnit>;
}

/**
 * A sandbox with units at the given paths below it (parents first), each with optional AD
 * attributes set through the page's PATCH. A fixture that cannot be made fails the check's rule.
 */
export async function fixture(ctx: CheckContext, spec: ReadonlyArray<string | { path: string; attributes: Record<string, unknown> }>): Promise<Fixture> {
  const ad = adDriverOf(ctx);
  const box = await ctx.sandbox();
  const dn = await ad.dnOf(box.id);
  ctx.require(dn.value !== undefined, `the sandbox ${box.id} is listed with its DISTINGUISHED_NAME`, dn.ex);
  const units: Record<string, DriverUnit> = {};
  for (const item of spec) {
    const path = typeof item === 'string' ? item : item.path;
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? box : units[path.slice(0, cut)];
    if (parent === undefined) throw new TypeError(`fixture: parent of ${path} comes later`);
    const made = await ctx.driver.create({ name: path.slice(cut + 1), parentId: parent.id });
    ctx.require(made.value !== undefined, `creating the fixture unit ${path}`, made.ex);
    units[path] = made.value;
    if (typeof item !== 'string') await setAttributes(ctx, made.value.id, item.attributes);
  }
  return { box, dn: dn.value, scope: `DISTINGUISHED_NAME ew ${quote(`,${dn.value}`)}`, units };
}

/** Sets attributes of one unit (by OBJECT_GUID) and requires the item to succeed. */
export async function setAttributes(ctx: CheckContext, id: string, attributes: Record<string, unknown>): Promise<Exchange> {
  const ex = await adDriverOf(ctx).patch({ filter: guidFilter(id) }, attributes);
  ctx.require(statusCodes(ex).join(',') === '1', `setting ${JSON.stringify(attributes)} on ${id} answers one item with status_code 1`, ex);
  return ex;
}

export function guidFilter(id: string): string {
  return `OBJECT_GUID eq ${quote(`{${id.toUpperCase()}}`)}`;
}

/** `(scope) and (filter)`: the filter limited to a fixture. */
export function within(f: Fixture, filter?: string): string {
  return filter === undefined ? f.scope : `(${f.scope}) and (${filter})`;
}

/** The objects of a 200 list answer; [] otherwise. */
export function objects(ex: Exchange): AdListed[] {
  return ex.status === 200 ? (listOf(ex)?.data ?? []) : [];
}

/** One column of each object, as listed. */
export function column(ex: Exchange, name = 'NAME'): unknown[] {
  return objects(ex).map((o) => o[name]);
}

/** The `status_code` of each item of a PATCH answer. */
export function statusCodes(ex: Exchange): unknown[] {
  return objects(ex).map((i) => (i as { status?: { status_code?: unknown } }).status?.status_code);
}

/**
 * The answer is an error of the page's shape (AD-E1) with this status and code. Checks of
 * other rules call it with their own rule: the status and code are theirs to judge.
 */
export function expectAdError(ctx: CheckContext, ex: Exchange, status: number, code: string, what: string): boolean {
  const body = ex.body as { code?: unknown; detail?: unknown } | undefined;
  return ctx.expect(ex.status === status && body?.code === code && typeof body.detail === 'string', `${what}: ${status} with code ${code} and a detail`, ex);
}

/** The error body has exactly the page's shape: an 8-digit `code`, a `detail` and a `title` (AD-E1). */
export function isAdErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return typeof b['code'] === 'string' && /^\d{8}$/.test(b['code']) && typeof b['detail'] === 'string' && typeof b['title'] === 'string' && b['title'] !== '';
}

/** A DN's RDNs as RFC 4514 reads them (types upper-cased, values unescaped); undefined when it is no valid DN. */
export function rdnsOf(dn: unknown): Rdn[] | undefined {
  if (typeof dn !== 'string') return undefined;
  try {
    return parseDn(dn);
  } catch {
    return undefined;
  }
}

/**
 * Two DNs name the same entry: the same RDN types (any case) and values, whichever valid
 * escapes each uses (`\,` or `\2C`, an escaped `=`): RFC 4514 leaves that choice free.
 */
export function sameDn(a: unknown, b: unknown): boolean {
  const x = rdnsOf(a);
  const y = rdnsOf(b);
  return x !== undefined && y !== undefined && x.length === y.length && x.every((r, k) => r.type === y[k]?.type && r.value === y[k]?.value);
}

/** `{data, meta}`'s meta has these values (other keys and their order are free). */
export function metaIs(ex: Exchange, expected: { start_index: number; limit: number; total_no_of_objects: number }): boolean {
  const meta = listOf(ex)?.meta;
  return ex.status === 200 && meta !== undefined && Object.entries(expected).every(([k, v]) => meta[k] === v);
}

/** The same members in any order (where the page leaves the order free). */
export function sameSet(got: readonly unknown[], expected: readonly string[]): boolean {
  return got.map(String).sort().join('\n') === [...expected].sort().join('\n');
}
