import type { Tenant } from '../mock/core/index.ts';

/** A subtree to build for the move/delete benchmarks. */
export interface SubtreeSpec {
  /** Name of the subtree's root; unique among its siblings. */
  name: string;
  /** OUs in the subtree, root included. */
  size: number;
  /** Children per OU, filled breadth-first (10 gives depth 4 for 10,000 OUs). */
  branching: number;
  /** Users placed in every OU of the subtree (the large preset averages 10). */
  usersPerOu: number;
  /** Parent of the root; null = top level. */
  parentId: string | null;
}

export interface BuiltSubtree {
  rootId: string;
  /** The last OU built: a deepest leaf, to check paths after a move. */
  leafId: string;
  ous: number;
  users: number;
  ms: number;
}

/**
 * Builds a subtree through the domain core (fast and exact), so the HTTP timing that follows
 * measures only the move or delete itself.
 */
export function buildSubtree(tenant: Tenant, spec: SubtreeSpec): BuiltSubtree {
  const started = performance.now();
  const root = tenant.createUnit({ name: spec.name, parentId: spec.parentId });
  const queue: string[] = [root.id];
  let leafId = root.id;
  let ous = 1;
  let users = 0;
  const addUsers = (ouId: string, n: number): void => {
    for (let u = 0; u < spec.usersPerOu; u++) {
      tenant.createUser({ email: `${spec.name}-${n}-${u}@bench.invalid`.toLowerCase(), displayName: `Bench ${n}.${u}`, unitId: ouId });
      users++;
    }
  };
  addUsers(root.id, 0);
  for (let head = 0; ous < spec.size; head++) {
    const parent = queue[head];
    if (parent === undefined) break;
    for (let c = 0; c < spec.branching && ous < spec.size; c++) {
      const child = tenant.createUnit({ name: `${spec.name}-${ous}`, parentId: parent });
      queue.push(child.id);
      leafId = child.id;
      addUsers(child.id, ous);
      ous++;
    }
  }
  return { rootId: root.id, leafId, ous, users, ms: performance.now() - started };
}
