import type { Dialect, SharedCheckKind } from '../../dialects/types.ts';
import type { CheckContext } from '../check.ts';
import type { Need } from '../model.ts';

/** A check every dialect can run through its driver; the rule it judges comes from the dialect. */
export interface SharedCheckSpec {
  kind: SharedCheckKind;
  /** `shared.<kind>`. */
  id: string;
  title: string;
  needs?: readonly Need[];
  /** Runs after every other check, over all the exchanges the run recorded. */
  post?: boolean;
  /** Why the dialect cannot run it (its capabilities say so), or undefined. */
  unsupported?(dialect: Dialect): string | undefined;
  run(ctx: CheckContext): Promise<void>;
}
