import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { loadDocument } from '../contracts/model/index.ts';
import { runDialect } from '../dialects/catalogue.ts';
import type { Dialect, DialectId, Driver } from '../dialects/types.ts';
import { OuApi } from './api.ts';
import { CheckFailure, CheckSkipped } from './check.ts';
import type { Check, Credentials } from './check.ts';
import { BudgetExceededError, Client } from './client.ts';
import type { RequestSpec } from './client.ts';
import { assertUsableConfig, DEFAULT_CONCURRENCY, DEFAULT_DIFFERENTIAL_BUDGET, DEFAULT_MAX_REQUESTS } from './config.ts';
import type { TargetConfig, UserAdapter } from './config.ts';
import { createCheckContext, OU_FIXTURE_RULES } from './context.ts';
import type { CheckRecord, RunEnvironment } from './context.ts';
import { contractModel, contractModelOf, isRecord } from './contract-model.ts';
import type { ContractModel } from './contract-model.ts';
import { ouOf } from './data.ts';
import type { Ou } from './data.ts';
import { buildCurl } from './curl.ts';
import { createRunRoot, removeUnits } from './driver-fixtures.ts';
import { evidenceOf } from './evidence.ts';
import type { Secret } from './evidence.ts';
import type { Exchange } from './exchange.ts';
import type { CheckResult, Evidence } from './model.ts';
import { BEHAVIOUR_DOC_PATH, ruleCatalogue } from './rules.ts';
import type { RuleInfo } from './rules.ts';
import { coveredRules, missingNeed } from './selection.ts';
import { probeTokens, TokenProbeError } from './token-probe.ts';
import { bearer } from './tokens.ts';
import { adminHttpUsers, loadUserModule, UserPool } from './users.ts';

const MAX_EVIDENCE = 5;

/** What a run left on the target (`keepFixtures`), and how to remove it. */
export interface KeptFixtures {
  tenantId: string;
  /** The run root and the OUs the run put at the top level: deleting them with CASCADE removes every OU of the run. */
  ous: string[];
  /** Users the run created; deleting OUs does not remove them. */
  users: string[];
  /** Commands that remove it all (the token as $OU_TOKEN), or what to do when no command can. */
  removal: string[];
  /** One line naming what remains. */
  describe: string;
}

/** The first few exchanges of each failed rule, so every failed rule keeps its evidence. */
function evidencePerRule(failures: CheckRecord['failures']): Evidence[] {
  const kept = new Map<string, number>();
  return failures.flatMap((f) => {
    const n = kept.get(f.rule) ?? 0;
    if (f.evidence === undefined || n >= MAX_EVIDENCE) return [];
    kept.set(f.rule, n + 1);
    return [f.evidence];
  });
}

/**
 * One run against one target: the client, the run root OU every check works under,
 * the users the run created, and the cleanup that removes them all.
 */
export class Session {
  readonly dialectId: DialectId;
  /** Undefined only for the OU API while it is not a dialect of the registry. */
  readonly dialect: Dialect | undefined;
  /** The rules of the run: the dialect's behaviour page, then HARDENING. */
  readonly catalogue: RuleInfo[];
  readonly model: ContractModel<string>;
  readonly client: Client;
  readonly seed: number;
  readonly runTag: string;
  readonly target: string;
  readonly creds: Credentials;
  /** The run root (on the OU API: the OU as created). */
  private rootOu: Pick<Ou, 'id'> | undefined;
  private setupFailure: { message: string; evidence: Evidence[]; rule: string } | undefined;
  private users: UserPool | undefined;
  private usersFailure: string | undefined;
  private readonly topLevel = new Set<string>();
  private readonly fixtures = new Map<string, Promise<unknown>>();
  private readonly blamed = new WeakSet<Exchange>();
  private readonly secrets: Secret[];
  private cleaningUp = false;
  private cleanupOnce: Promise<string[]> | undefined;
  private stopped: string | undefined;

  private constructor(
    readonly config: TargetConfig,
    private readonly server: Server | undefined,
    private readonly baseUrl: string,
  ) {
    this.dialect = runDialect(config.dialect ?? 'ou-api');
    this.dialectId = this.dialect?.id ?? 'ou-api';
    this.catalogue = ruleCatalogue(this.dialect?.behaviourFile ?? BEHAVIOUR_DOC_PATH);
    this.model = this.dialect === undefined || this.dialectId === 'ou-api' ? contractModel() : contractModelOf(loadDocument(this.dialect.contractFile));
    this.seed = config.seed ?? randomBytes(4).readUInt32BE(0);
    // The random part keeps two runs with the same seed apart on a shared system.
    this.runTag = `ouc-${this.seed}-${randomBytes(3).toString('hex')}`;
    this.target = config.baseUrl ?? 'in-process app';
    this.client = new Client({
      target: server ?? baseUrl,
      baseUrl,
      model: this.model,
      // The differential phase has a budget of its own on top of the checks' (it must not starve them).
      maxRequests: config.maxRequests ?? DEFAULT_MAX_REQUESTS + (config.differential?.budget ?? DEFAULT_DIFFERENTIAL_BUDGET),
      concurrency: config.concurrency ?? DEFAULT_CONCURRENCY,
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    });
    this.creds = {
      main: bearer(config.token, 'OU_TOKEN', 'the token'),
      mainToken: config.token,
      ...(config.otherTenantId !== undefined && config.otherToken !== undefined
        ? { other: { tenantId: config.otherTenantId, auth: bearer(config.otherToken, 'OU_OTHER_TOKEN', "the other tenant's token") } }
        : {}),
      ...(config.readonlyToken !== undefined ? { readonly: bearer(config.readonlyToken, 'OU_READONLY_TOKEN', 'the read-only token') } : {}),
      ...(config.expiredToken !== undefined ? { expired: bearer(config.expiredToken, 'OU_EXPIRED_TOKEN', 'the expired token') } : {}),
    };
    this.secrets = [
      { value: config.token, envVar: 'OU_TOKEN' },
      ...(config.otherToken !== undefined ? [{ value: config.otherToken, envVar: 'OU_OTHER_TOKEN' }] : []),
      ...(config.readonlyToken !== undefined ? [{ value: config.readonlyToken, envVar: 'OU_READONLY_TOKEN' }] : []),
      ...(config.expiredToken !== undefined ? [{ value: config.expiredToken, envVar: 'OU_EXPIRED_TOKEN' }] : []),
    ];
  }

  /** Opens a session; an in-process app is served on 127.0.0.1 on a free port until cleanup. */
  static async open(config: TargetConfig): Promise<Session> {
    assertUsableConfig(config);
    if (config.baseUrl !== undefined) return new Session(config, undefined, config.baseUrl.replace(/\/+$/, ''));
    const app = config.app;
    if (app === undefined) throw new TypeError('target: give baseUrl or app');
    const server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    return new Session(config, server, `http://127.0.0.1:${port}`);
  }

  get rootId(): string | undefined {
    return this.rootOu?.id;
  }

  get requestCount(): number {
    return this.client.requestCount;
  }

  /**
   * Ends the run's checks: their requests in flight are aborted, from now on only cleanup
   * may send, and a check's next request ends it as skipped with `reason`.
   */
  stop(reason: string): void {
    this.stopped ??= reason;
    this.client.abortInFlight(`the run was interrupted (${reason})`);
  }

  /** Sends on behalf of `check`; cleanup requests do not count against the budget. */
  send(check: string, spec: RequestSpec): Promise<Exchange> {
    if (this.stopped !== undefined && !this.cleaningUp) return Promise.reject(new CheckSkipped(`not finished: the run was interrupted (${this.stopped})`));
    return this.client.send(check, spec, this.cleaningUp).then((ex) => {
      this.trackTopLevel(ex);
      return ex;
    });
  }

  /**
   * Probes the tokens for what they claim to be, then creates the run root and the users
   * adapter. Failures of the latter are kept and reported by every check.
   *
   * @throws TokenProbeError (a TypeError) naming each mislabelled token's flag, before anything is created
   */
  async setup(): Promise<void> {
    if (this.dialectId === 'ou-api') await this.setupOuApi();
    else await this.setupThroughDriver(this.requireDialect());
    if (this.rootOu === undefined) return;
    try {
      const adapter = await this.userAdapter();
      if (adapter !== undefined) this.users = new UserPool(adapter, this.config.tenantId);
    } catch (error) {
      this.usersFailure = error instanceof Error ? error.message : String(error);
    }
  }

  private requireDialect(): Dialect {
    if (this.dialect === undefined) throw new TypeError(`dialect ${this.dialectId} is not in the registry (dialects/index.ts)`);
    return this.dialect;
  }

  /** The dialect's driver with the main token, its requests recorded as `check`'s. */
  private driver(check: string): Driver {
    return this.requireDialect().verify.driver((spec) => this.send(check, spec), this.config.tenantId, this.creds.main, this.config.driverOptions ?? {});
  }

  /**
   * Another dialect: the main token must read its tenant (a usage fault otherwise), then the
   * run root is created at the top through the driver. A failed create breaks the dialect's
   * create rule (its shared hierarchy rule).
   */
  private async setupThroughDriver(dialect: Dialect): Promise<void> {
    const probe = this.driver('token-probe');
    const read = await probe.children(probe.topParent);
    if (read.ex.status === 401 || read.ex.status === 403) {
      throw new TokenProbeError([`--token (OU_TOKEN) cannot read tenant ${this.config.tenantId} through ${dialect.id}: ${read.ex.method} ${read.ex.path} answered ${read.ex.status}`]);
    }
    const outcome = await createRunRoot(this.driver('setup'), this.runTag, this.seed);
    if ('unit' in outcome) {
      this.rootOu = { id: outcome.unit.id };
      return;
    }
    const rule = this.fixtureRules()[0] ?? this.catalogue[0]?.id ?? 'HARDENING';
    const evidence = outcome.ex !== undefined ? [{ ...evidenceOf(outcome.ex, 'the new unit', this.secrets), rule }] : [];
    this.setupFailure = { message: outcome.message, evidence, rule };
  }

  /** Rules a failed fixture creation names: the OU API's OU-C1/OU-E1, a dialect's shared hierarchy rule. */
  private fixtureRules(): readonly string[] {
    if (this.dialectId === 'ou-api') return OU_FIXTURE_RULES;
    const rule = this.dialect?.verify.sharedRules?.hierarchy;
    return rule !== undefined ? [rule] : [];
  }

  /** The OU API: the tokens are probed for what their flags say, then the run root OU is created. */
  private async setupOuApi(): Promise<void> {
    const probe = new OuApi((spec) => this.send('token-probe', spec), this.config.tenantId, this.creds.main);
    const problems = await probeTokens(probe, this.config.tenantId, this.creds, {
      ...(this.config.readonlyToken !== undefined ? { readonly: this.config.readonlyToken } : {}),
      ...(this.config.expiredToken !== undefined ? { expired: this.config.expiredToken } : {}),
      ...(this.config.otherToken !== undefined ? { other: this.config.otherToken } : {}),
    });
    if (problems.length > 0) throw new TokenProbeError(problems);
    const api = new OuApi((spec) => this.send('setup', spec), this.config.tenantId, this.creds.main);
    let ex: Exchange;
    try {
      ex = await api.create({ name: this.runTag, description: `ou-contract conformance run (seed ${this.seed}); safe to delete`, parent_id: null });
    } catch (error) {
      this.setupFailure = { message: `setup failed: ${error instanceof Error ? error.message : String(error)}`, evidence: [], rule: 'OU-C1' };
      return;
    }
    const ou = ouOf(ex);
    if (ex.status !== 201 || ou === undefined) {
      // Created but not in the envelope: still remove it at cleanup.
      const bare = isRecord(ex.body) ? ex.body['id'] : undefined;
      if (ex.status === 201 && typeof bare === 'string') this.topLevel.add(bare);
      this.setupFailure = {
        message: `setup failed: creating the run root OU "${this.runTag}" answered ${ex.status}`,
        evidence: [{ ...evidenceOf(ex, '201 with the new OU in data', this.secrets), rule: ex.status === 201 ? 'OU-E1' : 'OU-C1' }],
        // 201 without the OU in its envelope breaks OU-E1; any other answer OU-C1.
        rule: ex.status === 201 ? 'OU-E1' : 'OU-C1',
      };
      return;
    }
    this.rootOu = ou;
  }

  private async userAdapter(): Promise<UserAdapter | undefined> {
    const users = this.config.users;
    if (users === undefined) return undefined;
    if (users === 'admin-http') return adminHttpUsers((spec) => this.send('users', spec), this.creds.main, this.runTag);
    if (typeof users === 'string') return loadUserModule(users);
    return users;
  }

  /** Runs one check and turns its outcome into a result; never throws for a failing check. */
  async runCheck(check: Check): Promise<CheckResult> {
    const started = performance.now();
    const result = (status: CheckResult['status'], message: string, evidence: Evidence[] = [], failedRules: string[] = []): CheckResult => ({
      check: check.id,
      title: check.title,
      rules: coveredRules(check, this.config),
      level: check.level,
      status,
      message,
      duration_ms: Math.round(performance.now() - started),
      ...(evidence.length > 0 ? { evidence } : {}),
      ...(status === 'failed' ? { failed_rules: failedRules } : {}),
    });
    for (const need of check.needs ?? []) {
      const reason = missingNeed(need, this.config);
      if (reason !== undefined) return result('skipped', reason);
    }
    // Creating the run root failed: that breaks its rule, and no check can check its own.
    if (!check.post && this.setupFailure !== undefined) return result('failed', this.setupFailure.message, this.setupFailure.evidence, [this.setupFailure.rule]);
    if (check.needs?.includes('users') === true && this.users === undefined) {
      return result('skipped', `users adapter unusable: ${this.usersFailure ?? 'not initialised'}`);
    }
    const record: CheckRecord = { failures: [], notes: [] };
    const { failures, notes } = record;
    let skipped: string | undefined;
    const ctx = createCheckContext(this.environment(), check, record);
    try {
      await check.run(ctx);
    } catch (error) {
      if (error instanceof CheckSkipped) skipped = error.message;
      else if (error instanceof BudgetExceededError) skipped = `${error.message}; the check stopped early`;
      else if (!(error instanceof CheckFailure)) {
        // A crash cannot be pinned on one rule: every rule of the check fails with it.
        const message = `check crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
        for (const rule of check.rules) failures.push({ message, rule });
      }
    }
    if (failures.length > 0) {
      const messages = [...new Set(failures.map((f) => f.message))];
      const more = messages.length > 3 ? ` (+${messages.length - 3} more)` : '';
      return result('failed', messages.slice(0, 3).join(' | ') + more, evidencePerRule(failures), [...new Set(failures.map((f) => f.rule))]);
    }
    if (skipped !== undefined) return result('skipped', skipped);
    return result('passed', notes.join('; '));
  }

  private environment(): RunEnvironment {
    return {
      send: (check, spec) => this.send(check, spec),
      exchanges: () => this.client.exchanges,
      tenantId: this.config.tenantId,
      seed: this.seed,
      runTag: this.runTag,
      rootId: this.rootOu?.id ?? '',
      dialectId: this.dialectId,
      dialect: this.dialect,
      driverOptions: this.config.driverOptions ?? {},
      fixtureRules: this.fixtureRules(),
      model: this.model,
      config: this.config,
      creds: this.creds,
      users: this.users,
      secrets: this.secrets,
      fixtures: this.fixtures,
      topLevel: this.topLevel,
      blamed: this.blamed,
    };
  }

  /** OUs that the run put at the top level (by create or move) are removed at cleanup too. */
  private trackTopLevel(ex: Exchange): void {
    if (this.dialectId !== 'ou-api') return;
    if ((ex.operationId !== 'createOu' && ex.operationId !== 'updateOu') || ex.status < 200 || ex.status >= 300) return;
    const data = isRecord(ex.body) ? ex.body['data'] : undefined;
    if (isRecord(data) && typeof data['id'] === 'string' && data['parent_id'] === null && data['name'] !== this.runTag) {
      this.topLevel.add(data['id']);
    }
  }

  /**
   * Removes everything the run created: its users, the top-level OUs it made, and the
   * run root with CASCADE; with `keepFixtures` removes nothing (see `kept`). Idempotent;
   * answers the problems met (empty when all went).
   */
  cleanup(): Promise<string[]> {
    this.cleanupOnce ??= this.config.keepFixtures === true ? this.closeServer().then(() => []) : this.doCleanup();
    return this.cleanupOnce;
  }

  /** The OUs at the top level the run created (run root last): removing them with CASCADE removes all its OUs. */
  private roots(): string[] {
    return [...this.topLevel, ...(this.rootOu !== undefined ? [this.rootOu.id] : [])];
  }

  /**
   * What the run created and has not removed (all of it with `keepFixtures`), with the
   * commands that remove it, so the printed curls can be replayed first.
   */
  kept(): KeptFixtures {
    const ous = this.roots();
    const users = this.users?.ids ?? [];
    const base = this.baseUrl;
    const tenant = encodeURIComponent(this.config.tenantId);
    const auth = this.creds.main.shell;
    const curl = (path: string): string => buildCurl({ method: 'DELETE', url: `${base}${path}`, ...(auth !== undefined ? { authShell: auth } : {}) });
    const removal = [
      ...users.map((id) =>
        this.config.users === 'admin-http' ? curl(`/__mock/tenants/${tenant}/users/${encodeURIComponent(id)}`) : `delete user ${id} of tenant ${this.config.tenantId} with your users adapter`,
      ),
      ...ous.map((id) =>
        this.dialectId === 'ou-api'
          ? curl(`/api/v1/tenants/${tenant}/ous/${encodeURIComponent(id)}?strategy=CASCADE`)
          : `delete unit ${id} of tenant ${this.config.tenantId} with everything below it through the ${this.dialectId} API`,
      ),
    ];
    const named = ous.map((id) => (id === this.rootOu?.id ? `${id} (run root "${this.runTag}")` : id));
    const describe = `tenant ${this.config.tenantId}: OUs ${named.join(', ') || 'none'} (with everything under them); users ${users.join(', ') || 'none'}`;
    return { tenantId: this.config.tenantId, ous, users, removal, describe };
  }

  /** The OU API: each top-level OU of the run deleted with CASCADE. */
  private async removeOus(): Promise<string[]> {
    const problems: string[] = [];
    const api = new OuApi((spec) => this.send('cleanup', spec), this.config.tenantId, this.creds.main);
    for (const id of this.roots()) {
      try {
        const ex = await api.delete(id, 'CASCADE');
        if (ex.status !== 204 && ex.status !== 404) problems.push(`DELETE ${ex.path} answered ${ex.status}`);
      } catch (error) {
        problems.push(`DELETE OU ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }

  private async doCleanup(): Promise<string[]> {
    this.cleaningUp = true;
    const problems: string[] = [];
    try {
      if (this.users !== undefined) problems.push(...(await this.users.deleteAll()));
      if (this.dialectId === 'ou-api') problems.push(...(await this.removeOus()));
      else problems.push(...(await removeUnits(this.driver('cleanup'), this.roots(), this.requireDialect().verify.capabilities.subtreeDelete)));
      // Removed: `kept` (after a cleanup cut short) names only what may remain.
      this.topLevel.clear();
      this.rootOu = undefined;
    } finally {
      await this.closeServer();
    }
    return problems;
  }

  /** Closes the client's transport and stops the in-process server; requests still open (a stalled or abandoned check's) are cut. */
  private async closeServer(): Promise<void> {
    await this.client.close();
    const server = this.server;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
