/**
 * The `admanager` dialect: the AD management product's Organizational Units API (seed 002,
 * rules AD-… in contracts/behaviour/admanager.md): `GET`/`PATCH /api/v2/organizational_units`
 * over the shared state, a tenant being the AD domain `<tenant>.example.com`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../types.ts';
import { AD_CHECKS } from './checks/index.ts';
import { AD_DEFECTS } from './defects.ts';
import { adDriver } from './driver.ts';
import { listAdOus, updateAdOus } from './handlers.ts';
import { renderAdError } from './render.ts';
import { adTenantOf } from './tenant.ts';

export { domainOf, setTenantDomain, tenantOfDomain, DomainNameError } from './domains.ts';

/** `Authorization: <token>` as the page sends it, or `Bearer <token>` (AD-A1). */
function credential(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers.authorization?.trim();
  if (raw === undefined || raw === '') return undefined;
  return raw.replace(/^Bearer\s+/i, '');
}

export const admanagerDialect: Dialect = {
  id: 'admanager',
  title: 'AD manager Organizational Units API',
  contractFile: fileURLToPath(new URL('../../contracts/admanager.yaml', import.meta.url)),
  behaviourFile: fileURLToPath(new URL('../../contracts/behaviour/admanager.md', import.meta.url)),
  rulePrefix: 'AD',
  defects: AD_DEFECTS,
  mock: {
    credential,
    tenantOf: adTenantOf,
    handlers: { listAdOus, updateAdOus },
    writes: new Set(['updateAdOus']),
    renderError: renderAdError,
  },
  verify: {
    driver: adDriver,
    checks: AD_CHECKS,
    capabilities: { move: true, users: false, subtreeDelete: true, tenantInRequest: true },
    sharedRules: { hierarchy: 'AD-U3', isolation: 'AD-A2', use_after_free: 'AD-U1', auth: 'AD-A1', schema: 'AD-E1', negative_data: 'AD-E1' },
  },
};
