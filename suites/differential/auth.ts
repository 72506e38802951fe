/**
 * Token variants on the sequence's current state: refused tokens (401, OU-A1), the read-only
 * token writing (403, OU-A3), the other tenant's token on this tenant's paths and this token
 * on the other tenant's paths (403 or 404, OU-A2). A refused request must change nothing.
 */
import type { OuApi } from '../api.ts';
import type { Exchange } from '../exchange.ts';
import { ouOf } from '../data.ts';
import { known } from './ids.ts';
import type { Resolved } from './ids.ts';
import { judgeStatus, modelCall } from './judge.ts';
import { otherIntact, readBack } from './reads.ts';
import type { Op, Spec } from './steps.ts';
import type { World } from './world.ts';

const WRITES: ReadonlySet<Op> = new Set(['create', 'patch', 'delete']);

/** One request of `op` on `id` with `api`; the body names nothing the model would not accept. */
function send(w: World, api: OuApi, op: Op, id: string, parentId: string): Promise<Exchange> {
  switch (op) {
    case 'list':
      return w.send((a) => a.list({ parent_id: parentId, per_page: 5 }), api);
    case 'get':
      return w.send((a) => a.get(id), api);
    case 'tree':
      return w.send((a) => a.tree(), api);
    case 'users':
      return w.send((a) => a.users(id), api);
    case 'create':
      return w.send((a) => a.create({ name: `${w.tag} token probe ${w.trace.length}`, parent_id: parentId }), api);
    case 'patch':
      return w.send((a) => a.update(id, { description: `token probe ${w.trace.length}` }), api);
    case 'delete':
      return w.send((a) => a.delete(id, 'BLOCK'), api);
  }
}

/** The read-only token wrote and the target let it (a SHOULD): the model takes the same write, so the sequence stays comparable. */
function follow(w: World, op: Op, ex: Exchange, id: string): void {
  const body = ex.requestBody === undefined ? {} : (JSON.parse(ex.requestBody) as Record<string, unknown>);
  if (op === 'create') {
    w.useId(ouOf(ex)?.id);
    const m = modelCall(201, () => w.model.createOu(body as { name: string }));
    if (m.value !== undefined) w.live.push(m.value.id);
  } else if (op === 'patch') {
    modelCall(200, () => w.model.updateOu(id, body));
    w.patched.add(id);
  } else if (op === 'delete' && modelCall(204, () => w.model.deleteOu(id, 'BLOCK')).status === 204) {
    w.forget([id]);
  }
}

export async function runAuth(w: World, spec: Extract<Spec, { kind: 'auth' }>): Promise<void> {
  const { auths, other, api } = w.env;
  const id = w.live.length === 0 ? w.containerId : w.pick(spec.ref);
  // The container is never deleted by a probe: the sequence lives in it.
  const op: Op = spec.op === 'delete' && id === w.containerId ? 'patch' : spec.op;
  const ref: Resolved[] = known(w, id) ? [{ id, kind: id === w.containerId ? 'container' : 'ou' }] : [];
  const write = WRITES.has(op);
  // A refused write must change nothing (OU-E5): read first, so a difference after it is its doing.
  if (write) await readBack(w, ref);
  if (spec.variant === 'refused') {
    for (const auth of auths.refused) {
      const ex = await send(w, api.as(auth), op, id, id);
      judgeStatus(w, ex, [401], 'OU-A1', `${op} with ${auth.label}`);
    }
    if (write) await readBack(w, ref, 'OU-E5');
  } else if (spec.variant === 'readonly') {
    if (auths.readonly === undefined || !write) return;
    const ex = await send(w, api.as(auths.readonly), op, id, id);
    if (!judgeStatus(w, ex, [403], 'OU-A3', `${op} with the read-only token`) && ex.status < 300) follow(w, op, ex, id);
    else await readBack(w, ref, 'OU-E5');
  } else if (spec.variant === 'otherToken') {
    if (auths.otherToken === undefined) return;
    const ex = await send(w, api.as(auths.otherToken), op, id, id);
    judgeStatus(w, ex, [403, 404], 'OU-A2', `${op} on this tenant with the other tenant's token`);
    if (write) await readBack(w, ref, 'OU-E5');
  } else if (other !== undefined) {
    const ex = await send(w, api.forTenant(other.tenantId), op, other.ouId, other.ouId);
    judgeStatus(w, ex, [403, 404], 'OU-A2', `${op} on the other tenant's paths with this tenant's token`);
    if (write) await otherIntact(w, 'OU-A2');
  }
}
