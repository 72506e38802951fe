/** The core's neutral views in the wire form of `orgunit-v2`. */
import type { DeletePlan, UnitView } from '../../mock/core/units.ts';
import type { OrgUnit, Related } from './wire.ts';

/** A unit as `index`, `view`, `create` and `update` show it; the project is the tenant. */
export function toOrgUnit(unit: UnitView, projectId: string): OrgUnit {
  return {
    org_unit_id: unit.id,
    code: unit.fields.code,
    name: unit.name,
    description: unit.description,
    parent_org_unit_id: unit.parentId,
    project_id: projectId,
  };
}

/**
 * The `related` of the 409 preview (V2-D3): what the plan deletes besides the unit itself,
 * so the preview and the `force=true` delete are one plan.
 */
export function relatedOf(plan: DeletePlan): Related {
  return {
    org_units: plan.units
      .filter((u) => u.id !== plan.unitId)
      .map((u) => ({ org_unit_id: u.id, code: u.fields.code, name: u.name })),
    users: plan.users.map((u) => ({ id: u.id, email: u.email })),
  };
}
