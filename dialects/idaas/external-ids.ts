/**
 * External ids (ID-C3): unique per (source type, source id), defaulting to the unit's id
 * (`build_in`, sourced from the instance). The core keeps units' ids, explicit and default,
 * in one unique space; the virtual root is this dialect's own, so it is added here.
 */
import type { DialectFields, UnitView, UnitsApi } from '../../mock/core/units.ts';
import { ROOT_OU, SOURCE_TYPE } from './wire.ts';

export type ExternalId = NonNullable<DialectFields['externalId']>;

/** The external id a unit shows: the stored one, else its id, built in, from the instance. */
export function externalIdOf(unit: Pick<UnitView, 'id' | 'fields'>, instanceId: string): ExternalId {
  return unit.fields.externalId ?? { sourceType: SOURCE_TYPE, sourceId: instanceId, value: unit.id };
}

/** The id of the unit, the root included, whose external id is `key`, if any. */
export function unitIdByExternalId(api: UnitsApi, key: ExternalId): string | undefined {
  if (key.sourceType === SOURCE_TYPE && key.sourceId === api.id && key.value === ROOT_OU) return ROOT_OU;
  return api.unitByExternalId(key.sourceType, key.sourceId, key.value)?.id;
}
