/** Calling the admanager handlers directly on a Directory: requests, env, the page's example data. */
import { randomUUID } from 'node:crypto';
import { Directory } from '../../../mock/core/index.ts';
import type { Tenant } from '../../../mock/core/index.ts';
import type { UnitView } from '../../../mock/core/units.ts';
import type { Claims, DialectEnv, DialectRequest, DialectResponse } from '../../types.ts';
import { listAdOus, updateAdOus } from '../handlers.ts';

export const T0 = Date.parse('2026-03-07T14:05:09.042Z');

/** Two tenants (acme, globex), a clock that ticks 1 s per reading, random UUIDs. */
export function makeDirectory(): Directory {
  let clock = 0;
  const dir = new Directory({ clock: () => new Date(T0 + clock++ * 1000), newId: randomUUID });
  dir.createTenant('acme');
  dir.createTenant('globex');
  return dir;
}

export function env(directory: Directory, defects: readonly string[] = []): DialectEnv {
  return { directory, clock: () => new Date(T0), defects: new Set(defects) };
}

export const FULL: Claims = { tenantId: 'acme', scopes: ['ous:read', 'ous:write'] };

export function request(operationId: 'listAdOus' | 'updateAdOus', query: Record<string, unknown>, opts: { body?: unknown; claims?: Claims; headers?: Record<string, string> } = {}): DialectRequest {
  const domainKey = operationId === 'listAdOus' ? 'domains' : 'domain';
  return {
    operationId,
    method: operationId === 'listAdOus' ? 'GET' : 'PATCH',
    pathname: '/api/v2/organizational_units',
    params: {},
    query: { [domainKey]: 'acme.example.com', ...query },
    rawQuery: '',
    headers: { authorization: 'token', ...opts.headers },
    body: opts.body,
    requestId: 'test',
    claims: opts.claims ?? FULL,
  };
}

export function list(dir: Directory, query: Record<string, unknown> = {}, opts: Parameters<typeof request>[2] & { defects?: readonly string[] } = {}): DialectResponse {
  return listAdOus(dir.tenant('acme'), request('listAdOus', query, opts), env(dir, opts.defects));
}

export function patch(dir: Directory, query: Record<string, unknown>, attributes: Record<string, unknown>, opts: Parameters<typeof request>[2] & { defects?: readonly string[] } = {}): DialectResponse {
  return updateAdOus(dir.tenant('acme'), request('updateAdOus', query, { body: { data: { attributes } }, ...opts }), env(dir, opts.defects));
}

/** `data` of a 200. */
export function dataOf(res: DialectResponse): Array<Record<string, unknown>> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { data: Array<Record<string, unknown>> }).data;
}

/** The page's example: OUS with OUAPI1 (Chennai, Manager 1) and OUAPI2 (Bangalore, Manager 2). */
export function pageExample(t: Tenant): Record<string, UnitView> {
  const ous = t.createUnit({ name: 'OUS' });
  const one = t.createUnit({ name: 'OUAPI1', parentId: ous.id, fields: { ad: { l: 'Chennai', co: 'India', managedBy: 'Manager 1' } } });
  const two = t.createUnit({ name: 'OUAPI2', parentId: ous.id, fields: { ad: { l: 'Bangalore', co: 'India', managedBy: 'Manager 2' } } });
  return { ous, one, two };
}
