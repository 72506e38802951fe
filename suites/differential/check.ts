/**
 * `model.differential`: the phase as one check. Each divergence becomes one evidence naming
 * the rule it breaks, with a replay script of its sequence as the evidence's command.
 */
import type { Check, CheckContext } from '../check.ts';
import { DEFAULT_DIFFERENTIAL_BUDGET } from '../config.ts';
import { DEFAULT_SEQUENCES, runDifferential } from './engine.ts';
import type { DifferentialOutcome, Finding } from './engine.ts';
import { replayScript } from './replay.ts';

/** Every rule a divergence can be attributed to (E2 and E6 are not exercised: no request ids, no unreadable bodies). */
export const DIFFERENTIAL_RULES = [
  'OU-T1', 'OU-H1', 'OU-H2', 'OU-H3', 'OU-H4', 'OU-H5', 'OU-H6', 'OU-E1', 'OU-E3', 'OU-E4', 'OU-E5',
  'OU-A1', 'OU-A2', 'OU-A3', 'OU-L1', 'OU-L2', 'OU-L3', 'OU-L4', 'OU-L5', 'OU-L6', 'OU-L7',
  'OU-C1', 'OU-C2', 'OU-C3', 'OU-R1', 'OU-R2', 'OU-G1', 'OU-G2', 'OU-U1', 'OU-U2', 'OU-U3',
  'OU-D1', 'OU-D2', 'OU-D3', 'OU-D4', 'OU-D5', 'OU-D6', 'OU-S1', 'OU-S2', 'OU-S3', 'OU-S4',
] as const;

function report(ctx: CheckContext, outcome: DifferentialOutcome, finding: Finding, shrunk: boolean): void {
  const { divergence, trace } = finding;
  const steps = trace.map((s, i) => `${i + 1}. ${s.label}`).join(' ');
  const message = `${divergence.rule}: ${divergence.message} — ${shrunk ? 'shortest sequence' : 'sequence'} (${trace.length} steps): ${steps}`;
  if (divergence.ex === undefined) return ctx.report(message);
  const script = replayScript({
    tenantId: ctx.tenantId,
    ...(ctx.creds.other !== undefined ? { otherTenantId: ctx.creds.other.tenantId } : {}),
    ...(outcome.other !== undefined ? { otherOuId: outcome.other.ouId } : {}),
    tag: finding.tag,
    containerId: finding.containerId,
    trace,
    divergence,
  });
  ctx.report(message, { ...ctx.evidence(divergence.ex, divergence.message), rule: divergence.rule, curl: script });
}

export const differentialCheck: Check = {
  id: 'model.differential',
  title: 'seeded random operation sequences answer as the executable model (mock/core) does',
  rules: DIFFERENTIAL_RULES,
  // Without these, the phase runs its other steps but has no evidence for the rule.
  ruleNeeds: {
    'OU-T1': ['otherTenant'],
    'OU-A2': ['otherTenant'],
    'OU-A3': ['readonlyToken'],
    'OU-S1': ['users'],
    'OU-S2': ['users'],
    'OU-S4': ['users'],
  },
  level: 'core',
  async run(ctx) {
    const options = ctx.config.differential ?? {};
    const outcome = await runDifferential(ctx, { budget: options.budget ?? DEFAULT_DIFFERENTIAL_BUDGET, sequences: options.sequences ?? DEFAULT_SEQUENCES });
    for (const note of outcome.notes) ctx.note(note);
    ctx.note(`${outcome.sequences} sequences, ${outcome.steps} steps, ${outcome.requests} requests`);
    if (outcome.failure !== undefined) report(ctx, outcome, outcome.failure, true);
    for (const finding of outcome.should) report(ctx, outcome, finding, false);
  },
};
