/** Steps that change state: create, chain, patch, delete, add user. Target first, then the model. */
import type { DeleteStrategy, OUCreate, OUResponse, OUUpdate } from '../../dialects/ou-api/dto.ts';
import type { OuOperations } from '../../dialects/ou-api/operations.ts';
import { NAME_MAX } from '../../mock/core/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../mock/http/typed-errors.ts';
import { ouOf } from '../data.ts';
import { known, modelOu, resolve, resolveParent, subtree } from './ids.ts';
import type { Resolved } from './ids.ts';
import { dataOf, judgeOu, judgeStatus, modelCall, READ_RULES } from './judge.ts';
import type { OuRules } from './judge.ts';
import { ATTRIBUTES, renderName } from './names.ts';
import type { NameSpec } from './names.ts';
import { readBack } from './reads.ts';
import type { MoveRef, Spec, Strategy } from './steps.ts';
import type { World } from './world.ts';

/**
 * A name longer than 255 characters only because of outer white space: valid by OU-H5
 * (counted after trimming), yet over the contract schema's maxLength. Either answer is
 * accepted; the model follows the target.
 */
function trimAmbiguous(name: string): boolean {
  return name.length > NAME_MAX && Array.from(name.trim()).length <= NAME_MAX;
}

/** The rule a refused (or wrongly accepted) write breaks, from the model's reason. */
function errorRule(error: unknown, fallback: string): string {
  if (error instanceof ValidationError) return error.issues.some((i) => i.loc[1] === 'name') ? 'OU-H5' : 'OU-E3';
  if (error instanceof ConflictError) return 'OU-H4';
  return fallback;
}

const CREATE_RULES: OuRules = { ...READ_RULES, status: 'OU-C1', name: 'OU-H5', description: 'OU-C1', parent: 'OU-C2', attrs: 'OU-C3', childCount: 'OU-C1', userCount: 'OU-C1', fresh: true };
const PATCH_RULES: OuRules = { ...READ_RULES, status: 'OU-U1', name: 'OU-U1', description: 'OU-U1', parent: 'OU-U1', attrs: 'OU-C3' };

/**
 * A write the model refuses must change nothing (OU-E5): what it touches is read first (each
 * difference then judged by its own rule), so a difference after it is the write's doing.
 */
async function beforeRefusal(w: World, refs: readonly Resolved[], op: (model: OuOperations) => unknown): Promise<void> {
  if (w.predict(op) >= 400) await readBack(w, refs);
}

/** Creates one OU; answers its id when both sides created it. */
export async function createOne(w: World, parent: Resolved | null, nameSpec: NameSpec, description?: string | null, attrs?: number | null): Promise<string | undefined> {
  const name = renderName(nameSpec, w.tag);
  const body: Record<string, unknown> = { name, parent_id: parent === null ? null : parent.id };
  if (description !== undefined) body['description'] = description;
  if (attrs !== undefined) body['custom_attributes'] = attrs === null ? null : (ATTRIBUTES[attrs % ATTRIBUTES.length] as () => object)();
  await beforeRefusal(w, parent === null ? [] : [parent], (m) => m.createOu(body as OUCreate));
  const ex = await w.send((api) => api.create(body));
  const created = ex.status === 201 ? ouOf(ex)?.id : undefined;
  if (trimAmbiguous(name) && ex.status === 422) {
    judgeStatus(w, ex, [422], 'OU-H5', 'create with a name of 255 characters after trimming');
    return undefined;
  }
  w.useId(created);
  const m = modelCall(201, () => w.model.createOu(body as OUCreate));
  const other = parent?.kind === 'other';
  const unknownParent = m.error instanceof NotFoundError;
  const rule = m.status === 201 ? (name !== name.trim() ? 'OU-H5' : 'OU-C1') : other ? 'OU-T1' : errorRule(m.error, 'OU-C2');
  const allowed = unknownParent ? [404, 422] : [m.status];
  judgeStatus(w, ex, allowed, rule, `create ${JSON.stringify(name)} under ${parent === null ? 'the top level' : parent.kind}`, m.error);
  if (m.value === undefined) {
    await readBack(w, parent === null ? [] : [parent], 'OU-E5');
    return undefined;
  }
  judgeOu(w, ex, dataOf(w, ex), m.value, CREATE_RULES);
  w.live.push(m.value.id);
  if (parent === null) w.env.ctx.adoptTopLevel(m.value.id);
  return m.value.id;
}

function resolveMove(w: World, target: Resolved, r: MoveRef): Resolved | null {
  if (r.kind === 'self') return target;
  if (r.kind === 'descendant') {
    const below = known(w, target.id) ? subtree(w, target.id) : [target.id];
    return { id: below[r.ref % below.length] as string, kind: 'ou' };
  }
  return resolveParent(w, r);
}

async function patch(w: World, spec: Extract<Spec, { kind: 'patch' }>): Promise<void> {
  const target = resolve(w, spec.target);
  const body: Record<string, unknown> = {};
  if (spec.name !== undefined) body['name'] = spec.name === null ? null : renderName(spec.name, w.tag);
  const dest = spec.parent === undefined ? undefined : resolveMove(w, target, spec.parent);
  if (dest !== undefined) body['parent_id'] = dest === null ? null : dest.id;
  if (spec.description !== undefined) body['description'] = spec.description;
  if (spec.attrs !== undefined) body['custom_attributes'] = spec.attrs === null ? null : (ATTRIBUTES[spec.attrs % ATTRIBUTES.length] as () => object)();
  await beforeRefusal(w, [target, ...(dest ? [dest] : [])], (m) => m.updateOu(target.id, body as OUUpdate));
  const ex = await w.send((api) => api.update(target.id, body));
  const name = body['name'];
  if (typeof name === 'string' && trimAmbiguous(name) && ex.status === 422) {
    judgeStatus(w, ex, [422], 'OU-H5', 'rename to 255 characters after trimming');
    return;
  }
  const m = modelCall(200, () => w.model.updateOu(target.id, body as OUUpdate));
  const cycle = dest !== undefined && dest !== null && known(w, target.id) && known(w, dest.id) && subtree(w, target.id).includes(dest.id);
  const unknownParent = dest !== undefined && dest !== null && !known(w, dest.id) && known(w, target.id);
  const allowed = cycle && m.status === 409 ? [409, 422] : unknownParent && m.status === 404 ? [404, 422] : [m.status];
  const rule =
    target.kind === 'other' || dest?.kind === 'other'
      ? 'OU-T1'
      : m.status === 200
        ? 'OU-U1'
        : cycle
          ? 'OU-U2'
          : body['name'] === null
            ? 'OU-U1'
            : target.kind === 'deleted'
              ? 'OU-D5'
              : errorRule(m.error, 'OU-E4');
  judgeStatus(w, ex, allowed, rule, `PATCH ${JSON.stringify(Object.keys(body))} of ${target.kind}`, m.error);
  if (m.value === undefined) {
    await readBack(w, [target, ...(dest ? [dest] : [])], 'OU-E5');
    return;
  }
  w.patched.add(target.id);
  judgeOu(w, ex, dataOf(w, ex), m.value, PATCH_RULES);
  if (m.value.parent_id === null) w.env.ctx.adoptTopLevel(target.id);
}

const STRATEGY_RULE: Record<DeleteStrategy, string> = { BLOCK: 'OU-D2', MOVE_UP: 'OU-D3', CASCADE: 'OU-D4' };

function strategyParam(s: Strategy): string | undefined {
  return s === 'absent' ? undefined : s === 'bogus' ? 'SOFT' : s;
}

async function remove(w: World, target: Resolved, strategy: Strategy): Promise<void> {
  if (target.kind === 'container') return;
  const param = strategyParam(strategy);
  const before: OUResponse | undefined = known(w, target.id) ? modelOu(w, target.id) : undefined;
  const gone = before === undefined ? [] : subtree(w, target.id);
  const parent = before?.parent_id ?? null;
  const parentRef: Resolved[] = parent !== null && known(w, parent) ? [{ id: parent, kind: parent === w.containerId ? 'container' : 'ou' }] : [];
  await beforeRefusal(w, [...(before !== undefined ? [target] : []), ...parentRef], (m) => m.deleteOu(target.id, param as DeleteStrategy | undefined));
  const ex = await w.send((api) => api.delete(target.id, param));
  const m = modelCall(204, () => w.model.deleteOu(target.id, param as DeleteStrategy | undefined));
  const effective: DeleteStrategy = param === undefined ? 'BLOCK' : (param as DeleteStrategy);
  const rule =
    target.kind === 'other'
      ? 'OU-T1'
      : target.kind === 'deleted'
        ? 'OU-D5'
        : target.kind === 'unknown'
          ? 'OU-D6'
          : m.error instanceof ValidationError || param === undefined
            ? 'OU-D1'
            : (STRATEGY_RULE[effective] ?? 'OU-D1');
  judgeStatus(w, ex, [m.status], rule, `DELETE ${target.kind} with strategy ${param ?? '(default)'}`, m.error);
  if (m.status !== 204) {
    await readBack(w, [...(before !== undefined ? [target] : []), ...parentRef], 'OU-E5');
    return;
  }
  if (before === undefined) return;
  if (parent === null && effective === 'MOVE_UP') for (const c of before.children ?? []) w.env.ctx.adoptTopLevel(c.ou_id);
  w.forget(effective === 'CASCADE' ? gone : [target.id]);
  await readBack(w, [{ id: target.id, kind: 'deleted' }, ...parentRef], STRATEGY_RULE[effective], 'OU-D5');
}

/** A user in `ouId` through the run's adapter; the model gets the same user (same id). */
async function addUser(w: World, ouId: string): Promise<void> {
  const pool = w.env.users;
  if (pool === undefined || !known(w, ouId)) return;
  const target = { id: ouId };
  w.env.budget.used++;
  let user: { id: string; email?: string };
  try {
    user = await pool.create(target.id);
  } catch (error) {
    // The adapter, not the target, failed: user steps stop, and the check says so.
    w.env.usersProblem = error instanceof Error ? error.message : String(error);
    w.env.users = undefined;
    return;
  }
  w.userAdded(user.id, target.id, user.email);
  w.model.addUser({ id: user.id, email: user.email ?? `${user.id}@adapter.invalid`, display_name: 'user', ou_id: target.id });
}

/** Runs a write step. */
export async function runWrite(w: World, spec: Spec): Promise<boolean> {
  switch (spec.kind) {
    case 'create': {
      const id = await createOne(w, resolveParent(w, spec.parent), spec.name, spec.description, spec.attrs);
      for (let i = 0; id !== undefined && i < (spec.users ?? 0); i++) await addUser(w, id);
      return true;
    }
    case 'family': {
      const top = await createOne(w, resolveParent(w, spec.parent), spec.names[0] as NameSpec, 'family');
      if (top === undefined) return true;
      const kids: string[] = [];
      for (const name of spec.names.slice(1)) {
        const id = await createOne(w, { id: top, kind: 'ou' }, name, 'child');
        if (id !== undefined) kids.push(id);
      }
      const grandchild = kids[0] === undefined ? undefined : await createOne(w, { id: kids[0], kind: 'ou' }, spec.grandchild);
      if (spec.users) for (const id of [top, ...kids.slice(0, 1), ...(grandchild !== undefined ? [grandchild] : [])]) await addUser(w, id);
      return true;
    }
    case 'chain': {
      let parent = resolveParent(w, spec.parent);
      for (const [i, name] of spec.names.entries()) {
        const id = await createOne(w, parent, name, `level ${i + 1}`);
        if (id === undefined) break;
        if (i === spec.userAt) await addUser(w, id);
        parent = { id, kind: 'ou' };
      }
      return true;
    }
    case 'patch':
      await patch(w, spec);
      return true;
    case 'delete':
      await remove(w, resolve(w, spec.target), spec.strategy);
      return true;
    case 'moveUpClash': {
      const parent = resolveParent(w, spec.parent);
      const [first, ...kids] = spec.names as [NameSpec, ...NameSpec[]];
      const top = await createOne(w, parent, first);
      if (top === undefined) return true;
      for (const name of kids) await createOne(w, { id: top, kind: 'ou' }, name);
      // The sibling takes a child's name in another letter case: the same name to OU-H4.
      const clash = kids[spec.clash % Math.max(1, kids.length)] ?? first;
      await createOne(w, parent, clash.kind === 'valid' ? { ...clash, tagCase: clash.tagCase === 'upper' ? 'lower' : 'upper' } : clash);
      await remove(w, { id: top, kind: 'ou' }, 'MOVE_UP');
      return true;
    }
    case 'user':
      await addUser(w, resolve(w, spec.target).id);
      return true;
    default:
      return false;
  }
}
