/** Where an idaas request carries its credential and names its tenant (ID-A1). */
import type { IncomingHttpHeaders } from 'node:http';
import type { DialectEnv, DialectRequest } from '../types.ts';
import { defectOn } from './defects.ts';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The token of `Authorization: Bearer <token>`. Any other value is handed on as it is, so
 * the host refuses it as a malformed token (401) rather than as a missing one.
 */
export function credential(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  return BEARER.exec(header)?.[1] ?? header;
}

/** The instance of the path is the tenant; the host answers 403 when the token's is another. */
export function tenantOf(req: DialectRequest, env: DialectEnv): string | undefined {
  if (defectOn(env.defects, 'id-tenant-from-token')) return undefined;
  const instanceId = req.params['instanceId'];
  return defectOn(env.defects, 'id-instance-id-normalised') ? instanceId?.trim().toLowerCase() : instanceId;
}
