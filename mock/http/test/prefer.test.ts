import { beforeAll, describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { loadContract, type OpenApiDocument } from '../../../contracts/index.ts';
import { BASE, IDS, bearer, http, schemaErrors, schemaErrorsFor, tinyApp, tokensFor, type Tokens } from './helpers.ts';

const ACME = `${BASE}/acme/ous`;
let app: MockApp;
let t: Tokens;
let changes = 0;

beforeAll(async () => {
  app = tinyApp();
  t = await tokensFor(app);
  app.onChange(() => changes++);
});

describe('Prism-compatible response selection', () => {
  it('Prefer: code=404 answers the documented example without touching state', async () => {
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(t.ro)).set('Prefer', 'code=404');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'OU 00000000-0000-4000-8000-000000000000 not found' });
    expect(res.headers['preference-applied']).toBe('code=404');
  });

  it('?__code=201 works like the header, and a write chosen this way changes nothing', async () => {
    const res = await http(app).post(`${ACME}?__code=201`).set(bearer(t.rw)).send({ name: 'Never stored' });
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe('Platform');
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    expect(changes).toBe(0);
  });

  it('Prefer: code=200 gives the first example; example=NAME picks a named one', async () => {
    const first = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200');
    expect(first.body.pagination.total_items).toBe(2);
    const named = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'example=empty');
    expect(named.status).toBe(200);
    expect(named.body.data).toEqual([]);
    const both = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200, example="empty"');
    expect(both.body.pagination.page).toBe(9);
  });

  it('Prefer: code=204 answers no body; code=401 carries WWW-Authenticate', async () => {
    const del = await http(app).delete(`${ACME}/${IDS.eng}`).set(bearer(t.rw)).set('Prefer', 'code=204');
    expect(del.status).toBe(204);
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    const unauth = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=401');
    expect(unauth.status).toBe(401);
    expect(unauth.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('Prefer: code=503 and code=429 carry Retry-After, documented or not; other codes do not', async () => {
    for (const code of ['503', '429']) {
      const res = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', `code=${code}`);
      expect(res.status).toBe(Number(code));
      expect(res.headers['retry-after']).toBe('5');
    }
    const other = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=500');
    expect(other.headers['retry-after']).toBeUndefined();
  });

  it('an example name the operation does not have answers 400 listing the valid names', async () => {
    const res = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'example=nope');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      detail: 'Example "nope" is not documented for listOus; valid examples: page, empty, missing, other_tenant, unknown_tenant, bad_name',
    });
    const withCode = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=200, example=unknown_ou');
    expect(withCode.status).toBe(400);
    expect(withCode.body.detail).toBe('Example "unknown_ou" is not documented for listOus response 200; valid examples: page, empty');
    const query = await http(app).get(`${ACME}/${IDS.eng}?__example=nosuch`).set(bearer(t.ro));
    expect(query.status).toBe(400);
    expect(query.body.detail).toContain('valid examples: found, missing');
  });

  it('any 4xx/5xx can be asked for: an undocumented one answers the generic {"detail"} error shape', async () => {
    for (const code of [500, 503, 418, 429, 400]) {
      const res = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', `code=${code}`);
      expect(res.status, String(code)).toBe(code);
      expect(schemaErrors('ErrorDetail', res.body), String(code)).toEqual([]);
      expect(res.headers['preference-applied']).toBe(`code=${code}`);
    }
    const res = await http(app).post(`${ACME}?__code=500`).set(bearer(t.rw)).send({ name: 'Never stored' });
    expect(res.body).toEqual({ detail: 'Internal Server Error' });
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
  });

  it('an undocumented success or redirect code, or a malformed one, answers 422 naming the Prefer header (or the __code query)', async () => {
    const undocumented = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=201');
    expect(undocumented.status).toBe(422);
    expect(undocumented.body.detail[0]).toMatchObject({ loc: ['header', 'Prefer'], msg: expect.stringContaining('201') });
    expect((await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'code=302')).status).toBe(422);
    const malformed = await http(app).get(`${ACME}?__code=abc`).set(bearer(t.ro));
    expect(malformed.body.detail[0].loc).toEqual(['query', '__code']);
  });

  it('?__code=409 on a DELETE answers the documented delete conflict, not the sibling clash of create and update', async () => {
    const res = await http(app).delete(`${ACME}/${IDS.eng}?__code=409`).set(bearer(t.rw));
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/has \d+ child OU\(s\); use MOVE_UP or CASCADE$/);
    expect(app.directory.tenant('acme').counts().ous).toBe(3);
    const users = await http(app).delete(`${ACME}/${IDS.eng}`).set(bearer(t.rw)).set('Prefer', 'example=has_users');
    expect(users.body.detail).toMatch(/user\(s\); use MOVE_UP or CASCADE$/);
  });

  it('the tenant-level reads answer an unknown tenant, not an unknown OU, as their canned 404', async () => {
    for (const path of [ACME, `${ACME}/tree`]) {
      const res = await http(app).get(path).set(bearer(t.ro)).set('Prefer', 'code=404');
      expect(res.body.detail, path).toMatch(/^Tenant .+ not found$/);
    }
  });

  it('every documented status of every operation answers a body its contract response allows', async () => {
    const contract = loadContract();
    let checked = 0;
    for (const [template, item] of Object.entries(contract.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; responses?: Record<string, unknown> }>)) {
        if (!op.operationId) continue;
        const path = template.replace('{tenant_id}', 'acme').replace('{ou_id}', IDS.eng);
        for (const [code, ref] of Object.entries(op.responses ?? {})) {
          const response = resolveResponse(contract, ref);
          const media = response.content?.['application/json'];
          const names = Object.keys(media?.examples ?? {});
          for (const example of names.length > 0 ? names : [undefined]) {
            const prefer = example === undefined ? `code=${code}` : `code=${code}, example=${example}`;
            const res = await http(app)[method as 'get'](path).set(bearer(t.rw)).set('Prefer', prefer);
            const what = `${op.operationId} ${prefer}`;
            expect(res.status, what).toBe(Number(code));
            if (!media) {
              expect(res.text, what).toBe('');
              continue;
            }
            expect(schemaErrorsFor(media.schema, res.body), what).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(changes).toBe(0);
  });

  it('auth still applies; dynamic=true and other preferences are ignored', async () => {
    expect((await http(app).get(ACME).set('Prefer', 'code=200')).status).toBe(401);
    expect((await http(app).get(ACME).set(bearer(t.globex)).set('Prefer', 'code=200')).status).toBe(403);
    const dynamic = await http(app).get(ACME).set(bearer(t.ro)).set('Prefer', 'dynamic=true, return=minimal');
    expect(dynamic.status).toBe(200);
    expect(dynamic.body.pagination.total_items).toBe(3);
  });
});

interface ResponseView {
  content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }>;
}

/** A response object of the contract, following a `$ref` to components/responses. */
function resolveResponse(contract: OpenApiDocument, response: unknown): ResponseView {
  const ref = (response as { $ref?: string }).$ref;
  if (ref === undefined) return response as ResponseView;
  const name = ref.replace('#/components/responses/', '');
  return (contract.components['responses'] as Record<string, ResponseView>)[name] as ResponseView;
}
