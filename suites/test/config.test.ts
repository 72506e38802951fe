import { describe, expect, it } from 'vitest';
import { assertUsableConfig, configFromEnv, parseSeed } from '../config.ts';

const base = { OU_BASE_URL: 'http://127.0.0.1:4010/', OU_TENANT_ID: 'acme', OU_TOKEN: 't0k' };

describe('configFromEnv', () => {
  it('reads every variable', () => {
    expect(
      configFromEnv({
        ...base,
        OU_OTHER_TENANT_ID: 'globex',
        OU_OTHER_TOKEN: 'o',
        OU_READONLY_TOKEN: 'r',
        OU_EXPIRED_TOKEN: 'e',
        OU_USERS: 'admin-http',
        OU_SEED: '42',
        OU_LEVEL: 'core',
      }),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      tenantId: 'acme',
      token: 't0k',
      otherTenantId: 'globex',
      otherToken: 'o',
      readonlyToken: 'r',
      expiredToken: 'e',
      users: 'admin-http',
      seed: 42,
      level: 'core',
    });
  });

  it('leaves optional ones out when unset or empty', () => {
    expect(configFromEnv({ ...base, OU_READONLY_TOKEN: '' })).toEqual({ baseUrl: 'http://127.0.0.1:4010', tenantId: 'acme', token: 't0k' });
  });

  it('names the variable that is missing or malformed', () => {
    expect(() => configFromEnv({ ...base, OU_TOKEN: undefined })).toThrow(/OU_TOKEN is required/);
    expect(() => configFromEnv({ ...base, OU_BASE_URL: 'localhost:4010' })).toThrow(/OU_BASE_URL/);
    expect(() => configFromEnv({ ...base, OU_SEED: '4x' })).toThrow(/OU_SEED/);
    expect(() => configFromEnv({ ...base, OU_LEVEL: 'gold' })).toThrow(/OU_LEVEL/);
    expect(() => configFromEnv({ ...base, OU_OTHER_TENANT_ID: 'globex' })).toThrow(/OU_OTHER_TOKEN/);
  });

  it('seeds are integers 0..2^32-1', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(() => parseSeed('4294967296')).toThrow();
    expect(() => parseSeed('-1')).toThrow();
    expect(() => parseSeed('1.5')).toThrow();
  });
});

describe('assertUsableConfig', () => {
  const ok = { baseUrl: 'http://127.0.0.1:1', tenantId: 'acme', token: 't' };
  it('names the setting that makes a run impossible', () => {
    expect(() => assertUsableConfig(ok)).not.toThrow();
    expect(() => assertUsableConfig({ tenantId: 'acme', token: 't' })).toThrow(/baseUrl or app/);
    expect(() => assertUsableConfig({ ...ok, app: () => undefined })).toThrow(/not both/);
    expect(() => assertUsableConfig({ ...ok, tenantId: '' })).toThrow(/tenantId/);
    expect(() => assertUsableConfig({ ...ok, token: '' })).toThrow(/token/);
    expect(() => assertUsableConfig({ ...ok, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => assertUsableConfig({ ...ok, maxRequests: 1.5 })).toThrow(/maxRequests/);
    expect(() => assertUsableConfig({ ...ok, seed: -1 })).toThrow(/seed/);
  });
});
