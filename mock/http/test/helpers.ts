/** Shared set-up of the HTTP tests: a tiny Directory-built state, tokens, contract validators. */
import request from 'supertest';
import { CONTRACT_PATH } from '../../../contracts/index.ts';
import { documentSchemas, loadDocument, toPointer } from '../../../contracts/model/index.ts';
import { createMockApp, type MockApp, type MockOptions } from '../../app.ts';
import { Directory, type Snapshot } from '../../core/index.ts';

export const NOW = new Date('2026-01-15T09:30:00.000Z');
export const clock = (): Date => NOW;

export const BASE = '/api/v1/tenants';

/** Ids of the tiny state, fixed so tests can name them. */
export const IDS = {
  eng: 'ou-eng',
  platform: 'ou-platform',
  sales: 'ou-sales',
  globexOu: 'ou-globex',
  ada: 'user-ada',
  bob: 'user-bob',
} as const;

/**
 * acme: /Engineering (ada) > /Engineering/Platform (bob), /Sales; globex: /Ops.
 * Built with the domain core itself, so the state is valid by construction.
 */
export function tinySnapshot(): Snapshot {
  const ids = [IDS.eng, IDS.platform, IDS.sales, IDS.globexOu];
  const dir = new Directory({ clock, newId: () => ids.shift() ?? 'unexpected' });
  const acme = dir.createTenant('acme');
  acme.createUnit({ name: 'Engineering', description: 'Product engineering' });
  acme.createUnit({ name: 'Platform', parentId: IDS.eng, customAttributes: { cost_center: 'CC-1' } });
  acme.createUnit({ name: 'Sales' });
  acme.createUser({ id: IDS.ada, email: 'ada@acme.example', displayName: 'Ada', unitId: IDS.eng });
  acme.createUser({ id: IDS.bob, email: 'bob@acme.example', displayName: 'Bob', unitId: IDS.platform });
  dir.createTenant('globex').createUnit({ name: 'Ops' });
  return dir.toSnapshot();
}

/** An app over the tiny state (preset 'empty', so nothing is generated). */
export function tinyApp(opts: MockOptions = {}): MockApp {
  return createMockApp({ preset: 'empty', snapshot: tinySnapshot(), clock, ...opts });
}

export interface Tokens {
  rw: string;
  ro: string;
  wo: string;
  globex: string;
  /** A valid token for a tenant that does not exist. */
  ghost: string;
}

export async function tokensFor(app: MockApp): Promise<Tokens> {
  return {
    rw: await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read', 'ous:write'] }),
    ro: await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] }),
    wo: await app.issueToken({ tenant_id: 'acme', scopes: ['ous:write'] }),
    globex: await app.issueToken({ tenant_id: 'globex' }),
    ghost: await app.issueToken({ tenant_id: 'ghost' }),
  };
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** supertest against the listener, in process (supertest opens an ephemeral loopback server). */
export function http(app: MockApp): ReturnType<typeof request> {
  return request(app.handle);
}

/** Errors of `body` against a contract schema, e.g. `schemaErrors('ApiResponse_OUResponse_', body)`; [] when valid. */
export function schemaErrors(schema: string, body: unknown): string[] {
  const doc = loadDocument(CONTRACT_PATH);
  if (doc.components.schemas[schema] === undefined) throw new Error(`no schema ${schema}`);
  const validate = documentSchemas(doc).at(toPointer(['components', 'schemas', schema]));
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Errors of `body` against a schema object of the contract (its `$ref`s point into the contract's components); [] when valid. */
export function schemaErrorsFor(schema: unknown, body: unknown): string[] {
  // Placed inside a copy of the contract, so its local `$ref`s resolve there; compiled by the one Ajv setup.
  const validate = documentSchemas({ ...loadDocument(CONTRACT_PATH), 'x-probe': schema }).at('/x-probe');
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
