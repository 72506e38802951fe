/** The in-process mock as a `verify --dialect idaas` target, with the run's tokens. */
import { createMockApp } from '../../../mock/app.ts';
import type { MockOptions } from '../../../mock/app.ts';
import type { TargetConfig } from '../../../suites/config.ts';
import { OTHER_TENANT, TENANT } from '../../../suites/test/target.ts';

/** `options` reach the mock (a `clock` of another resolution, say); the seed and defects are the arguments'. */
export async function idaasTarget(defects: ReadonlySet<string> = new Set(), overrides: Partial<TargetConfig> = {}, options: MockOptions = {}) {
  const app = createMockApp({ ...options, seed: 42, defects });
  const [token, otherToken, readonlyToken, expiredToken] = await Promise.all([
    app.issueToken({ tenant_id: TENANT }),
    app.issueToken({ tenant_id: OTHER_TENANT }),
    app.issueToken({ tenant_id: TENANT, scopes: ['ous:read'] }),
    app.issueToken({ tenant_id: TENANT, expires_in: -60 }),
  ]);
  const config: TargetConfig = {
    app: app.handle, dialect: 'idaas', tenantId: TENANT, token, otherTenantId: OTHER_TENANT, otherToken, readonlyToken, expiredToken, users: 'admin-http', seed: 7, ...overrides,
  };
  return { app, config, token, otherToken, expiredToken, units: () => app.directory.tenant(TENANT).queryUnits().total };
}
