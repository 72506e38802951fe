/** The in-process mock as a `verify --dialect idaas` target, with the run's tokens. */
import type { MockOptions } from '../../../mock/app.ts';
import type { TargetConfig } from '../../../suites/config.ts';
import { mockSetup, TENANT } from '../../../suites/test/target.ts';

/** `options` reach the mock (a `clock` of another resolution, say). */
export async function idaasTarget(defects: ReadonlySet<string> = new Set(), overrides: Partial<TargetConfig> = {}, options: MockOptions = {}) {
  const { app, config, tokens } = await mockSetup(defects, { dialect: 'idaas', ...overrides }, options);
  const { token, otherToken, expiredToken } = tokens;
  return { app, config, token, otherToken, expiredToken, units: () => app.directory.tenant(TENANT).queryUnits().total };
}
