import type { RequestListener } from 'node:http';
import type { Dialect, DialectId, DriverOptions } from '../dialects/types.ts';
import type { Level } from './model.ts';

/** A user the adapter created; `email` when the adapter knows it. */
export interface CreatedUser {
  id: string;
  email?: string;
}

/**
 * Creates and deletes users in a tenant. The OU API only reads users, so a vendor
 * plugs its own Users API in here (as an object, or a module exporting both functions).
 */
export interface UserAdapter {
  createUser(tenantId: string, ouId: string): Promise<CreatedUser>;
  deleteUser(tenantId: string, userId: string): Promise<void>;
}

/** The system under test and what the suites may use on it. */
export interface TargetConfig {
  /** Base URL of a live API, e.g. `http://127.0.0.1:4010`. One of `baseUrl` / `app`. */
  baseUrl?: string;
  /** An in-process request listener (the mock's `handle`). */
  app?: RequestListener;
  /** The API to verify: a dialect of the registry (dialects/index.ts) by id, or a Dialect of one's own; default `ou-api`. */
  dialect?: DialectId | Dialect;
  /** Options only some dialects' drivers read (`--root-ou`, `--application-id`, `--domain`). */
  driverOptions?: DriverOptions;
  tenantId: string;
  token: string;
  /** A second tenant and a valid token for it: isolation checks (OU-T1, OU-A2). */
  otherTenantId?: string;
  otherToken?: string;
  /** A token of `tenantId` with `ous:read` only (OU-A3). */
  readonlyToken?: string;
  /** An expired token of `tenantId` (OU-A1). */
  expiredToken?: string;
  /** How users are provisioned: the mock's admin routes, a module path, or an adapter object. */
  users?: 'admin-http' | string | UserAdapter;
  /** `core` runs the MUST checks only; `profile` (default) runs all. */
  level?: Level;
  seed?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Upper bound of requests in a run, cleanup excluded (default 2000). */
  maxRequests?: number;
  /** Run only these check ids (additive option; default all). */
  checks?: readonly string[];
  /** Run only checks that carry one of these rule ids (additive option; default all). */
  rules?: readonly string[];
  /** Per-request timeout in ms (default 15000). */
  timeoutMs?: number;
  /**
   * The model-based differential phase (`model.differential`): `budget` caps its requests
   * (default 2000, shrinking included), `sequences` the random operation sequences it tries.
   */
  differential?: { budget?: number; sequences?: number };
  /**
   * Bound of the whole run in ms (default: none; `verify --timeout` defaults to 10 min).
   * When it passes the run stops, cleans up and returns a partial report.
   */
  runTimeoutMs?: number;
  /** Leave what the run created on the target, so the reports' curls can be replayed (`verify --keep-fixtures`). */
  keepFixtures?: boolean;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_REQUESTS = 2000;
/** Requests of the model-based differential phase (`differential.budget`), on top of `maxRequests`. */
export const DEFAULT_DIFFERENTIAL_BUDGET = 2000;

/**
 * Reads a target from environment variables: OU_BASE_URL, OU_TENANT_ID, OU_TOKEN,
 * OU_OTHER_TENANT_ID, OU_OTHER_TOKEN, OU_READONLY_TOKEN, OU_EXPIRED_TOKEN, OU_USERS,
 * OU_SEED (and OU_LEVEL). Throws naming the variable when one is missing or malformed.
 *
 * @example
 * const config = configFromEnv(process.env);
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): TargetConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === '') throw new TypeError(`${name} is required`);
    return value;
  };
  const optional = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const config: TargetConfig = {
    baseUrl: parseBaseUrl(required('OU_BASE_URL')),
    tenantId: required('OU_TENANT_ID'),
    token: required('OU_TOKEN'),
  };
  const otherTenantId = optional('OU_OTHER_TENANT_ID');
  const otherToken = optional('OU_OTHER_TOKEN');
  if ((otherTenantId === undefined) !== (otherToken === undefined)) {
    throw new TypeError('OU_OTHER_TENANT_ID and OU_OTHER_TOKEN go together: set both or neither');
  }
  if (otherTenantId !== undefined) config.otherTenantId = otherTenantId;
  if (otherToken !== undefined) config.otherToken = otherToken;
  const readonlyToken = optional('OU_READONLY_TOKEN');
  if (readonlyToken !== undefined) config.readonlyToken = readonlyToken;
  const expiredToken = optional('OU_EXPIRED_TOKEN');
  if (expiredToken !== undefined) config.expiredToken = expiredToken;
  const users = optional('OU_USERS');
  if (users !== undefined) config.users = users;
  const seed = optional('OU_SEED');
  if (seed !== undefined) config.seed = parseSeed(seed, 'OU_SEED');
  const level = optional('OU_LEVEL');
  if (level !== undefined) {
    if (level !== 'core' && level !== 'profile') throw new TypeError(`OU_LEVEL must be core or profile, got "${level}"`);
    config.level = level;
  }
  return config;
}

/** A seed is an integer 0..2^32-1, so runs replay exactly. */
export function parseSeed(text: string, name = 'seed'): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
    throw new TypeError(`${name} must be an integer from 0 to 4294967295, got "${text}"`);
  }
  return seed;
}

function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`OU_BASE_URL must be an absolute http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`OU_BASE_URL must use http or https, got "${url.protocol}"`);
  return text.replace(/\/+$/, '');
}

/** Throws a TypeError naming the setting when `config` cannot be used for a run. */
export function assertUsableConfig(config: TargetConfig): void {
  if (config.baseUrl === undefined && config.app === undefined) throw new TypeError('target: give baseUrl or app');
  if (config.baseUrl !== undefined && config.app !== undefined) throw new TypeError('target: give baseUrl or app, not both');
  if (typeof config.tenantId !== 'string' || config.tenantId === '') throw new TypeError('tenantId is required');
  if (typeof config.token !== 'string' || config.token === '') throw new TypeError('token is required');
  for (const [name, value] of [
    ['concurrency', config.concurrency],
    ['maxRequests', config.maxRequests],
    ['differential.budget', config.differential?.budget],
    ['differential.sequences', config.differential?.sequences],
    ['runTimeoutMs', config.runTimeoutMs],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new TypeError(`${name} must be an integer >= 1, got ${value}`);
  }
  if (config.seed !== undefined && (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff)) {
    throw new TypeError(`seed must be an integer from 0 to 4294967295, got ${config.seed}`);
  }
}
