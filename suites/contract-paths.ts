/**
 * A concrete path for a contract's path template, with no knowledge of the dialect: parameters
 * that name the tenant (`tenant_id`, `instanceId`, `project`) get the run's tenant, every other
 * one (`ou_id`, `id`, `applicationId`, …) the unit the check works on.
 */
const TENANT_PARAM = /tenant|instance|project/i;

/**
 * @example
 * fillPath('/api/v1/tenants/{tenant_id}/ous/{ou_id}', 'acme', 'u1'); // '/api/v1/tenants/acme/ous/u1'
 */
export function fillPath(template: string, tenantId: string, unitId: string): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(TENANT_PARAM.test(name) ? tenantId : unitId));
}
