/**
 * External ids (ID-C3): unique per (source type, source id), defaulting to the unit's id.
 * Units made by other dialects have none stored, so their default (their id, built in,
 * sourced from the instance) takes part in the uniqueness as well.
 */
import type { DialectFields, UnitView, UnitsApi } from '../../mock/core/units.ts';
import { ROOT_OU, SOURCE_TYPE } from './wire.ts';

export type ExternalId = NonNullable<DialectFields['externalId']>;

/** The external id a unit shows: the stored one, else its id, built in, from the instance. */
export function externalIdOf(unit: Pick<UnitView, 'id' | 'fields'>, instanceId: string): ExternalId {
  return unit.fields.externalId ?? { sourceType: SOURCE_TYPE, sourceId: instanceId, value: unit.id };
}

function same(a: ExternalId, b: ExternalId): boolean {
  return a.sourceType === b.sourceType && a.sourceId === b.sourceId && a.value === b.value;
}

/**
 * The id of the unit (the root included) whose external id is `key`, if any. The core's
 * index answers for stored ids; a default one is the unit of that id. Either is confirmed
 * against what the unit shows, so a lookup never matches another source.
 */
export function unitIdByExternalId(api: UnitsApi, key: ExternalId): string | undefined {
  if (same(key, { sourceType: SOURCE_TYPE, sourceId: api.id, value: ROOT_OU })) return ROOT_OU;
  const candidates = [api.unitByExternalId(key.sourceType, key.sourceId, key.value), api.findUnit(key.value)];
  return candidates.find((u) => u !== undefined && same(externalIdOf(u, api.id), key))?.id;
}
