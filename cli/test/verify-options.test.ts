import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register } from '../verify.ts';
import { provenanceOf } from '../verify-provenance.ts';
import { dialectIds, resolveVerifyOptions, UsageError } from '../verify-options.ts';
import type { VerifyFlags } from '../verify-options.ts';

const ENV = { OU_BASE_URL: 'http://127.0.0.1:4010/', OU_TENANT_ID: 'acme', OU_TOKEN: 'tok-main' };

function usage(flags: VerifyFlags, env: Record<string, string> = ENV): string {
  try {
    resolveVerifyOptions(flags, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('verify options', () => {
  it('reads every setting from the environment, flags winning over it', () => {
    const plan = resolveVerifyOptions(
      { tenant: 'globex', progress: false },
      { ...ENV, OU_OTHER_TENANT_ID: 'initech', OU_OTHER_TOKEN: 'tok-other', OU_READONLY_TOKEN: 'tok-ro', OU_EXPIRED_TOKEN: 'tok-exp', OU_SEED: '7', OU_LEVEL: 'core' },
    );
    expect(plan.config).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      tenantId: 'globex',
      token: 'tok-main',
      otherTenantId: 'initech',
      otherToken: 'tok-other',
      readonlyToken: 'tok-ro',
      expiredToken: 'tok-exp',
      seed: 7,
      level: 'core',
      runTimeoutMs: 600_000,
    });
    expect(plan.progress).toBe(false);
    expect(plan.secrets).toEqual(['tok-main', 'tok-other', 'tok-ro', 'tok-exp']);
  });

  it('defaults to level profile with progress on', () => {
    const plan = resolveVerifyOptions({}, ENV);
    expect(plan.config.level).toBe('profile');
    expect(plan.progress).toBe(true);
    expect(plan.reportDir).toBeUndefined();
  });

  it.each([
    [{}, { OU_TENANT_ID: 'a', OU_TOKEN: 't' }, 'missing --base-url (or OU_BASE_URL)'],
    [{}, { OU_BASE_URL: 'http://127.0.0.1:1', OU_TOKEN: 't' }, 'missing --tenant (or OU_TENANT_ID)'],
    [{}, { OU_BASE_URL: 'http://127.0.0.1:1', OU_TENANT_ID: 'a', OU_TOKEN: '  ' }, 'missing --token (or OU_TOKEN)'],
    [{ baseUrl: 'ftp://127.0.0.1' }, ENV, '--base-url (or OU_BASE_URL) must use http or https, got "ftp:"'],
    [{ baseUrl: 'not a url' }, ENV, '--base-url (or OU_BASE_URL) must be an absolute http(s) URL, got "not a url"'],
    [{ baseUrl: 'http://user:secret@127.0.0.1' }, ENV, '--base-url (or OU_BASE_URL) must not carry credentials; give a token with OU_TOKEN'],
    [{ level: 'gold' }, ENV, '--level (or OU_LEVEL) must be core or profile, got "gold"'],
    [{ seed: '-1' }, ENV, '--seed (or OU_SEED) must be an integer from 0 to 4294967295, got "-1"'],
    [{ otherTenant: 'globex' }, ENV, '--other-tenant (or OU_OTHER_TENANT_ID) and --other-token (or OU_OTHER_TOKEN) go together: give both or neither'],
    [{ users: '/nonexistent/adapter.ts' }, ENV, '--users (or OU_USERS) must be "admin-http" or a readable adapter module, got "/nonexistent/adapter.ts" (not readable)'],
    [{ reportDir: ' ' }, ENV, '--report-dir must not be empty'],
    [{ rule: ['OU-L2', 'L3'] }, ENV, '--rule must be a rule id such as OU-L2 or V2-L1, got "L3"'],
    [{ budget: '0' }, ENV, '--budget must be an integer >= 1, got "0"'],
    [{ budget: '1e3' }, ENV, '--budget must be an integer >= 1, got "1e3"'],
    [{ timeout: '600' }, ENV, '--timeout must be a duration with a unit such as 90s, 10m or 1500ms, got "600"'],
    [{ timeout: '10 minutes' }, ENV, '--timeout must be a duration with a unit such as 90s, 10m or 1500ms, got "10 minutes"'],
    [{ timeout: '0s' }, ENV, '--timeout must be between 1ms and 24h, got "0s"'],
    [{ timeout: '25h' }, ENV, '--timeout must be between 1ms and 24h, got "25h"'],
    [{ signKey: '' }, ENV, '--sign-key must not be empty'],
  ])('rejects %j (env %j): %s', (flags, env, message) => {
    expect(usage(flags, env)).toBe(message);
  });

  it('passes --check and --rule selections to the suites, none meaning all', () => {
    expect(resolveVerifyOptions({ check: ['pagination.math'], rule: ['OU-L2', 'OU-S1'] }, ENV).config).toMatchObject({ checks: ['pagination.math'], rules: ['OU-L2', 'OU-S1'] });
    const all = resolveVerifyOptions({ check: [], rule: [] }, ENV).config;
    expect(all.checks).toBeUndefined();
    expect(all.rules).toBeUndefined();
  });

  it('--dialect picks the API (default ou-api; an unknown id names the valid ones); --root-ou and --domain reach the driver', () => {
    expect(resolveVerifyOptions({}, ENV).config.dialect).toBeUndefined();
    expect(() => resolveVerifyOptions({ dialect: 'soap' }, ENV)).toThrow(new UsageError(`--dialect must be one of ${dialectIds().join(', ')}, got "soap"`));
    expect(dialectIds()[0]).toBe('ou-api');
    expect(resolveVerifyOptions({ rootOu: 'ou_1', domain: 'acme.example.com' }, ENV).config.driverOptions).toEqual({ rootOu: 'ou_1', domain: 'acme.example.com' });
    expect(() => resolveVerifyOptions({ domain: ' ' }, ENV)).toThrow('--domain must not be empty');
  });

  it("--application-id names the vendor's idaas application for the driver (none: the driver's default), is never empty, and is in verify --help", () => {
    expect(resolveVerifyOptions({ dialect: 'idaas', applicationId: 'app_mkv7rgt4d7i4u7zqtzev2mxxxx', rootOu: 'ou_1' }, ENV).config.driverOptions).toEqual({ rootOu: 'ou_1', applicationId: 'app_mkv7rgt4d7i4u7zqtzev2mxxxx' });
    expect(provenanceOf(resolveVerifyOptions({ dialect: 'idaas', applicationId: 'app_7' }, ENV), 1).options).toMatchObject({ dialect: 'idaas', application_id: 'app_7' });
    expect(resolveVerifyOptions({ dialect: 'idaas' }, ENV).config.driverOptions).toBeUndefined();
    expect(usage({ dialect: 'idaas', applicationId: '  ' })).toBe('--application-id must not be empty');
    const program = new Command();
    register(program);
    const help = program.commands.find((c) => c.name() === 'verify')?.helpInformation() ?? '';
    expect(help).toMatch(/--application-id <id>\s+idaas:\s+the\s+vendor's\s+application\s+id\s+the\s+requests\s+name\s+\(default\s+app_ou_contract/);
  });

  it('--budget sets the request budget of the differential phase', () => {
    expect(resolveVerifyOptions({ budget: '500' }, ENV).config.differential).toEqual({ budget: 500 });
    expect(resolveVerifyOptions({}, ENV).config.differential).toBeUndefined();
  });

  it('reads --timeout with its unit (default 10 min), --keep-fixtures and --sign-key', () => {
    const cases: [string, number][] = [['1500ms', 1500], ['90s', 90_000], ['10m', 600_000], ['1.5h', 5_400_000], [' 2 s ', 2000]];
    for (const [text, ms] of cases) expect(resolveVerifyOptions({ timeout: text }, ENV).config.runTimeoutMs).toBe(ms);
    const plan = resolveVerifyOptions({ keepFixtures: true, signKey: 'k.pem' }, ENV);
    expect(plan.config.keepFixtures).toBe(true);
    expect(plan.signKey).toBe('k.pem');
    expect(resolveVerifyOptions({}, ENV).config.keepFixtures).toBeUndefined();
  });

  it('never puts a token into a usage message', () => {
    expect(usage({ level: 'x' }, { ...ENV, OU_TOKEN: 'secret-token-value' })).not.toContain('secret-token-value');
  });
});
