/**
 * The checks every dialect gets through its Driver, whatever its wire format: each judges
 * the one rule the dialect maps to it (`DialectVerify.sharedRules`), and is skipped, saying
 * why, when the dialect maps none or cannot do what the check needs.
 */
import type { Dialect } from '../../dialects/types.ts';
import type { Check } from '../check.ts';
import type { RuleInfo } from '../rules.ts';
import { authCheck } from './auth.ts';
import { conformanceCheck } from './conformance.ts';
import { hierarchyCheck } from './hierarchy.ts';
import { isolationCheck } from './isolation.ts';
import { negativeDataCheck } from './negative-data.ts';
import type { SharedCheckSpec } from './spec.ts';
import { useAfterFreeCheck } from './use-after-free.ts';

export type { SharedCheckSpec } from './spec.ts';

export const SHARED_CHECKS: readonly SharedCheckSpec[] = [hierarchyCheck, isolationCheck, useAfterFreeCheck, authCheck, negativeDataCheck, conformanceCheck];

/**
 * The shared checks for `dialect`, each carrying the dialect's rule for it at that rule's
 * level in `catalogue`.
 *
 * @example
 * const checks = [...dialect.verify.checks, ...sharedChecks(dialect, ruleCatalogue(dialect.behaviourFile))];
 */
export function sharedChecks(dialect: Dialect, catalogue: readonly RuleInfo[], specs: readonly SharedCheckSpec[] = SHARED_CHECKS): Check[] {
  return specs.map((spec) => {
    const rule = dialect.verify.sharedRules?.[spec.kind];
    const why = rule === undefined ? `${dialect.id} names no rule for the shared ${spec.kind} check (sharedRules)` : spec.unsupported?.(dialect);
    return {
      id: spec.id,
      title: spec.title,
      rules: rule === undefined ? [] : [rule],
      level: catalogue.find((r) => r.id === rule)?.level ?? 'core',
      ...(spec.needs !== undefined ? { needs: spec.needs } : {}),
      ...(spec.post === true ? { post: true } : {}),
      run: (ctx) => (why !== undefined ? ctx.skip(why) : spec.run(ctx)),
    };
  });
}
