/** What the idaas checks share: the driver of the run, fixtures under the run root, answer readers. */
import type { CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { errorBody, IdaasDriver, recordOf } from '../driver.ts';

export { recordOf };

/** The run's idaas driver, for the raw operations the idaas checks send. */
export function idaas(ctx: CheckContext): IdaasDriver {
  if (!(ctx.driver instanceof IdaasDriver)) throw new Error(`check ${ctx.checkId} runs only in an idaas run (verify --dialect idaas)`);
  return ctx.driver;
}

/** The answer's body as an object, if it is one. */
export function fieldsOf(ex: Exchange): Record<string, unknown> | undefined {
  return recordOf(ex.body);
}

/** The `code` of an error answer in the ID-E1 shape; undefined otherwise (the shape is ID-E1's to judge). */
export function codeOf(ex: Exchange): string | undefined {
  return errorBody(ex)?.code;
}

/**
 * A unit the check builds on, created through the idaas API. When it cannot be made the
 * check has nothing to check and says so (creation itself is ID-C1's, which fails then).
 */
export async function fixture(ctx: CheckContext, parentId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const ex = await idaas(ctx).createRaw({ organizationalUnitName: name, parentId, ...extra });
  const id = fieldsOf(ex)?.['organizationalUnitId'];
  if (ex.status < 200 || ex.status > 299 || typeof id !== 'string' || id === '') {
    return ctx.skip(`the fixture unit ${JSON.stringify(name)} could not be created (POST ${ex.path} answered ${ex.status}); ID-C1 covers creation`);
  }
  return id;
}

/** A fresh unit under the run root, for this check alone. */
export function sandbox(ctx: CheckContext, label = 'sandbox'): Promise<string> {
  return fixture(ctx, ctx.rootId, `${ctx.checkId}-${label}`);
}

/** The names of a parent's direct children, all pages (required: the check's rule reads them). */
export async function childNames(ctx: CheckContext, parentId: string, rule?: string): Promise<string[]> {
  const { ex, value } = await idaas(ctx).children(parentId);
  ctx.require(value !== undefined, `listing the children of ${parentId} answers 200 with {totalCount, data}`, ex, rule);
  return value.map((u) => u.name);
}

/** The unit as GET reads it (required: the check's rule reads it). */
export async function read(ctx: CheckContext, id: string, rule?: string): Promise<Record<string, unknown>> {
  const ex = await idaas(ctx).getRaw(id);
  const unit = fieldsOf(ex);
  ctx.require(ex.status === 200 && unit !== undefined, `GET of ${id} answers 200 with the unit`, ex, rule);
  return unit;
}

/** The id a Create answered, requiring 200 `{organizationalUnitId}` (the check's rule reads it). */
export function createdId(ctx: CheckContext, ex: Exchange, what: string): string {
  ctx.requireStatus(ex, 200, what);
  const id = fieldsOf(ex)?.['organizationalUnitId'];
  ctx.require(typeof id === 'string' && id !== '', `${what}: the answer is {"organizationalUnitId": "<id>"}`, ex);
  return id;
}

/** The three parameters of the lookup action, as a unit shows them. */
export const LOOKUP_KEYS = ['organizationalUnitExternalId', 'organizationalUnitSourceType', 'organizationalUnitSourceId'] as const;

/** The lookup key a unit shows (its external id, source type and source id). */
export function lookupKeyOf(unit: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(LOOKUP_KEYS.map((p) => [p, unit[p]]));
}

/** A unit's shown fields in one canonical key order, so two views of it compare whatever order each sent. */
export function canonical(unit: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(unit).sort().map((k) => [k, unit[k]]));
}

/**
 * A chain of `depth` units, each the only child of the one before, under `parentId`: the
 * boundaries of "at any depth". Returns the ids, top first.
 */
export async function chain(ctx: CheckContext, parentId: string, depth: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let level = 1; level <= depth; level++) ids.push(await fixture(ctx, ids.at(-1) ?? parentId, `${label}-${level}`));
  return ids;
}

/** The id a Create answered when it succeeded, so a wrongly accepted create can be undone. */
export function idIfCreated(ex: Exchange): string | undefined {
  const id = fieldsOf(ex)?.['organizationalUnitId'];
  return ex.status >= 200 && ex.status < 300 && typeof id === 'string' ? id : undefined;
}
