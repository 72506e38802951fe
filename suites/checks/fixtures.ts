import type { CheckContext } from '../check.ts';
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
    const names = Array.from({ length: PAGING_CHILDREN }, (_, i) => `${rng.pick(WORDS)}-${String(rng.int(0, 99)).padStart(2, '0')}-${i}`);
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
