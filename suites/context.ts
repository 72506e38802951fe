import { OuApi } from './api.ts';
import type { Send } from './api.ts';
import { CheckFailure, CheckSkipped } from './check.ts';
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
  model: ContractModel;
  config: Readonly<TargetConfig>;
  creds: Credentials;
  users: UserPool | undefined;
  secrets: readonly Secret[];
  /** Shared fixtures by key (built once per run). */
  fixtures: Map<string, Promise<unknown>>;
  /** Top-level OUs to remove at cleanup. */
  topLevel: Set<string>;
}

/** Where a check's outcome collects while it runs. */
export interface CheckRecord {
  failures: Array<{ message: string; evidence?: Evidence }>;
  notes: string[];
}

/** The context of one check: its API, its seed, and expectations that record failures with evidence. */
export function createCheckContext(env: RunEnvironment, check: Check, record: CheckRecord): CheckContext {
  // A failure stated without an exchange gets the check's latest one as evidence.
  let latest: Exchange | undefined;
  const send: Send = async (spec) => {
    latest = await env.send(check.id, spec);
    return latest;
  };
  const api = new OuApi(send, env.tenantId, env.creds.main);
  const seed = deriveSeed(env.seed, check.id);
  let sandboxes = 0;
  const fail = (expected: string, given?: Exchange): void => {
    const ex = given ?? (check.post === true ? undefined : latest);
    const received = ex === undefined ? '' : ` (${ex.method} ${ex.path} answered ${ex.status === 0 ? `nothing: ${ex.error ?? ''}` : ex.status})`;
    record.failures.push({ message: `${expected}${received}`, ...(ex !== undefined ? { evidence: evidenceOf(ex, expected, env.secrets) } : {}) });
  };
  const statusList = (s: number | readonly number[]): readonly number[] => (typeof s === 'number' ? [s] : s);
  const ctx: CheckContext = {
    checkId: check.id,
    tenantId: env.tenantId,
    seed,
    rng: createRng(seed),
    runSeed: env.seed,
    runTag: env.runTag,
    rootId: env.rootId,
    model: env.model,
    config: env.config,
    api,
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
        // The builder's check recorded the details; this one still must not pass.
        ctx.expect(false, `shared fixture "${key}" could not be built: ${error instanceof Error ? error.message : String(error)}`);
        throw new CheckFailure(key);
      }
    },
    sandbox: async () => {
      sandboxes++;
      return ctx.createOu({ name: sandboxes === 1 ? check.id : `${check.id}-${sandboxes}`, parent_id: env.rootId });
    },
    createOu: async (body) => {
      const ex = await api.create(body);
      const ou = ouOf(ex);
      ctx.require(ex.status === 201 && ou !== undefined, `creating OU ${JSON.stringify(body['name'])} answers 201 with the OU`, ex);
      return ou as Ou;
    },
    createTopLevel: async (label) => {
      const ou = await ctx.createOu({ name: `${env.runTag}-${label}`, parent_id: null });
      env.topLevel.add(ou.id);
      return ou;
    },
    adoptTopLevel: (ouId) => {
      env.topLevel.add(ouId);
    },
    expect: (ok, expected, ex) => {
      if (!ok) fail(expected, ex);
      return ok;
    },
    report: (message, evidence) => {
      record.failures.push({ message, ...(evidence !== undefined ? { evidence } : {}) });
    },
    require: (ok, expected, ex) => {
      if (!ok) {
        fail(expected, ex);
        throw new CheckFailure(expected);
      }
    },
    expectStatus: (ex, statuses, what) => ctx.expect(statusList(statuses).includes(ex.status), `${what}: expected ${statusList(statuses).join(' or ')}`, ex),
    requireStatus: (ex, statuses, what) => ctx.require(statusList(statuses).includes(ex.status), `${what}: expected ${statusList(statuses).join(' or ')}`, ex),
    skip: (reason) => {
      throw new CheckSkipped(reason);
    },
    note: (message) => {
      record.notes.push(message);
    },
  };
  return ctx;
}
