import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockApp, type MockApp } from '../../app.ts';

const AD = '/api/v2/organizational_units';

let app: MockApp;
let token: string;

beforeEach(async () => {
  app = createMockApp({ seed: 42 });
  token = await app.issueToken({ tenant_id: 'acme' });
});

const setDomain = (tenant: string, dnsName: string | null) =>
  request(app.handle).put(`/__mock/tenants/${tenant}/domain`).set('Content-Type', 'application/json').send({ dns_name: dnsName });

const adList = (domains: string) => request(app.handle).get(AD).query({ domains, limit: 1, fields: 'DISTINGUISHED_NAME,OU_NAME' }).set('Authorization', token);

describe('PUT /__mock/tenants/{id}/domain: the AD domain of a tenant', () => {
  it('makes the admanager dialect answer for the new domain only, in DNs and canonical names', async () => {
    const set = await setDomain('acme', 'Corp.Acme.Test');
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ data: { tenant_id: 'acme', dns_name: 'corp.acme.test' } });
    const listed = await adList('corp.acme.test');
    expect(listed.status).toBe(200);
    const [row] = listed.body.data as Array<{ DISTINGUISHED_NAME: string; OU_NAME: string }>;
    expect(row?.DISTINGUISHED_NAME).toMatch(/,DC=corp,DC=acme,DC=test$/);
    expect(row?.OU_NAME).toMatch(/^corp\.acme\.test\//);
    const old = await adList('acme.example.com');
    expect(old.status).toBe(400);
    expect(old.body.code).toBe('00000107');
  });

  it('goes back to <tenant>.example.com with null', async () => {
    await setDomain('acme', 'corp.acme.test');
    const reset = await setDomain('acme', null);
    expect(reset.body).toEqual({ data: { tenant_id: 'acme', dns_name: 'acme.example.com' } });
    expect((await adList('acme.example.com')).status).toBe(200);
  });

  it("refuses a name that is no DNS name, or another tenant's domain, naming the field; nothing changes", async () => {
    for (const bad of ['acme', 'under_score.test', 'globex.example.com']) {
      const res = await setDomain('acme', bad);
      expect(res.status, bad).toBe(422);
      expect(res.body.detail[0].loc, bad).toEqual(['body', 'dns_name']);
    }
    expect((await adList('acme.example.com')).status).toBe(200);
  });

  it('answers 404 for an unknown tenant', async () => {
    expect((await setDomain('nosuch', 'nosuch.test')).status).toBe(404);
  });
});
