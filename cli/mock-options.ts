import { InvalidArgumentError } from 'commander';
// The light registry modules, not the package index: verbs load at every CLI start, so heavy parts load lazily.
import { allDefects } from '../dialects/catalogue.ts';

/** The `mock` verb's options after commander parsed and validated them. */
export interface MockCliOptions {
  port: number;
  host: string;
  seed: number;
  preset: 'small' | 'large' | 'empty';
  state?: string;
  /** fsync the operation log of --state per write. */
  fsync?: boolean;
  /** false with --no-auth */
  auth: boolean;
  jwtSecret?: string;
  latency?: number;
  corsOrigin?: string;
  /** false with --no-cors */
  cors: boolean;
  engine: 'stateful' | 'prism';
  /** Names of mock/defects.ts and of the dialects' defect tables. */
  defect: string[];
  /** File holding the admin key (its first line); the key itself may come from OU_MOCK_ADMIN_KEY. */
  adminKeyFile?: string;
  adminKey?: string;
  /** Longest validity of an admin-minted token, in seconds. */
  maxTokenTtl: number;
  /** Create an unknown tenant on first use: empty, or seeded like the preset's tenants. */
  autoTenants?: AutoTenants;
}

export const AUTO_TENANTS = ['empty', 'seeded'] as const;
export type AutoTenants = (typeof AUTO_TENANTS)[number];

/** `--auto-tenants` alone means empty tenants. */
export function parseAutoTenants(value: string | undefined): AutoTenants {
  const mode = value ?? 'empty';
  if (!(AUTO_TENANTS as readonly string[]).includes(mode)) throw new InvalidArgumentError(`it must be one of ${AUTO_TENANTS.join(', ')}.`);
  return mode as AutoTenants;
}

export const PRESETS = ['small', 'large', 'empty'] as const;
export const ENGINES = ['stateful', 'prism'] as const;

// Each parser throws InvalidArgumentError: commander then names the option and the value, and exits 2.

export function parsePort(value: string): number {
  return integerIn(value, 0, 65_535, 'a port must be an integer from 0 to 65535 (0 = any free port)');
}

export function parseSeed(value: string): number {
  return integerIn(value, 0, Number.MAX_SAFE_INTEGER, 'a seed must be a non-negative integer');
}

export function parseLatency(value: string): number {
  return integerIn(value, 0, 60_000, 'latency must be an integer number of milliseconds from 0 to 60000');
}

/** `90`, `90s`, `30m`, `24h` or `7d`, as seconds; at least a minute, at most a year. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[(match?.[2] ?? '') as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 60 || seconds > 365 * 86_400) {
    throw new InvalidArgumentError('a duration is seconds or a number with s, m, h or d (e.g. 24h), from 1 minute to 365 days.');
  }
  return seconds;
}

export function parseNonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('it must not be empty.');
  return value;
}

/** Collects repeated --defect options, each checked against the defects of the mock and of every dialect. */
export function collectDefect(value: string, previous: string[] | undefined): string[] {
  const known = allDefects();
  if (!known.has(value)) throw new InvalidArgumentError(`unknown defect; known: ${[...known.keys()].join(', ')}.`);
  return [...(previous ?? []), value];
}

function integerIn(value: string, min: number, max: number, rule: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${rule}.`);
  return n;
}

/**
 * Options only the stateful engine understands, which the user gave explicitly: Prism cannot honour them,
 * so accepting them silently would mislead.
 */
export const STATEFUL_ONLY: ReadonlyArray<readonly [key: keyof MockCliOptions, flag: string]> = [
  ['seed', '--seed'],
  ['preset', '--preset'],
  ['state', '--state'],
  ['fsync', '--fsync'],
  ['auth', '--no-auth'],
  ['jwtSecret', '--jwt-secret'],
  ['latency', '--latency'],
  ['corsOrigin', '--cors-origin'],
  ['cors', '--no-cors'],
  ['defect', '--defect'],
  ['adminKeyFile', '--admin-key-file'],
  ['maxTokenTtl', '--max-token-ttl'],
  ['autoTenants', '--auto-tenants'],
];
