/**
 * Delete plans: what a delete will remove, computed without changing anything, so a preview
 * and the delete itself are the same plan. A plan remembers the store version it was made at;
 * applied at any other version (or by another tenant) it is made again first, so it is never
 * applied half-valid.
 */
import { checkDelete, removedBy } from './strategies.ts';
import type { OuRecord } from './records.ts';
import type { TenantStore } from './store.ts';
import type { DeleteMode, DeletePlan } from './units.ts';

/** Where and when each plan was made. */
const MADE_AT = new WeakMap<DeletePlan, { store: TenantStore; revision: number }>();

/**
 * The plan of deleting `rec` with `mode`, checked (checkDelete) but not applied.
 *
 * @throws DomainError `conflict` as checkDelete.
 */
export function makePlan(store: TenantStore, rec: OuRecord, mode: DeleteMode): DeletePlan {
  checkDelete(store, rec, mode);
  const units = removedBy(store.ous, rec, mode);
  const plan: DeletePlan = Object.freeze({
    unitId: rec.id,
    mode,
    units: units.map((r) => Object.freeze({ id: r.id, name: r.name, fields: r.fields })),
    users: mode === 'force' ? units.flatMap((r) => r.users.map((u) => ({ id: u.id, email: u.email }))) : [],
    leaf: rec.children.size === 0 && rec.users.length === 0,
  });
  MADE_AT.set(plan, { store, revision: store.revision });
  return plan;
}

/** Whether `plan` was made on `store` at its current version. */
export function isCurrent(plan: DeletePlan, store: TenantStore): boolean {
  const made = MADE_AT.get(plan);
  return made !== undefined && made.store === store && made.revision === store.revision;
}
