/** Units of the core as the idaas `OrganizationalUnit` (contracts/idaas.yaml). */
import type { UnitView } from '../../mock/core/units.ts';
import { externalIdOf } from './external-ids.ts';
import { ROOT_OU, SOURCE_TYPE } from './wire.ts';
import type { OrganizationalUnit } from './wire.ts';

/** A unit: top-level units have the root as their parent; `updateTime` is `createTime` until a change. */
export function unitOf(unit: UnitView, instanceId: string): OrganizationalUnit {
  const ext = externalIdOf(unit, instanceId);
  const createTime = Date.parse(unit.createdAt);
  return {
    instanceId,
    organizationalUnitId: unit.id,
    organizationalUnitName: unit.name,
    parentId: unit.parentId ?? ROOT_OU,
    organizationalUnitExternalId: ext.value,
    organizationalUnitSourceType: ext.sourceType,
    organizationalUnitSourceId: ext.sourceId,
    createTime,
    updateTime: unit.updatedAt === null ? createTime : Date.parse(unit.updatedAt),
    ...(unit.description !== null ? { description: unit.description } : {}),
  };
}

/**
 * The instance root: no parent, named after the instance, its own id as external id.
 * The mock keeps no record of when an instance began, so its times are the epoch.
 */
export function rootOf(instanceId: string): OrganizationalUnit {
  return {
    instanceId,
    organizationalUnitId: ROOT_OU,
    organizationalUnitName: instanceId,
    organizationalUnitExternalId: ROOT_OU,
    organizationalUnitSourceType: SOURCE_TYPE,
    organizationalUnitSourceId: instanceId,
    createTime: 0,
    updateTime: 0,
  };
}
