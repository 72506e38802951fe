/**
 * The verifier side of the OU API dialect: its driver, its checks (the suites' CHECKS) and
 * the OU rule each shared check judges. Schema and status conformance and negative data are
 * left to the OU API's own checks (post.ts, validation.ts, generic.ts): they judge every
 * answer under the rule its status belongs to, with the allowances the OU rules make (OU-E6's
 * parser 400), and send the malformed requests a proxy in front of the API still answers.
 */
import { CHECKS } from '../../suites/checks/index.ts';
import type { DialectVerify } from '../types.ts';
import { ouApiDriver } from './driver.ts';

export const ouApiVerify: DialectVerify = {
  driver: (send, tenantId, auth) => ouApiDriver(send, tenantId, auth),
  checks: CHECKS,
  capabilities: { move: true, users: true, subtreeDelete: true, tenantInRequest: true },
  sharedRules: {
    hierarchy: 'OU-H1',
    isolation: 'OU-T1',
    use_after_free: 'OU-D5',
    auth: 'OU-A1',
  },
};
