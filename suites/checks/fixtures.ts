import type { CheckContext } from '../check.ts';
import { ouOf } from '../data.ts';
import type { Ou } from '../data.ts';
import { createRng, deriveSeed } from '../rng.ts';

/** Children of the paging fixture: enough for two default pages, 21 = 3·7. */
export const PAGING_CHILDREN = 21;

const WORDS = ['alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf', 'Hotel', 'india', 'Juliett', 'kilo', 'Lima', 'mike', 'November'];

export interface PagingFixture {
  /** An OU with PAGING_CHILDREN children whose names mix case (so raw and lower-cased order differ). */
  parent: Ou;
  children: Ou[];
  /** An OU with no children (0 items). */
  empty: Ou;
}

/** The read-only fixture of the pagination checks, built once per run. */
export function pagingFixture(ctx: CheckContext): Promise<PagingFixture> {
  return ctx.shared('paging', async () => {
    const parent = await ctx.createOu({ name: 'fixture-paging', parent_id: ctx.rootId });
    const empty = await ctx.createOu({ name: 'fixture-empty', parent_id: ctx.rootId });
    // Seeded by the run, not by whichever check asked first, so names replay.
    const rng = createRng(deriveSeed(ctx.runSeed, 'fixture:paging'));
    // The first two words are fixed so that plain and lower-cased order differ in every run
    // ('Bravo' < 'alpha' < 'bravo'), not only in the runs whose random words happen to mix cases.
    const words = (i: number): string => ['Bravo', 'alpha'][i] ?? rng.pick(WORDS);
    const names = Array.from({ length: PAGING_CHILDREN }, (_, i) => `${words(i)}-${String(rng.int(0, 99)).padStart(2, '0')}-${i}`);
    const children = await Promise.all(names.map((name) => ctx.createOu({ name, parent_id: parent.id })));
    return { parent, children, empty };
  });
}

/** A chain of OUs under `parentId`, each the child of the previous; names from `names`. */
export async function chain(ctx: CheckContext, parentId: string, names: readonly string[]): Promise<Ou[]> {
  const out: Ou[] = [];
  let parent = parentId;
  for (const name of names) {
    const ou = await ctx.createOu({ name, parent_id: parent });
    out.push(ou);
    parent = ou.id;
  }
  return out;
}

/** Every ordering of 0..n-1, in a fixed order (n is small: 3 or 4 siblings). */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * For siblings with `ids`, in creation order: the place in name order to give each, such that
 * name order is neither creation order nor id order (plain string order), either way round. Of
 * the n! placements these forbid at most four, so for 3 or more siblings one is left.
 */
export function namingRanks(ids: readonly string[]): number[] {
  const creation = ids.map((_, i) => i);
  const byId = [...creation].sort((a, b) => cmp(ids[a] as string, ids[b] as string));
  // The ranks that reproduce an order of the siblings (a list of their indexes, first to last).
  const ranksOf = (order: readonly number[]): string => JSON.stringify(creation.map((i) => order.indexOf(i)));
  const forbidden = new Set([creation, [...creation].reverse(), byId, [...byId].reverse()].map(ranksOf));
  const rank = permutations(ids.length).find((r) => !forbidden.has(JSON.stringify(r)));
  if (rank === undefined) throw new Error(`namingRanks needs 3 siblings or more, got ${ids.length}`);
  return rank;
}

/**
 * Siblings under `parentId` that carry `names` (given in lower-cased name order) such that
 * this order is none of the orders a server that does not sort by name shows: creation order
 * and id order, either way round. Ids are the server's, so the siblings are created under
 * provisional names and renamed once the ids are known (see namingRanks). Returns them in
 * lower-cased name order.
 *
 * @example
 * const [alpha, beta, gamma] = await unsortedSiblings(ctx, box.id, ['Alpha', 'beta', 'Gamma']);
 */
export async function unsortedSiblings(ctx: CheckContext, parentId: string, names: readonly string[]): Promise<Ou[]> {
  const units: Ou[] = [];
  for (let i = 0; i < names.length; i++) units.push(await ctx.createOu({ name: `provisional-${i}`, parent_id: parentId }));
  const rank = namingRanks(units.map((u) => u.id));
  const out: Ou[] = [];
  for (const [i, unit] of units.entries()) {
    const name = names[rank[i] as number] as string;
    const ex = await ctx.api.update(unit.id, { name });
    const renamed = ouOf(ex);
    // A rename the server refuses is update.partial's finding (OU-U1), not this check's.
    if (ex.status !== 200 || renamed === undefined) return ctx.skip(`renaming a fixture OU to "${name}" answered ${ex.status}: the sibling order cannot be set up`);
    out[rank[i] as number] = renamed;
  }
  return out;
}
