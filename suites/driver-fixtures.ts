/**
 * The units a run makes on a dialect other than the OU API, through its driver: the run root
 * at the top, and the cleanup that removes every unit the run put at the top with all below
 * it (one subtree delete where the dialect has one, else children first).
 */
import type { Driver, DriverResult, DriverUnit } from '../dialects/types.ts';
import type { Exchange } from './exchange.ts';

/** What a failed removal says: the request and its answer. */
function answered(ex: Exchange): string {
  return `${ex.method} ${ex.path} answered ${ex.status === 0 ? `nothing (${ex.error ?? 'no response'})` : ex.status}`;
}

/** Whether a delete removed the unit, or it was already gone. */
function removed(driver: Driver, result: DriverResult<true>): boolean {
  return result.value === true || driver.isError(result.ex, 'not_found');
}

/** Deletes `id` and everything below it, deepest first; answers the problems met. */
async function removeChildrenFirst(driver: Driver, id: string): Promise<string[]> {
  const children = await driver.children(id);
  const problems: string[] = [];
  if (children.value === undefined) {
    if (driver.isError(children.ex, 'not_found')) return [];
    problems.push(`listing the children of ${id}: ${answered(children.ex)}`);
  }
  for (const child of children.value ?? []) problems.push(...(await removeChildrenFirst(driver, child.id)));
  const result = await driver.delete(id);
  if (!removed(driver, result)) problems.push(`deleting ${id}: ${answered(result.ex)}`);
  return problems;
}

/**
 * Removes the units `ids` with everything below them; answers the problems met (empty when
 * all went). A unit already gone is no problem.
 */
export async function removeUnits(driver: Driver, ids: readonly string[], subtreeDelete: boolean): Promise<string[]> {
  const problems: string[] = [];
  for (const id of ids) {
    try {
      if (!subtreeDelete) {
        problems.push(...(await removeChildrenFirst(driver, id)));
        continue;
      }
      const result = await driver.delete(id, { subtree: true });
      if (!removed(driver, result)) problems.push(`deleting ${id} with everything below it: ${answered(result.ex)}`);
    } catch (error) {
      problems.push(`deleting ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/** The run root, or why it could not be made (the exchange, when there was one). */
export type RootOutcome = { unit: DriverUnit } | { message: string; ex?: Exchange };

/** Creates the run root at the dialect's top level. */
export async function createRunRoot(driver: Driver, runTag: string, seed: number): Promise<RootOutcome> {
  try {
    const { ex, value } = await driver.create({ name: runTag, parentId: driver.topParent, description: `ou-contract conformance run (seed ${seed}); safe to delete` });
    return value !== undefined ? { unit: value } : { message: `setup failed: creating the run root "${runTag}": ${answered(ex)}`, ex };
  } catch (error) {
    return { message: `setup failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
