/**
 * The `idaas` dialect: the IDaaS developer API's organizational units (seed 003,
 * `/v2/{instanceId}/{applicationId}/organizationalUnits…`), rules `ID-…` of idaas.md.
 */
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../types.ts';
import { IDAAS_CHECKS } from './checks/index.ts';
import { IDAAS_DEFECTS } from './defects.ts';
import { IdaasDriver } from './driver.ts';
import { HANDLERS, WRITES } from './handlers.ts';
import { renderError } from './render.ts';
import { credential, tenantOf } from './tenancy.ts';

export { IdaasDriver } from './driver.ts';
export { IDAAS_DEFECTS } from './defects.ts';
export { ROOT_OU } from './wire.ts';

export const idaasDialect: Dialect = {
  id: 'idaas',
  title: 'IDaaS developer API (organizational units)',
  contractFile: fileURLToPath(new URL('../../contracts/idaas.yaml', import.meta.url)),
  behaviourFile: fileURLToPath(new URL('../../contracts/behaviour/idaas.md', import.meta.url)),
  rulePrefix: 'ID',
  defects: IDAAS_DEFECTS,
  mock: { credential, tenantOf, handlers: HANDLERS, writes: WRITES, renderError },
  verify: {
    driver: (send, tenantId, auth, opts) => new IdaasDriver(send, tenantId, auth, opts),
    checks: IDAAS_CHECKS,
    capabilities: { move: false, users: false, subtreeDelete: false, tenantInRequest: true },
    // The shared checks, each under the rule of idaas.md it judges.
    sharedRules: { hierarchy: 'ID-C1', isolation: 'ID-A1', use_after_free: 'ID-D1', auth: 'ID-A1', negative_data: 'ID-E1', schema: 'ID-E1' },
  },
};
