/** Shared set-up of the HTTP tests: a tiny Directory-built state, tokens, contract validators. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import request from 'supertest';
import { loadContract } from '../../../contracts/index.ts';
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
  acme.createOu({ name: 'Engineering', description: 'Product engineering' });
  acme.createOu({ name: 'Platform', parent_id: IDS.eng, custom_attributes: { cost_center: 'CC-1' } });
  acme.createOu({ name: 'Sales' });
  acme.addUser({ id: IDS.ada, email: 'ada@acme.example', display_name: 'Ada', ou_id: IDS.eng });
  acme.addUser({ id: IDS.bob, email: 'bob@acme.example', display_name: 'Bob', ou_id: IDS.platform });
  dir.createTenant('globex').createOu({ name: 'Ops' });
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

const ajv = new Ajv2020({ strict: false, allErrors: true });
(formatsPlugin as unknown as (a: Ajv2020) => Ajv2020)(ajv);
ajv.addSchema({ $id: 'contract', components: loadContract().components });

/** Errors of `body` against a contract schema, e.g. `schemaErrors('ApiResponse_OUResponse_', body)`; [] when valid. */
export function schemaErrors(schema: string, body: unknown): string[] {
  const validate = ajv.getSchema(`contract#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema}`);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Errors of `body` against a schema object of the contract (its `$ref`s point into the contract's components); [] when valid. */
export function schemaErrorsFor(schema: unknown, body: unknown): string[] {
  const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"contract#/components/')) as object;
  const validate = ajv.compile(rebased);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
