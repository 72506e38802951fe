/**
 * The forest of a tenant in any node shape a dialect wants, siblings by lower-cased name, ties
 * by id. Built with an explicit stack: a deep chain must not overflow the call stack.
 */
import type { Hierarchy } from './hierarchy.ts';
import { byName, type OuRecord } from './records.ts';

/** What a tree node is made from (an OuRecord, read-only: no copy per node). */
export interface TreeUnit {
  readonly id: string;
  readonly name: string;
  readonly path: string;
}

/**
 * How a dialect builds its tree. Keep one object per shape: the tenant keeps the tree built
 * for a shape until the next change, so concurrent readers share one copy (read-only).
 */
export interface TreeShape<N> {
  /** Nodes at this depth (top level = 1) get no children. */
  readonly maxDepth: number;
  node(unit: TreeUnit): N;
  setChildren(parent: N, children: N[]): void;
}

/** Direct children ordered by lower-cased name, ties by id. */
function sortedChildren(rec: OuRecord): OuRecord[] {
  return Array.from(rec.children.values()).sort(byName);
}

/** Builds the whole forest in `shape`. */
export function buildForest<N>(ous: Hierarchy, shape: TreeShape<N>): N[] {
  const stack: Array<{ rec: OuRecord; node: N; depth: number }> = [];
  const grow = (rec: OuRecord, depth: number): N => {
    const node = shape.node(rec);
    stack.push({ rec, node, depth });
    return node;
  };
  const top = Array.from(ous.topLevel()).sort(byName).map((r) => grow(r, 1));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { rec, node, depth } = item;
    if (depth < shape.maxDepth) shape.setChildren(node, sortedChildren(rec).map((c) => grow(c, depth + 1)));
  }
  return top;
}
