/**
 * The order in which a tenant's units came into being, as this dialect can see it without the
 * clock: the units there were when it first looked (by created_at), then each new unit in the
 * order the core's change feed first names it. Only the `ad-sort-ties-by-creation` switch reads
 * it: its bug must show under a clock of whole seconds too, where created_at ties.
 */
import type { UnitsApi } from '../../mock/core/units.ts';

interface Seen {
  revision: number;
  rank: Map<string, number>;
}

const SEEN = new WeakMap<UnitsApi, Seen>();

/** Adds the units not ranked yet, oldest created_at first (ties by id, the core's order). */
function rankUnseen(api: UnitsApi, rank: Map<string, number>): void {
  for (const unit of api.queryUnits({ orderBy: [{ key: 'createdAt' }] }).items) if (!rank.has(unit.id)) rank.set(unit.id, rank.size);
}

/** Each unit's place in creation order (0 = oldest), brought up to date through the change feed. */
export function creationRanks(api: UnitsApi): ReadonlyMap<string, number> {
  const revision = api.revision;
  const seen = revision === undefined ? undefined : SEEN.get(api);
  if (revision === undefined || seen === undefined) {
    const rank = new Map<string, number>();
    rankUnseen(api, rank);
    // Without revisions there is no feed to follow: each look starts again.
    if (revision !== undefined) SEEN.set(api, { revision, rank });
    return rank;
  }
  if (seen.revision === revision) return seen.rank;
  const changes = api.changesSince?.(seen.revision);
  // Every unit there was at the last look is ranked, so an id the feed names for the first time is new.
  if (changes === undefined) rankUnseen(api, seen.rank);
  else for (const { id } of changes) if (!seen.rank.has(id) && api.findUnit(id) !== undefined) seen.rank.set(id, seen.rank.size);
  seen.revision = revision;
  return seen.rank;
}
