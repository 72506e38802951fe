/**
 * The `ou-api` dialect: the Organizational Units API of contracts/ou-api.yaml (the mock's
 * first API), as one folder behind the Dialect seam: its identity, its mock side (mock.ts)
 * and its verifier side (verify.ts: driver, the suites' CHECKS, the shared checks' rules).
 */
import { fileURLToPath } from 'node:url';
import { DEFECTS } from '../../mock/defects.ts';
import type { Dialect } from '../types.ts';
import { ouApiMock } from './mock.ts';
import { ouApiVerify } from './verify.ts';

export { ouApiMock, ouCredential } from './mock.ts';
export { defectPolicies } from './defect-policies.ts';
export { OuOperations } from './operations.ts';

/** The OU API's defect switches (mock/defects.ts): name -> the one rule each breaks. */
export const OU_API_DEFECTS: Readonly<Record<string, { rule: string; what: string }>> = Object.fromEntries(
  Object.entries(DEFECTS).map(([name, { rule, what }]) => [name, { rule, what }]),
);

/** Everything of the ou-api Dialect but its verifier side. */
export const ouApiDialectBase: Omit<Dialect, 'verify'> = {
  id: 'ou-api',
  title: 'Organizational Units API (OU API)',
  contractFile: fileURLToPath(new URL('../../contracts/ou-api.yaml', import.meta.url)),
  behaviourFile: fileURLToPath(new URL('../../contracts/behaviour/ou-api-behaviour.md', import.meta.url)),
  rulePrefix: 'OU',
  defects: OU_API_DEFECTS,
  mock: ouApiMock,
};

export const ouApiDialect: Dialect = { ...ouApiDialectBase, verify: ouApiVerify };
