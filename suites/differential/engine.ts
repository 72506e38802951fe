/**
 * The differential engine: fast-check generates sequences of steps (steps.ts), runs each
 * against the target and the in-process model side by side (asyncModelRun), and on a MUST
 * divergence shrinks the sequence to the shortest one that still diverges.
 */
import fc from 'fast-check';
import { CheckSkipped } from '../check.ts';
import type { CheckContext } from '../check.ts';
import { ouOf } from '../data.ts';
import { ruleCatalogue } from '../rules.ts';
import { algNoneAuth, isJwt, literalAuth, NO_AUTH, tamperedPayloadAuth, wrongKeyAuth } from '../tokens.ts';
import type { Auth } from '../tokens.ts';
import type { UserPool } from '../users.ts';
import { runAuth } from './auth.ts';
import { runRead } from './reads.ts';
import { SCAFFOLD, SPECS } from './steps.ts';
import type { Spec } from './steps.ts';
import { Budget, BudgetStop, DivergenceError, World } from './world.ts';
import type { Divergence, PhaseEnv, TraceStep } from './world.ts';
import { runWrite } from './writes.ts';

export const DEFAULT_SEQUENCES = 100;
/** Steps per sequence at most: long enough for deep chains and moves among them, short enough to shrink fast. */
const MAX_STEPS = 20;

export interface DifferentialOptions {
  budget: number;
  sequences: number;
}

/** A divergence with the sequence that led to it. */
export interface Finding {
  divergence: Divergence;
  tag: string;
  containerId: string;
  trace: TraceStep[];
}

export interface DifferentialOutcome {
  /** The shrunk MUST divergence, if any. */
  failure?: Finding;
  /** The first divergence of each SHOULD rule (not shrunk: they do not stop a sequence). */
  should: Finding[];
  sequences: number;
  steps: number;
  requests: number;
  notes: string[];
  other?: { tenantId: string; ouId: string };
}

class StepCommand implements fc.AsyncCommand<object, World> {
  constructor(readonly spec: Spec) {}

  check(): boolean {
    return true;
  }

  async run(_model: object, w: World): Promise<void> {
    w.step(this.toString());
    if (this.spec.kind === 'auth') return runAuth(w, this.spec);
    if (!(await runWrite(w, this.spec))) await runRead(w, this.spec);
  }

  toString(): string {
    return JSON.stringify(this.spec);
  }
}

/** Credentials that must be refused with 401: the ones derivable from the token, and the expired one. */
function refusedAuths(ctx: CheckContext): Auth[] {
  const token = ctx.creds.mainToken;
  return [
    NO_AUTH,
    literalAuth('Bearer not-a-token', 'a malformed token'),
    ...(isJwt(token) ? [algNoneAuth(token, 'OU_TOKEN'), wrongKeyAuth(token, 'OU_TOKEN'), tamperedPayloadAuth(token, 'OU_TOKEN')] : []),
    ...(ctx.creds.expired !== undefined ? [ctx.creds.expired] : []),
  ];
}

function usersOf(ctx: CheckContext): UserPool | undefined {
  try {
    return ctx.users();
  } catch (error) {
    if (error instanceof CheckSkipped) return undefined;
    throw error;
  }
}

/** A fresh container under the phase's box, and the model holding the same chain with the same ids. */
async function newWorld(env: PhaseEnv, index: number): Promise<World> {
  const w = new World(env, `${env.tagPrefix}${index.toString(36).padStart(3, '0')}`);
  w.step(`setup: container seq-${index}`);
  let parentId: string | null = null;
  for (const { id, name } of env.chain) {
    w.useId(id);
    w.model.createOu({ name, parent_id: parentId });
    parentId = id;
  }
  const ex = await w.send((api) => api.create({ name: `seq-${index}`, parent_id: parentId }));
  const ou = ouOf(ex);
  if (ex.status !== 201 || ou === undefined) throw new BudgetStop(`creating the sequence container answered ${ex.status}`);
  w.useId(ou.id);
  w.model.createOu({ name: `seq-${index}`, parent_id: parentId });
  w.containerId = ou.id;
  w.trace.length = 0;
  return w;
}

/**
 * Runs the phase: sequences until `options.sequences` ran or the budget is spent. Never
 * throws for a divergence (it is returned); an engine fault propagates.
 */
export async function runDifferential(ctx: CheckContext, options: DifferentialOptions): Promise<DifferentialOutcome> {
  const notes: string[] = [];
  const box = await ctx.sandbox();
  const other = ctx.creds.other;
  let otherOu: { id: string; name: string } | undefined;
  if (other !== undefined) {
    const name = `${ctx.runTag}-differential`;
    const ex = await ctx.api.forTenant(other.tenantId, other.auth).create({ name, parent_id: null });
    const ou = ouOf(ex);
    if (ex.status === 201 && ou !== undefined) otherOu = { id: ou.id, name: ou.name };
    else notes.push(`an OU of the other tenant could not be created (${ex.status}): its ids are not used`);
  } else {
    notes.push("no other tenant: another tenant's ids and tokens are not used (unknown ids stand in)");
  }
  const users = usersOf(ctx);
  if (users === undefined) notes.push('no users adapter: user steps skipped, users lists compared without users');
  const env: PhaseEnv = {
    ctx,
    api: ctx.api,
    ...(other !== undefined && otherOu !== undefined ? { other: { tenantId: other.tenantId, api: ctx.api.forTenant(other.tenantId, other.auth), ouId: otherOu.id, ouName: otherOu.name } } : {}),
    users,
    auths: {
      refused: refusedAuths(ctx),
      ...(ctx.creds.readonly !== undefined ? { readonly: ctx.creds.readonly } : {}),
      ...(other !== undefined ? { otherToken: other.auth } : {}),
    },
    chain: [
      { id: ctx.rootId, name: ctx.runTag },
      { id: box.id, name: box.name },
    ],
    levels: new Map(ruleCatalogue().map((r) => [r.id, r.level])),
    budget: new Budget(options.budget),
    tagPrefix: `Dq${ctx.rng.word(4)}`,
  };
  const should = new Map<string, Finding>();
  let sequences = 0;
  let steps = 0;
  let current: World | undefined;
  const commands = fc.commands([SPECS.map((s) => new StepCommand(s))], { maxCommands: MAX_STEPS, size: 'medium' });
  const property = fc.asyncProperty(SCAFFOLD, commands, async (scaffold, cmds) => {
    if (env.budget.available <= 0) return;
    try {
      await fc.asyncModelRun(
        async () => {
          current = await newWorld(env, ++sequences);
          return { model: {}, real: current };
        },
        scaffold === undefined ? cmds : [new StepCommand(scaffold), ...cmds],
      );
    } catch (error) {
      if (!(error instanceof BudgetStop)) throw error;
    } finally {
      if (current !== undefined) {
        steps += current.trace.length;
        for (const d of current.should) if (!should.has(d.rule)) should.set(d.rule, { divergence: d, tag: current.tag, containerId: current.containerId, trace: d.trace ?? [] });
      }
    }
  });
  let details: Awaited<ReturnType<typeof fc.check<[Spec | undefined, Iterable<fc.AsyncCommand<object, World, boolean>>]>>>;
  try {
    details = await fc.check(property, { seed: ctx.seed | 0, numRuns: options.sequences });
  } finally {
    if (otherOu !== undefined && other !== undefined) await ctx.api.forTenant(other.tenantId, other.auth).delete(otherOu.id, 'CASCADE');
  }
  if (env.budget.exhausted) notes.push(`the request budget (${options.budget} for this phase, or the run's) ended the search after ${sequences} sequences`);
  if (env.usersProblem !== undefined) notes.push(`the users adapter failed, user steps stopped: ${env.usersProblem}`);
  const outcome: DifferentialOutcome = {
    should: [...should.values()],
    sequences,
    steps,
    requests: env.budget.used,
    notes,
    ...(env.other !== undefined ? { other: { tenantId: env.other.tenantId, ouId: env.other.ouId } } : {}),
  };
  if (!details.failed) return outcome;
  const error = details.errorInstance;
  if (!(error instanceof DivergenceError)) throw error instanceof Error ? error : new Error(String(error));
  const w = error.world;
  return { ...outcome, failure: { divergence: error.divergence, tag: w.tag, containerId: w.containerId, trace: w.trace } };
}
