/**
 * The `orgunit-v2` dialect (seed 004, `dialects/orgunit-v2.md`): the Yii2-style OrgUnit API
 * over the shared state. The project is the token's tenant, so no request names one.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../types.ts';
import { V2_CHECKS } from './checks/index.ts';
import { V2_DEFECTS } from './defects.ts';
import { v2Driver } from './driver.ts';
import { HANDLERS, WRITES } from './handlers.ts';
import { renderError } from './render.ts';

const BEARER = /^Bearer +(\S+) *$/i;

/** The token of `Authorization: Bearer <token>` (V2-A1); any other scheme is no credential. */
export function bearerCredential(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  return value === undefined ? undefined : BEARER.exec(value)?.[1];
}

export const orgunitV2Dialect: Dialect = {
  id: 'orgunit-v2',
  title: 'OrgUnit v2 (Yii2 REST, seed 004)',
  contractFile: fileURLToPath(new URL('../../contracts/orgunit-v2.yaml', import.meta.url)),
  behaviourFile: fileURLToPath(new URL('../../contracts/behaviour/orgunit-v2.md', import.meta.url)),
  rulePrefix: 'V2',
  defects: V2_DEFECTS,
  mock: {
    credential: bearerCredential,
    tenantOf: () => undefined,
    handlers: HANDLERS,
    writes: WRITES,
    renderError,
  },
  verify: {
    driver: (send, tenantId, auth) => v2Driver(send, tenantId, auth),
    checks: V2_CHECKS,
    capabilities: { move: true, users: false, subtreeDelete: true, tenantInRequest: false },
    // The rule each shared check judges here: creating and reading back is V2-C1's 201; a
    // deleted id answering 404 is V2-D4's; an answer off the contract's shapes is V2-E1's.
    sharedRules: { hierarchy: 'V2-C1', isolation: 'V2-A1', use_after_free: 'V2-D4', auth: 'V2-A1', schema: 'V2-E1', negative_data: 'V2-E2' },
  },
};
