/** What the `V2-…` checks share: the dialect's operations through the run's driver, fixtures, and the Yii2 error shapes. */
import { createHash } from 'node:crypto';
import type { CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { V2Api } from '../client.ts';
import { fieldErrorsOf, isYiiError, names422, orgUnitOf } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';

/** The dialect's five operations with the main token, sent through the run's driver (recorded like every request). */
export function v2Api(ctx: CheckContext): V2Api {
  return new V2Api((spec) => ctx.driver.send(spec), ctx.creds.main);
}

/** A code unique to this run, check and label (V2-C2's alphabet, 18 characters). */
export function codeFor(ctx: CheckContext, label: string): string {
  return `T${createHash('sha256').update(`${ctx.runTag}\u0000${ctx.checkId}\u0000${label}`).digest('hex').slice(0, 17).toUpperCase()}`;
}

/** A fresh unit under the run root for this check alone. */
export async function sandboxId(ctx: CheckContext): Promise<string> {
  return (await ctx.sandbox()).id;
}

/**
 * Creates a fixture unit. A create the target refuses is V2-C1's finding (its own check
 * reports it); here it only means this check cannot run, so it is skipped with the answer.
 */
export async function fixture(ctx: CheckContext, api: V2Api, body: { name: string; parent: string | null; code?: string; description?: string | null }): Promise<OrgUnit> {
  const ex = await api.create({
    code: body.code ?? codeFor(ctx, `${body.parent ?? ''}/${body.name}`),
    name: body.name,
    parent_org_unit_id: body.parent,
    ...(body.description !== undefined ? { description: body.description } : {}),
  });
  const unit = orgUnitOf(ex.body);
  if (ex.status !== 201 || unit === undefined) return ctx.skip(`the fixture unit "${body.name}" could not be created: create answered ${ex.status}`);
  return unit;
}

/** A chain of units, each the child of the one before, under `parent`. */
export async function chain(ctx: CheckContext, api: V2Api, parent: string, names: readonly string[]): Promise<OrgUnit[]> {
  const out: OrgUnit[] = [];
  let at = parent;
  for (const name of names) {
    const u = await fixture(ctx, api, { name, parent: at });
    out.push(u);
    at = u.org_unit_id;
  }
  return out;
}

/** The unit as `view` shows it now, or undefined (with the exchange) when view does not answer 200 with one. */
export async function viewed(api: V2Api, id: string): Promise<{ ex: Exchange; unit: OrgUnit | undefined }> {
  const ex = await api.view(id);
  return { ex, unit: ex.status === 200 ? orgUnitOf(ex.body) : undefined };
}

/** `expect` that the answer is a 422 naming `field` (V2-E1's shape is E1's own matter: any 422 list here). */
export function expect422(ctx: CheckContext, ex: Exchange, field: string, what: string, rule?: string): boolean {
  return ctx.expect(names422(ex, field), `${what}: 422 with [{field: "${field}", message}] (got ${ex.status}${fieldErrorsOf(ex) !== undefined ? ` naming ${fieldErrorsOf(ex)?.map((e) => e.field).join(', ')}` : ''})`, ex, rule);
}

/** `expect` a Yii2 error object with this status. */
export function expectYii(ctx: CheckContext, ex: Exchange, status: number, what: string, rule?: string): boolean {
  return ctx.expect(ex.status === status && isYiiError(ex), `${what}: ${status} with {"name", "message", "code", "status": ${status}}`, ex, rule);
}

/** The six fields of two units agree. */
export function sameUnit(a: OrgUnit, b: Partial<OrgUnit>): string[] {
  const keys = ['org_unit_id', 'code', 'name', 'description', 'parent_org_unit_id', 'project_id'] as const;
  return keys.filter((k) => k in b && a[k] !== b[k]).map((k) => `${k}: ${JSON.stringify(a[k])} ≠ ${JSON.stringify(b[k])}`);
}

/** A random UUID no unit has (v4 form), from the check's seeded rng. */
export function unknownUuid(ctx: CheckContext): string {
  const hex = Array.from({ length: 12 }, () => ctx.rng.int(0, 15).toString(16)).join('');
  return `00000000-0000-4000-8000-${hex}`;
}
