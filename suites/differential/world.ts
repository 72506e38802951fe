/**
 * The state of one differential sequence: the target (through the check's client) and the
 * in-process model (mock/core) side by side, the divergences found, and the trace the
 * replay script is built from.
 */
import { OuOperations } from '../../dialects/ou-api/operations.ts';
import { Directory } from '../../mock/core/index.ts';
import { NO_DEFECTS } from '../../mock/defects.ts';
import { OuError } from '../../mock/http/typed-errors.ts';
import type { OuApi } from '../api.ts';
import type { CheckContext } from '../check.ts';
import { BudgetExceededError } from '../client.ts';
import type { Exchange } from '../exchange.ts';
import type { Level } from '../model.ts';
import type { Auth } from '../tokens.ts';
import type { UserPool } from '../users.ts';

/** What every sequence of the phase shares. */
export interface PhaseEnv {
  ctx: CheckContext;
  api: OuApi;
  /** The other tenant, when configured: its API with its own token, and an OU of the phase there. */
  other?: { tenantId: string; api: OuApi; ouId: string; ouName: string };
  users: UserPool | undefined;
  /** Why user steps stopped (the adapter failed), when they did. */
  usersProblem?: string;
  /** Derived credentials that must be refused (401), and the optional read-only / other-tenant ones. */
  auths: { refused: Auth[]; readonly?: Auth; otherToken?: Auth };
  /** The run root and the phase's box under it: every sequence works in a fresh container in the box. */
  chain: ReadonlyArray<{ id: string; name: string }>;
  /** Level of each rule of the catalogue. */
  levels: ReadonlyMap<string, Level>;
  budget: Budget;
  /** Prefix of the sequence tags (random per phase). */
  tagPrefix: string;
}

/** Requests the phase may still send; exploration keeps a reserve for shrinking. */
export class Budget {
  used = 0;
  /** Set once a MUST divergence was seen: from then on shrinking may use the reserve. */
  shrinking = false;
  /** Set when the run's global budget (or this one) stopped a sequence. */
  exhausted = false;

  constructor(readonly limit: number) {}

  /** Exploration stops at 70% of the budget: the rest is kept for shrinking a divergence. */
  get available(): number {
    const cap = this.shrinking ? this.limit : Math.floor(this.limit * 0.7);
    return cap - this.used;
  }
}

/** Thrown when the budget is spent: the sequence ends without a verdict of its own. */
export class BudgetStop extends Error {}

export interface Divergence {
  rule: string;
  level: Level;
  message: string;
  ex: Exchange | undefined;
  /** The sequence up to this divergence (kept for SHOULD ones, which do not end the sequence). */
  trace?: TraceStep[];
}

/** Thrown on a MUST divergence: fast-check then shrinks the sequence. */
export class DivergenceError extends Error {
  constructor(
    readonly divergence: Divergence,
    readonly world: World,
  ) {
    super(`${divergence.rule}: ${divergence.message}`);
  }
}

/** One executed step: what it did and the exchanges it sent. */
export interface TraceStep {
  label: string;
  exchanges: Exchange[];
  /** Users the step added through the adapter (the replay creates them with the mock's admin route). */
  users: Array<{ id: string; ouId: string }>;
}

export class World {
  private readonly dir: Directory;
  readonly model: OuOperations;
  /** OUs of the sequence alive in the model, in creation order (ids are the target's). */
  readonly live: string[] = [];
  /** Ids deleted during the sequence (use-after-delete requests). */
  readonly deleted: string[] = [];
  /** created_at as the target first answered it, per OU (OU-U3). */
  readonly createdAt = new Map<string, string>();
  /** OUs updated by a successful PATCH: their updated_at must be set (OU-U3). */
  readonly patched = new Set<string>();
  /** Last (model path, target path) seen per OU: paths in another format must still follow every change (OU-H3). */
  readonly paths = new Map<string, { model: string; target: string }>();
  /** Users the sequence added: target id -> email the adapter reported (if any). */
  readonly userEmails = new Map<string, string | undefined>();
  readonly trace: TraceStep[] = [];
  readonly should: Divergence[] = [];
  containerId = '';
  private nextModelId: string | undefined;
  private synthetic = 0;

  constructor(
    readonly env: PhaseEnv,
    /** The sequence's tag: every name carries it (names.ts). */
    readonly tag: string,
  ) {
    this.dir = new Directory({ newId: () => this.takeId() });
    this.model = new OuOperations(this.dir.createTenant(env.ctx.tenantId), { directory: this.dir, defects: NO_DEFECTS });
  }

  /** The status the model would answer `op` with, computed on a copy (the model itself is not touched). */
  predict(op: (model: OuOperations) => unknown): number {
    const directory = Directory.fromSnapshot(this.dir.toSnapshot());
    const copy = new OuOperations(directory.tenant(this.model.tenant.id), { directory, defects: NO_DEFECTS });
    try {
      op(copy);
      return 200;
    } catch (error) {
      if (error instanceof OuError) return error.status;
      throw error;
    }
  }

  /** The model creates its next OU or user with this id: the target's, so no id mapping is needed. */
  useId(id: string | undefined): void {
    this.nextModelId = id;
  }

  private takeId(): string {
    const id = this.nextModelId ?? `model-only-${++this.synthetic}`;
    this.nextModelId = undefined;
    return id;
  }

  /** Starts a trace step; the exchanges `send` records go to it. */
  step(label: string): void {
    this.trace.push({ label, exchanges: [], users: [] });
  }

  /** Sends one request within the budget and records it in the trace. */
  async send(call: (api: OuApi) => Promise<Exchange>, api: OuApi = this.env.api): Promise<Exchange> {
    const budget = this.env.budget;
    if (budget.available <= 0) {
      budget.exhausted = true;
      throw new BudgetStop('phase budget spent');
    }
    budget.used++;
    let ex: Exchange;
    try {
      ex = await call(api);
    } catch (error) {
      if (error instanceof BudgetExceededError) {
        budget.exhausted = true;
        throw new BudgetStop(error.message);
      }
      throw error;
    }
    this.trace.at(-1)?.exchanges.push(ex);
    return ex;
  }

  /** Records a divergence; a MUST one ends the sequence (and fast-check shrinks it). */
  diverge(rule: string, message: string, ex: Exchange | undefined): void {
    const level = this.env.levels.get(rule) ?? 'core';
    const divergence: Divergence = { rule, level, message, ex };
    if (level === 'core') {
      this.env.budget.shrinking = true;
      throw new DivergenceError(divergence, this);
    }
    this.should.push({ ...divergence, trace: this.trace.map((t) => ({ label: t.label, exchanges: [...t.exchanges], users: [...t.users] })) });
  }

  /** The live OU a reference picks, counting back from the newest (the container when there is none yet). */
  pick(ref: number): string {
    return this.live.length === 0 ? this.containerId : (this.live[this.live.length - 1 - (ref % this.live.length)] as string);
  }

  userAdded(id: string, ouId: string, email: string | undefined): void {
    this.userEmails.set(id, email);
    this.trace.at(-1)?.users.push({ id, ouId });
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) {
      const at = this.live.indexOf(id);
      if (at >= 0) this.live.splice(at, 1);
      this.deleted.push(id);
    }
  }
}
