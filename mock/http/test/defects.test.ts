import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { MockApp } from '../../app.ts';
import { DEFECTS, type Defect } from '../../defects.ts';
import { BASE, IDS, NOW, bearer, http, schemaErrors, tinyApp } from './helpers.ts';

const ACME = `${BASE}/acme/ous`;

async function withDefect(defect: Defect): Promise<{ app: MockApp; rw: string; ro: string }> {
  const app = tinyApp({ defects: new Set([defect]) });
  return {
    app,
    rw: await app.issueToken({ tenant_id: 'acme' }),
    ro: await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] }),
  };
}

describe('HTTP-layer defect switches (each breaks its rule; off by default)', () => {
  const httpDefects = Object.entries(DEFECTS).filter(([, d]) => d.layer === 'http').map(([name]) => name);

  it('covers every http defect of the registry in this file', () => {
    expect(httpDefects.sort()).toEqual(
      ['accept-alg-none', 'accept-expired', 'error-detail-shape', 'ignore-scopes', 'ignore-token-tenant', 'no-envelope', 'response-schema-break', 'validation-error-shape'].sort(),
    );
  });

  it('no-envelope (OU-E1): single objects come bare', async () => {
    const { app, ro } = await withDefect('no-envelope');
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(ro));
    expect(res.body).toMatchObject({ id: IDS.eng, name: 'Engineering' });
    expect(res.body.data).toBeUndefined();
    expect(schemaErrors('ApiResponse_OUResponse_', res.body)).not.toEqual([]);
  });

  it('validation-error-shape (OU-E3): 422 bodies are {"error"}', async () => {
    const { app, ro } = await withDefect('validation-error-shape');
    const res = await http(app).get(`${ACME}?page=0`).set(bearer(ro));
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: expect.stringContaining('query.page') });
  });

  it('error-detail-shape (OU-E4): 404 and 409 bodies are {"message"}; others keep detail', async () => {
    const { app, rw } = await withDefect('error-detail-shape');
    expect((await http(app).get(`${ACME}/nope`).set(bearer(rw))).body).toEqual({ message: expect.any(String) });
    expect((await http(app).post(ACME).set(bearer(rw)).send({ name: 'Sales' })).body).toEqual({ message: expect.any(String) });
    expect((await http(app).get(ACME)).body).toEqual({ detail: 'Missing bearer token' });
  });

  it('accept-alg-none (OU-A1): an unsigned token is accepted', async () => {
    const { app } = await withDefect('accept-alg-none');
    const none = new UnsecuredJWT({ tenant_id: 'acme', scope: 'ous:read', exp: Math.floor(NOW.getTime() / 1000) + 60 }).encode();
    expect((await http(app).get(ACME).set(bearer(none))).status).toBe(200);
    expect((await http(tinyApp()).get(ACME).set(bearer(none))).status).toBe(401);
  });

  it('accept-expired (OU-A1): an expired token is accepted', async () => {
    const { app } = await withDefect('accept-expired');
    const expired = await app.issueToken({ tenant_id: 'acme', expires_in: -60 });
    expect((await http(app).get(ACME).set(bearer(expired))).status).toBe(200);
  });

  it('ignore-token-tenant (OU-A2): a token of another tenant gets data', async () => {
    const { app } = await withDefect('ignore-token-tenant');
    const globex = await app.issueToken({ tenant_id: 'globex' });
    expect((await http(app).get(ACME).set(bearer(globex))).status).toBe(200);
  });

  it('ignore-scopes (OU-A3): a read-only token may write', async () => {
    const { app, ro } = await withDefect('ignore-scopes');
    expect((await http(app).post(ACME).set(bearer(ro)).send({ name: 'Written' })).status).toBe(201);
  });

  it('response-schema-break (OU-E1): user_count is a string', async () => {
    const { app, ro } = await withDefect('response-schema-break');
    const res = await http(app).get(`${ACME}/${IDS.eng}`).set(bearer(ro));
    expect(res.body.data.user_count).toBe('1');
    expect(schemaErrors('ApiResponse_OUResponse_', res.body)).toContain('/data/user_count must be integer');
  });

  it('a core defect reaches the core through the app (get-unknown-crash answers 500, {detail} only)', async () => {
    const { app, ro } = await withDefect('get-unknown-crash');
    const res = await http(app).get(`${ACME}/nope`).set(bearer(ro));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error' });
  });
});
