import { createMockApp } from '../../mock/app.ts';
import type { MockApp, MockOptions } from '../../mock/app.ts';
import type { TargetConfig } from '../config.ts';

export const TENANT = 'acme';
export const OTHER_TENANT = 'globex';

/**
 * The in-process mock as a conformance target: the seeded 'small' preset (tenants acme,
 * globex, initech), tokens from the mock itself, users through its admin routes.
 */
export async function mockTarget(defects?: ReadonlySet<string>, overrides: Partial<TargetConfig> = {}, options: MockOptions = {}): Promise<TargetConfig> {
  return (await mockSetup(defects, overrides, options)).config;
}

/** The tokens the mock issued for a target, whatever `overrides` put in its config. */
export interface MockTokens {
  token: string;
  otherToken: string;
  readonlyToken: string;
  expiredToken: string;
}

/** The target, the mock behind it (to inspect its state afterwards) and the tokens it issued. */
export async function mockSetup(
  defects?: ReadonlySet<string>,
  overrides: Partial<TargetConfig> = {},
  options: MockOptions = {},
): Promise<{ app: MockApp; config: TargetConfig; tokens: MockTokens }> {
  const app = createMockApp({ seed: 42, ...options, ...(defects !== undefined ? { defects } : {}) });
  const [token, otherToken, readonlyToken, expiredToken] = await Promise.all([
    app.issueToken({ tenant_id: TENANT }),
    app.issueToken({ tenant_id: OTHER_TENANT }),
    app.issueToken({ tenant_id: TENANT, scopes: ['ous:read'] }),
    app.issueToken({ tenant_id: TENANT, expires_in: -60 }),
  ]);
  return {
    app,
    tokens: { token, otherToken, readonlyToken, expiredToken },
    config: {
      app: app.handle,
      tenantId: TENANT,
      token,
      otherTenantId: OTHER_TENANT,
      otherToken,
      readonlyToken,
      expiredToken,
      users: 'admin-http',
      seed: 7,
      ...overrides,
    },
  };
}
