import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { DIALECTS } from '../dialects/index.ts';
import type { DialectId } from '../dialects/types.ts';
import { parseSeed } from '../suites/config.ts';
import type { TargetConfig } from '../suites/config.ts';
import type { Level } from '../suites/model.ts';

/** The flags of `ou-contract verify` as commander hands them over. */
export interface VerifyFlags {
  /** The API to verify (dialects/index.ts); default ou-api. */
  dialect?: string;
  /** idaas: the vendor's root OU id. */
  rootOu?: string;
  /** idaas: the application id the requests name. */
  applicationId?: string;
  /** admanager: the tenant's domain. */
  domain?: string;
  baseUrl?: string;
  tenant?: string;
  token?: string;
  otherTenant?: string;
  otherToken?: string;
  readonlyToken?: string;
  expiredToken?: string;
  users?: string;
  level?: string;
  reportDir?: string;
  seed?: string;
  baseline?: string;
  lint?: string;
  progress?: boolean;
  /** Exit 0 rather than 3 when nothing failed but some MUST rule could not be checked. */
  allowIncomplete?: boolean;
  /** Repeatable `--check ID` / `--rule OU-X1`: run only these (default: all). */
  check?: string[];
  rule?: string[];
  /** Request budget of the model-based differential phase (default 2000). */
  budget?: string;
  /** Bound of the whole run, e.g. `90s`, `10m`, `1500ms` (default 10m). */
  timeout?: string;
  /** Leave the run's OUs and users on the target so the reports' curls replay. */
  keepFixtures?: boolean;
  /** A PKCS#8 PEM private key (Ed25519, P-256) or an HS256 secret file: sign report.json. */
  signKey?: string;
}

/** What `verify` will do, every input checked. */
export interface VerifyPlan {
  config: TargetConfig & { baseUrl: string; level: Level };
  reportDir?: string;
  baseline?: string;
  lint?: string;
  progress: boolean;
  allowIncomplete: boolean;
  /** Every token given, so none of them reaches a report or the terminal. */
  secrets: string[];
  /** Where the signing key is, when report.json is to be signed. */
  signKey?: string;
}

/** The whole run is cut after this by default: a stalling target must not hold CI for hours. */
export const DEFAULT_RUN_TIMEOUT_MS = 10 * 60_000;
const MAX_RUN_TIMEOUT_MS = 24 * 3_600_000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A duration with its unit: `1500ms`, `90s`, `10m`, `1.5h`. A bare number is refused:
 * `--timeout 600` would mean 0.6 s to some readers and 10 min to others.
 *
 * @throws UsageError naming `name`
 */
export function parseDuration(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/.exec(text.trim());
  if (m === null) throw new UsageError(`${name} must be a duration with a unit such as 90s, 10m or 1500ms, got "${text}"`);
  const ms = Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
  if (ms < 1 || ms > MAX_RUN_TIMEOUT_MS) throw new UsageError(`${name} must be between 1ms and 24h, got "${text}"`);
  return ms;
}

const RULE_ID = /^[A-Z][A-Z0-9]{0,3}-[A-Z]+\d+$/;

/** The dialects `verify --dialect` takes: the OU API and every dialect of the registry. */
export function dialectIds(): DialectId[] {
  return [...new Set<DialectId>(['ou-api', ...DIALECTS.map((d) => d.id)])];
}

/** Bad or missing flags: `verify` prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Each flag falls back to this environment variable; secrets are best given this way. */
export const ENV_FALLBACKS = {
  baseUrl: 'OU_BASE_URL',
  tenant: 'OU_TENANT_ID',
  token: 'OU_TOKEN',
  otherTenant: 'OU_OTHER_TENANT_ID',
  otherToken: 'OU_OTHER_TOKEN',
  readonlyToken: 'OU_READONLY_TOKEN',
  expiredToken: 'OU_EXPIRED_TOKEN',
  users: 'OU_USERS',
  level: 'OU_LEVEL',
  seed: 'OU_SEED',
} as const satisfies Partial<Record<keyof VerifyFlags, string>>;

/**
 * Merges flags over their environment fallbacks and validates the result.
 *
 * @throws UsageError naming the flag (and its variable) that is missing or invalid
 * @example
 * const plan = resolveVerifyOptions({ baseUrl: 'http://127.0.0.1:4010', tenant: 't1' }, process.env);
 */
export function resolveVerifyOptions(flags: VerifyFlags, env: Readonly<Record<string, string | undefined>>): VerifyPlan {
  const value = (key: keyof typeof ENV_FALLBACKS): string | undefined => {
    const given = flags[key] ?? env[ENV_FALLBACKS[key]];
    return given === undefined || given.trim() === '' ? undefined : given.trim();
  };
  const flag = (key: keyof typeof ENV_FALLBACKS): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} (or ${ENV_FALLBACKS[key]})`;
  const required = (key: keyof typeof ENV_FALLBACKS): string => {
    const v = value(key);
    if (v === undefined) throw new UsageError(`missing ${flag(key)}`);
    return v;
  };

  const level = value('level') ?? 'profile';
  if (level !== 'core' && level !== 'profile') throw new UsageError(`${flag('level')} must be core or profile, got "${level}"`);
  const dialect = flags.dialect ?? 'ou-api';
  const known = dialectIds();
  if (!(known as string[]).includes(dialect)) throw new UsageError(`--dialect must be one of ${known.join(', ')}, got "${dialect}"`);
  const config: VerifyPlan['config'] = {
    baseUrl: parseBaseUrl(required('baseUrl'), flag('baseUrl')),
    tenantId: required('tenant'),
    token: required('token'),
    level,
  };
  if (dialect !== 'ou-api') config.dialect = dialect as DialectId;
  const driverOptions = {
    ...(flags.rootOu !== undefined ? { rootOu: nonEmpty(flags.rootOu, '--root-ou') } : {}),
    ...(flags.applicationId !== undefined ? { applicationId: nonEmpty(flags.applicationId, '--application-id') } : {}),
    ...(flags.domain !== undefined ? { domain: nonEmpty(flags.domain, '--domain') } : {}),
  };
  if (Object.keys(driverOptions).length > 0) config.driverOptions = driverOptions;

  const otherTenant = value('otherTenant');
  const otherToken = value('otherToken');
  if ((otherTenant === undefined) !== (otherToken === undefined)) {
    throw new UsageError(`${flag('otherTenant')} and ${flag('otherToken')} go together: give both or neither`);
  }
  if (otherTenant !== undefined && otherToken !== undefined) {
    config.otherTenantId = otherTenant;
    config.otherToken = otherToken;
  }
  const readonlyToken = value('readonlyToken');
  if (readonlyToken !== undefined) config.readonlyToken = readonlyToken;
  const expiredToken = value('expiredToken');
  if (expiredToken !== undefined) config.expiredToken = expiredToken;

  const users = value('users');
  if (users !== undefined) config.users = users === 'admin-http' ? users : readableFile(users, flag('users'));
  const seed = value('seed');
  if (seed !== undefined) {
    try {
      config.seed = parseSeed(seed, flag('seed'));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }

  config.runTimeoutMs = flags.timeout === undefined ? DEFAULT_RUN_TIMEOUT_MS : parseDuration(flags.timeout, '--timeout');
  if (flags.keepFixtures === true) config.keepFixtures = true;
  const plan: VerifyPlan = {
    config,
    progress: flags.progress ?? true,
    allowIncomplete: flags.allowIncomplete ?? false,
    secrets: [config.token, otherToken, readonlyToken, expiredToken].filter((s): s is string => s !== undefined),
  };
  if (flags.reportDir !== undefined) plan.reportDir = nonEmpty(flags.reportDir, '--report-dir');
  if (flags.baseline !== undefined) plan.baseline = nonEmpty(flags.baseline, '--baseline');
  if (flags.lint !== undefined) plan.lint = nonEmpty(flags.lint, '--lint');
  if (flags.signKey !== undefined) plan.signKey = nonEmpty(flags.signKey, '--sign-key');
  if (flags.check !== undefined && flags.check.length > 0) config.checks = flags.check;
  if (flags.rule !== undefined && flags.rule.length > 0) {
    const bad = flags.rule.find((r) => !RULE_ID.test(r));
    if (bad !== undefined) throw new UsageError(`--rule must be a rule id such as OU-L2 or V2-L1, got "${bad}"`);
    config.rules = flags.rule;
  }
  if (flags.budget !== undefined) {
    const budget = Number(flags.budget);
    if (!/^\d+$/.test(flags.budget.trim()) || !Number.isSafeInteger(budget) || budget < 1) throw new UsageError(`--budget must be an integer >= 1, got "${flags.budget}"`);
    config.differential = { budget };
  }
  return plan;
}

function parseBaseUrl(text: string, name: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} must be an absolute http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${name} must use http or https, got "${url.protocol}"`);
  if (url.username !== '' || url.password !== '') throw new UsageError(`${name} must not carry credentials; give a token with OU_TOKEN`);
  return text.replace(/\/+$/, '');
}

/** A users adapter module must exist before a run spends minutes reaching the checks that need it. */
function readableFile(path: string, name: string): string {
  const absolute = resolve(path);
  try {
    accessSync(absolute, constants.R_OK);
  } catch {
    throw new UsageError(`${name} must be "admin-http" or a readable adapter module, got "${path}" (not readable)`);
  }
  return absolute;
}

function nonEmpty(text: string, name: string): string {
  if (text.trim() === '') throw new UsageError(`${name} must not be empty`);
  return text;
}
