import type { Dialect, DialectId, Driver, DriverOptions, DriverUnit } from '../dialects/types.ts';
import { ouApiDriver } from '../dialects/ou-api/driver.ts';
import { OuApi } from './api.ts';
import type { Send } from './api.ts';
import { CheckFailure, CheckSkipped, NotTheOuApiError } from './check.ts';
import type { Check, CheckContext, Credentials } from './check.ts';
import type { RequestSpec } from './client.ts';
import type { TargetConfig } from './config.ts';
import type { ContractModel } from './contract-model.ts';
import { ouOf } from './data.ts';
import type { Ou } from './data.ts';
import { evidenceOf } from './evidence.ts';
import type { Secret } from './evidence.ts';
import type { Exchange } from './exchange.ts';
import type { Evidence } from './model.ts';
import { createRng, deriveSeed } from './rng.ts';
import type { UserPool } from './users.ts';

/** What a run shares with every check context. */
export interface RunEnvironment {
  send(check: string, spec: RequestSpec): Promise<Exchange>;
  exchanges(): readonly Exchange[];
  tenantId: string;
  seed: number;
  runTag: string;
  rootId: string;
  dialectId: DialectId;
  /** Undefined only for the OU API while it is not a dialect of the registry. */
  dialect: Dialect | undefined;
  driverOptions: DriverOptions;
  /** Rules a failed fixture creation may name besides the check's own (the OU API's OU-C1/OU-E1, a dialect's create rule). */
  fixtureRules: readonly string[];
  model: ContractModel<string>;
  config: Readonly<TargetConfig>;
  creds: Credentials;
  users: UserPool | undefined;
  secrets: readonly Secret[];
  /** Shared fixtures by key (built once per run). */
  fixtures: Map<string, Promise<unknown>>;
  /** Top-level OUs to remove at cleanup. */
  topLevel: Set<string>;
  /** Exchanges that are the evidence of a failed assertion. */
  blamed: WeakSet<Exchange>;
}

/** Where a check's outcome collects while it runs. */
export interface CheckRecord {
  /** Each failure names the one rule it breaks. */
  failures: Array<{ message: string; rule: string; evidence?: Evidence }>;
  notes: string[];
}

/**
 * The rules a failed fixture creation breaks on the OU API, whatever the check: 201 (OU-C1)
 * with the OU in its envelope (OU-E1).
 */
const CREATE_RULE = 'OU-C1';
const ENVELOPE_RULE = 'OU-E1';
export const OU_FIXTURE_RULES: readonly string[] = [CREATE_RULE, ENVELOPE_RULE];

/**
 * The rule a failing assertion names: the given one, which the check must list (or be
 * a create rule of fixtures), else the check's only rule. A check of several rules
 * that names none is a bug of the check, not a finding about the target.
 */
export function ruleOf(check: Pick<Check, 'id' | 'rules'>, named: string | undefined, fixtureRules: readonly string[] = OU_FIXTURE_RULES): string {
  if (named === undefined) {
    // Checked on every assertion, not only failing ones, so a clean run finds an unnamed one.
    if (check.rules.length === 1) return check.rules[0] as string;
    throw new Error(`check ${check.id} lists ${check.rules.join(', ')}: its assertions must name the rule they check`);
  }
  if (!fixtureRules.includes(named) && !check.rules.includes(named)) throw new Error(`check ${check.id} asserts ${named}, which it does not list`);
  return named;
}

/** The neutral view of an OU of the OU API. */
function unitOfOu(ou: Ou): DriverUnit {
  return { id: ou.id, name: ou.name, parentId: ou.parent_id ?? null, description: ou.description ?? null };
}

/** The context of one check: its API, its seed, and expectations that record failures with evidence. */
export function createCheckContext(env: RunEnvironment, check: Check, record: CheckRecord): CheckContext {
  // A failure stated without an exchange gets the check's latest one as evidence.
  let latest: Exchange | undefined;
  const send: Send = async (spec) => {
    latest = await env.send(check.id, spec);
    return latest;
  };
  const isOuApi = env.dialectId === 'ou-api';
  const api = new OuApi(send, env.tenantId, env.creds.main);
  let driver: Driver | undefined;
  const dialect = (): Dialect => {
    if (env.dialect === undefined) throw new Error(`dialect ${env.dialectId} is not in the registry (dialects/index.ts)`);
    return env.dialect;
  };
  const ouOnly = (what: string): void => {
    if (!isOuApi) throw new NotTheOuApiError(env.dialectId, what);
  };
  const fixtureRule = (): string => env.fixtureRules[0] ?? (check.rules[0] as string);
  const rules = (named: string | undefined): string => ruleOf(check, named, env.fixtureRules);
  const seed = deriveSeed(env.seed, check.id);
  let sandboxes = 0;
  const fail = (expected: string, given: Exchange | undefined, rule: string): void => {
    const ex = given ?? (check.post === true ? undefined : latest);
    if (ex !== undefined) env.blamed.add(ex);
    const received = ex === undefined ? '' : ` (${ex.method} ${ex.path} answered ${ex.status === 0 ? `nothing: ${ex.error ?? ''}` : ex.status})`;
    record.failures.push({ message: `${expected}${received}`, rule, ...(ex !== undefined ? { evidence: { ...evidenceOf(ex, expected, env.secrets), rule } } : {}) });
  };
  const statusList = (s: number | readonly number[]): readonly number[] => (typeof s === 'number' ? [s] : s);
  /** The four assertions, naming `fallback` when an assertion names no rule. */
  const assertions = (fallback: string | undefined): Pick<CheckContext, 'expect' | 'require' | 'expectStatus' | 'requireStatus'> => {
    const self: Pick<CheckContext, 'expect' | 'require' | 'expectStatus' | 'requireStatus'> = {
      expect: (ok, expected, ex, rule) => {
        const named = rules(rule ?? fallback);
        if (!ok) fail(expected, ex, named);
        return ok;
      },
      require: (ok, expected, ex, rule) => {
        const named = rules(rule ?? fallback);
        if (!ok) {
          fail(expected, ex, named);
          throw new CheckFailure(expected);
        }
      },
      expectStatus: (ex, statuses, what, rule) =>
        self.expect(statusList(statuses).includes(ex.status), `${what}: expected ${statusList(statuses).join(' or ')}`, ex, rule),
      requireStatus: (ex, statuses, what, rule) =>
        self.require(statusList(statuses).includes(ex.status), `${what}: expected ${statusList(statuses).join(' or ')}`, ex, rule),
    };
    return self;
  };
  const ctx: CheckContext = {
    checkId: check.id,
    rules: check.rules,
    tenantId: env.tenantId,
    seed,
    rng: createRng(seed),
    runSeed: env.seed,
    runTag: env.runTag,
    rootId: env.rootId,
    model: env.model,
    config: env.config,
    get dialect() {
      return dialect();
    },
    get driver() {
      // The OU API's driver also serves while the OU API is not yet a dialect of the registry.
      driver ??= env.dialect === undefined && isOuApi ? ouApiDriver(send, env.tenantId, env.creds.main) : dialect().verify.driver(send, env.tenantId, env.creds.main, env.driverOptions);
      return driver;
    },
    get api() {
      ouOnly('ctx.api');
      return api;
    },
    creds: env.creds,
    users: () => env.users ?? ctx.skip('no users adapter'),
    exchanges: () => env.exchanges(),
    evidence: (ex, expected) => evidenceOf(ex, expected, env.secrets),
    shared: async <T>(key: string, build: () => Promise<T>): Promise<T> => {
      const existing = env.fixtures.get(key) as Promise<T> | undefined;
      if (existing === undefined) {
        const built = build();
        env.fixtures.set(key, built);
        return built;
      }
      try {
        return await existing;
      } catch (error) {
        // The builder's check recorded the failure under the rule it broke; this one could not check its own.
        return ctx.skip(`shared fixture "${key}" could not be built: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    sandbox: () => ctx.createUnit({ name: sandboxName(), parentId: env.rootId }),
    createUnit: async (input) => {
      if (!isOuApi) return createUnit(input);
      const description = input.description !== undefined ? { description: input.description } : {};
      return unitOfOu(await ctx.createOu({ name: input.name, parent_id: input.parentId, ...description }));
    },
    sandboxOu: () => ctx.createOu({ name: sandboxName(), parent_id: env.rootId }),
    createOu: async (body) => {
      ouOnly('ctx.createOu');
      const ex = await api.create(body);
      const ou = ouOf(ex);
      ctx.require(ex.status === 201, `creating OU ${JSON.stringify(body['name'])} answers 201`, ex, CREATE_RULE);
      ctx.require(ou !== undefined, `creating OU ${JSON.stringify(body['name'])}: 201 carries the OU as {"data": …}`, ex, ENVELOPE_RULE);
      ctx.require(!ex.issues.some((i) => i.kind === 'schema'), `creating OU ${JSON.stringify(body['name'])}: the 201 body is valid against the contract`, ex, ENVELOPE_RULE);
      return ou as Ou;
    },
    createTopLevel: async (label) => {
      const name = `${env.runTag}-${label}`;
      const unit = await ctx.createUnit({ name, parentId: isOuApi ? null : ctx.driver.topParent });
      env.topLevel.add(unit.id);
      return unit;
    },
    adoptTopLevel: (ouId) => {
      env.topLevel.add(ouId);
    },
    ...assertions(undefined),
    // Inherits rather than copies: the lazy members (driver, dialect, api) stay lazy.
    rule: (rule) => Object.assign(Object.create(ctx) as CheckContext, assertions(rules(rule))),
    isBlamed: (ex) => env.blamed.has(ex),
    report: (message, evidence) => {
      const rule = rules(evidence?.rule);
      record.failures.push({ message, rule, ...(evidence !== undefined ? { evidence: { ...evidence, rule } } : {}) });
    },
    skip: (reason) => {
      throw new CheckSkipped(reason);
    },
    note: (message) => {
      record.notes.push(message);
    },
  };
  function sandboxName(): string {
    sandboxes++;
    return sandboxes === 1 ? check.id : `${check.id}-${sandboxes}`;
  }
  /** Creates a unit through the driver and requires the dialect's success (else its create rule fails). */
  async function createUnit(input: { name: string; parentId: string | null; description?: string | null }): Promise<DriverUnit> {
    const { ex, value } = await ctx.driver.create(input);
    ctx.require(value !== undefined, `creating unit ${JSON.stringify(input.name)} succeeds`, ex, fixtureRule());
    // A unit that did not land where asked (a defect put it at the top) is removed at cleanup too.
    if (value.parentId !== input.parentId) env.topLevel.add(value.id);
    return value;
  }
  return ctx;
}
