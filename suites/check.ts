import type { Dialect, Driver, DriverUnit } from '../dialects/types.ts';
import type { OuApi } from './api.ts';
import type { TargetConfig } from './config.ts';
import type { ContractModel } from './contract-model.ts';
import type { Ou } from './data.ts';
import type { Exchange } from './exchange.ts';
import type { Evidence, Level, Need } from './model.ts';
import type { Rng } from './rng.ts';
import type { Auth } from './tokens.ts';
import type { UserPool } from './users.ts';

/** A conformance check as data: what it checks (rule ids, level), what it needs, how it runs. */
export interface Check {
  /** Stable id, e.g. `pagination.walk`; Schemathesis names for the generic checks. */
  id: string;
  title: string;
  rules: readonly string[];
  level: Level;
  needs?: readonly Need[];
  /**
   * Rules the check covers only when these needs are met (e.g. tenant isolation needs a
   * second tenant): without them the check runs, but does not count as checking the rule.
   */
  ruleNeeds?: Readonly<Record<string, readonly Need[]>>;
  /** Runs after every other check, over all the exchanges the run recorded. */
  post?: boolean;
  run(ctx: CheckContext): Promise<void>;
}

/** The credentials a run has; the optional ones are there when the configuration gave them. */
export interface Credentials {
  main: Auth;
  /** The main token's value, for building derived tokens (alg: none, bad signatures). */
  mainToken: string;
  other?: { tenantId: string; auth: Auth };
  readonly?: Auth;
  expired?: Auth;
}

/** What a check may use. Failures are recorded with evidence; `require` also stops the check. */
export interface CheckContext {
  readonly checkId: string;
  /** The rules the check carries. */
  readonly rules: readonly string[];
  readonly tenantId: string;
  /** Seed of this check, derived from the run seed and the check id. */
  readonly seed: number;
  readonly rng: Rng;
  /** Seed of the whole run (for data shared between checks). */
  readonly runSeed: number;
  /** Unique tag of the run; the run root OU is named after it. */
  readonly runTag: string;
  /** The run root: a top-level OU every check works under. */
  readonly rootId: string;
  /** The contract of the run's dialect. */
  readonly model: ContractModel<string>;
  /** The run's configuration (phase options such as `differential`). */
  readonly config: Readonly<TargetConfig>;
  /** The dialect the run verifies. */
  readonly dialect: Dialect;
  /** The dialect's neutral operations with the main token on the main tenant (requests recorded as this check's). */
  readonly driver: Driver;
  /** The OU API's operations with the main token on the main tenant; throws `NotTheOuApiError` in a run of another dialect. */
  readonly api: OuApi;
  readonly creds: Credentials;
  /** Users provisioning; ends the check as skipped when no adapter was given (checks that need users say so). */
  users(): UserPool;
  /** Every exchange recorded in the run so far. */
  exchanges(): readonly Exchange[];
  evidence(ex: Exchange, expected: string): Evidence;
  /**
   * A read-only fixture shared by the checks of the run: built once by the first check
   * that asks for `key`, under the run root; later callers get the same value.
   */
  shared<T>(key: string, build: () => Promise<T>): Promise<T>;
  /** A fresh unit under the run root, for this check alone (created through the dialect's driver). */
  sandbox(): Promise<DriverUnit>;
  /** Creates a unit through the dialect and requires success (else the dialect's create rule fails: on the OU API OU-C1/OU-E1). */
  createUnit(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverUnit>;
  /** OU API only: `sandbox()` as the OU API answered it (path, counts, …). */
  sandboxOu(): Promise<Ou>;
  /** OU API only: creates an OU and requires 201 (else OU-C1 fails) with the OU in `data` (else OU-E1). */
  createOu(body: Record<string, unknown>): Promise<Ou>;
  /** Creates a top-level unit (named with the run tag) that cleanup removes. */
  createTopLevel(label: string): Promise<DriverUnit>;
  /** Registers an OU that the run moved to the top level, so cleanup removes it. */
  adoptTopLevel(ouId: string): void;
  /**
   * Records a failure unless `ok`; returns `ok`. `rule` is the one rule the assertion
   * checks; it defaults to the check's rule when it has exactly one (a check with several
   * must name it). Only that rule fails.
   */
  expect(ok: boolean, expected: string, ex?: Exchange, rule?: string): boolean;
  /** Records a failure and stops the check unless `ok`; `rule` as for `expect`. */
  require(ok: boolean, expected: string, ex?: Exchange, rule?: string): asserts ok;
  /** Records a failure with evidence the check built itself (e.g. a replay script as its `curl`); `evidence.rule` names the rule. */
  report(message: string, evidence?: Evidence): void;
  /** `expect` that the status is one of `statuses`. */
  expectStatus(ex: Exchange, statuses: number | readonly number[], what: string, rule?: string): boolean;
  /** `require` that the status is one of `statuses`. */
  requireStatus(ex: Exchange, statuses: number | readonly number[], what: string, rule?: string): void;
  /**
   * The same context whose assertions name `rule` unless told otherwise: for checks of
   * several rules, and helpers that assert on their behalf.
   *
   * @example
   * expectDetail(ctx.rule('OU-E4'), ex, 'unknown OU');
   */
  rule(rule: string): CheckContext;
  /** Whether an exchange is already the evidence of a failed assertion (post-passes skip it: one cause, one failure). */
  isBlamed(ex: Exchange): boolean;
  /** Ends the check as skipped, with the reason. */
  skip(reason: string): never;
  /** A line for the result message when the check passes (what was covered). */
  note(message: string): void;
}

/** Thrown by `require`: the failure is already recorded. */
export class CheckFailure extends Error {}

/** Thrown by `skip`. */
export class CheckSkipped extends Error {}

/** Thrown by the OU API's conveniences (`ctx.api`, `ctx.createOu`) in a run of another dialect: a check bug, never a finding. */
export class NotTheOuApiError extends Error {
  constructor(dialect: string, what: string) {
    super(`${what} is the OU API's; this run verifies ${dialect}: use ctx.driver`);
    this.name = 'NotTheOuApiError';
  }
}
