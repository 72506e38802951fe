/**
 * The idaas answers that are no operation's business result, over HTTP in the mock app and
 * against contracts/idaas.yaml: the mock's storage failing (503, as in every dialect, never a
 * 409 a client would take for a conflict), a method a path lacks (405), an unknown instance (404).
 */
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../contracts/model/index.ts';
import { createMockApp } from '../../../mock/app.ts';
import type { MockApp } from '../../../mock/app.ts';
import { StorageError } from '../../../mock/http/typed-errors.ts';
import { contractModelOf } from '../../../suites/contract-model.ts';
import { responseIssues } from '../../../suites/response-conformance.ts';
import { idaasDialect } from '../index.ts';
import { schemaErrors } from './contract.ts';

const OUS = '/v2/acme/app_any/organizationalUnits';
const doc = loadDocument(idaasDialect.contractFile);
const model = contractModelOf(doc);

/** What the contract says is wrong with an answer, a 5xx as such aside (that is the point here). */
function contractIssues(res: request.Response, method: string, path: string): string[] {
  const op = model.match(method, path.split('?')[0] as string);
  expect(op, `${method} ${path} is an operation of the contract`).toBeDefined();
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
  return responseIssues(op, { status: res.status, headers, text: res.text })
    .filter((i) => i.kind !== 'server-error')
    .map((i) => `${i.kind}: ${i.message}`);
}

describe('idaas: the mock\'s storage fails', () => {
  let app: MockApp;
  let token: string;
  beforeEach(async () => {
    app = createMockApp({
      seed: 42,
      writeAheadLog: {
        append: () => {
          throw new StorageError('The mock could not log the change: disk full');
        },
      },
    });
    token = await app.issueToken({ tenant_id: 'acme' });
  });

  it('every write answers 503 ServiceUnavailable with Retry-After, as documented for it, and changes nothing; reads still work', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const before = app.snapshot();
    const listed = await request(app.handle).get(OUS).query({ parentId: 'ou_root', pageSize: 1 }).set(auth);
    expect(listed.status).toBe(200);
    const unit = listed.body.data[0].organizationalUnitId as string;
    const writes: Array<[request.Test, string, string]> = [
      [request(app.handle).post(OUS).set(auth).send({ organizationalUnitName: 'Never stored', parentId: 'ou_root' }), 'POST', OUS],
      [request(app.handle).patch(`${OUS}/${unit}`).set(auth).send({ organizationalUnitName: 'Never renamed' }), 'PATCH', `${OUS}/${unit}`],
      [request(app.handle).delete(`${OUS}/${unit}`).set(auth), 'DELETE', `${OUS}/${unit}`],
    ];
    for (const [req, method, path] of writes) {
      const res = await req;
      expect(res.status, `${method} ${res.text}`).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({ requestId: expect.any(String), code: 'ServiceUnavailable', message: 'The change could not be stored and was not made; retry after 5 s.' });
      expect(contractIssues(res, method, path), `${method}: ${contractIssues(res, method, path).join('; ')}`).toEqual([]);
    }
    expect(app.snapshot()).toEqual(before);
    expect((await request(app.handle).get(`${OUS}/${unit}`).set(auth)).status).toBe(200);
  });

  it('with --auto-tenants a read meets it too (the new instance is stored on its first request): 503, as the read documents', async () => {
    const failing = {
      append: () => {
        throw new StorageError('The mock could not log the change: disk full');
      },
    };
    const auto = createMockApp({ seed: 42, preset: 'empty', autoTenants: 'empty', writeAheadLog: failing });
    const path = '/v2/fresh/app_any/organizationalUnits/ou_root';
    const res = await request(auto.handle).get(path).set('Authorization', `Bearer ${await auto.issueToken({ tenant_id: 'fresh' })}`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'ServiceUnavailable' });
    expect(contractIssues(res, 'GET', path)).toEqual([]);
    expect(auto.directory.hasTenant('fresh')).toBe(false);
  });
});

describe('idaas: answers outside the business rules, as the contract documents them', () => {
  let app: MockApp;
  beforeEach(() => {
    app = createMockApp({ seed: 42 });
  });

  it('every operation documents 503 ServiceUnavailable with Retry-After, and Prefer: code=503 answers its example', async () => {
    const ids = model.operations.map((op) => op.operationId);
    expect(ids).toHaveLength(6);
    for (const op of model.operations) {
      const spec = op.responses.get('503');
      expect(spec, `${op.operationId} documents 503`).toBeDefined();
      expect(spec?.headers.map((h) => h.name), op.operationId).toEqual(['Retry-After']);
    }
    const token = await app.issueToken({ tenant_id: 'acme' });
    const res = await request(app.handle).get(`${OUS}/ou_root`).set('Authorization', `Bearer ${token}`).set('Prefer', 'code=503');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'ServiceUnavailable' });
    expect(schemaErrors('IdaasError', res.body)).toEqual([]);
  });

  it('a method a path lacks answers 405 InvalidAction.NotFound with Allow, and the contract names that answer', async () => {
    const token = await app.issueToken({ tenant_id: 'acme' });
    const res = await request(app.handle).put(`${OUS}/ou_root`).set('Authorization', `Bearer ${token}`).send({});
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, DELETE, PATCH, HEAD');
    expect(res.body).toEqual({ requestId: expect.any(String), code: 'InvalidAction.NotFound', message: 'This path allows GET, DELETE, PATCH, HEAD.' });
    expect(schemaErrors('IdaasError', res.body)).toEqual([]);
    // No operation is reached, so no operation can list it: the document and the error's code list do.
    const documented = doc as unknown as { info: { description: string }; components: { schemas: { IdaasError: { properties: { code: { description: string } } } } } };
    expect(documented.info.description).toMatch(/405 `InvalidAction\.NotFound` with `Allow`/);
    const codes = documented.components.schemas.IdaasError.properties.code.description;
    expect(codes).toMatch(/`InvalidAction\.NotFound` \(404 for a\s+path of no operation, 405 for a method the path does not have\)/);
  });

  it('an unknown instanceId answers 404 naming instanceId and the instance, a documented answer of the operation', async () => {
    const token = await app.issueToken({ tenant_id: 'nowhere' });
    const path = '/v2/nowhere/app_any/organizationalUnits/ou_root';
    const res = await request(app.handle).get(path).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ requestId: expect.any(String), code: 'EntityNotExists.OrganizationalUnit', message: 'instanceId: the instance "nowhere" does not exist, nor any organizational unit of it.' });
    expect(contractIssues(res, 'GET', path)).toEqual([]);
  });
});
