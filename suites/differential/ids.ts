/** Resolving the references of a step into the ids it sends, and what the model knows of them. */
import type { OUResponse } from '../../dialects/ou-api/dto.ts';
import type { IdRef, ParentRef } from './steps.ts';
import type { World } from './world.ts';

/** A resolved id and where it comes from: the rule an answer about it is judged by depends on that. */
export interface Resolved {
  id: string;
  kind: 'ou' | 'container' | 'unknown' | 'other' | 'deleted';
}

/** An id no tenant holds: ids are opaque strings, so this shape is as good as any. */
export function unknownId(w: World): string {
  return `00000000-0000-4000-8000-${w.tag.toLowerCase().replace(/[^0-9a-f]/g, '0').padEnd(12, '0').slice(0, 12)}`;
}

export function resolve(w: World, r: IdRef): Resolved {
  switch (r.kind) {
    case 'ou':
      return w.live.length === 0 ? { id: w.containerId, kind: 'container' } : { id: w.pick(r.ref), kind: 'ou' };
    case 'container':
      return { id: w.containerId, kind: 'container' };
    case 'other':
      // Without a second tenant, an unknown id stands in (the check's note says so).
      return w.env.other === undefined ? { id: unknownId(w), kind: 'unknown' } : { id: w.env.other.ouId, kind: 'other' };
    case 'deleted':
      return w.deleted.length === 0 ? { id: unknownId(w), kind: 'unknown' } : { id: w.deleted[r.ref % w.deleted.length] as string, kind: 'deleted' };
    case 'unknown':
      return { id: unknownId(w), kind: 'unknown' };
  }
}

/** `parent_id` of a create: null for the top level. */
export function resolveParent(w: World, r: ParentRef): Resolved | null {
  return r.kind === 'top' ? null : resolve(w, r);
}

/** Whether the model holds the OU (the sequence's OUs and the container). */
export function known(w: World, id: string): boolean {
  return id === w.containerId || w.live.includes(id);
}

/** The model's view of an OU. */
export function modelOu(w: World, id: string): OUResponse {
  return w.model.getOu(id);
}

/** The OU and every descendant, parents first (model). */
export function subtree(w: World, id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) out.push(...(modelOu(w, out[i] as string).children ?? []).map((c) => c.ou_id));
  return out;
}
