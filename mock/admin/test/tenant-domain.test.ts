import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { domainOf } from '../../../dialects/admanager/domains.ts';
import { createMockApp, type MockApp } from '../../app.ts';
import { Directory, SnapshotError, type Snapshot } from '../../core/index.ts';
import { startMockServer } from '../../server.ts';

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

describe('the AD domain is part of the tenant state: nothing is lost', () => {
  const exported = async () => (await request(app.handle).get('/__mock/snapshot')).body as Snapshot;
  const importSnapshot = (snap: object) => request(app.handle).put('/__mock/snapshot').set('Content-Type', 'application/json').send(snap);

  it('is exported as ad_domain and comes back with an import', async () => {
    await setDomain('acme', 'corp.acme.test');
    const snap = await exported();
    expect(snap.tenants.find((t) => t.tenant_id === 'acme')?.ad_domain).toBe('corp.acme.test');
    expect(snap.tenants.find((t) => t.tenant_id === 'globex')).not.toHaveProperty('ad_domain');
    await setDomain('acme', null);
    expect((await importSnapshot(snap)).status).toBe(200);
    expect((await adList('corp.acme.test')).body.data[0].DISTINGUISHED_NAME).toMatch(/,DC=corp,DC=acme,DC=test$/);
    expect((await adList('acme.example.com')).status).toBe(400);
  });

  it('refuses an empty or non-string ad_domain, or one two tenants share, naming the field; nothing changes', async () => {
    const snap = await exported();
    for (const [bad, loc, message] of [
      [[''], ['body', 'tenants', 0, 'ad_domain'], /at least 1 character/],
      [[42], ['body', 'tenants', 0, 'ad_domain'], /string/],
      [['corp.test', 'CORP.test'], ['body', 'tenants', 1, 'ad_domain'], /"CORP\.test" is already the domain of tenant "acme"/],
    ] as const) {
      const tenants = snap.tenants.map((t, i) => (i < bad.length ? { ...t, ad_domain: bad[i] } : t));
      const res = await importSnapshot({ ...snap, tenants });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.body.detail[0].loc).toEqual(loc);
      expect(res.body.detail[0].msg).toMatch(message);
    }
    expect(await exported()).toEqual(snap);
  });

  it("a tenant's reset keeps the domain; reset-all goes back to the reset state's (the default here)", async () => {
    await setDomain('acme', 'corp.acme.test');
    await request(app.handle).post('/__mock/tenants/acme/reset').set('Content-Type', 'application/json');
    expect((await adList('corp.acme.test')).status).toBe(200);
    await request(app.handle).post('/__mock/reset').set('Content-Type', 'application/json');
    expect((await adList('acme.example.com')).status).toBe(200);
  });

  it('a reset to an imported state that names another domain takes that one, unless another tenant holds it', async () => {
    await setDomain('acme', 'corp.acme.test');
    await importSnapshot(await exported());
    await setDomain('acme', 'new.acme.test');
    expect((await request(app.handle).post('/__mock/tenants/acme/reset').set('Content-Type', 'application/json')).status).toBe(200);
    expect((await adList('corp.acme.test')).status).toBe(200);
    await setDomain('acme', 'new.acme.test');
    await setDomain('globex', 'corp.acme.test');
    const clash = await request(app.handle).post('/__mock/tenants/acme/reset').set('Content-Type', 'application/json');
    expect(clash.status).toBe(422);
    expect(clash.body.detail[0].loc).toEqual(['ad_domain']);
    expect((await adList('new.acme.test')).status).toBe(200);
  });
});

describe('the snapshot loader (state files take this path, not the admin API schema)', () => {
  it('refuses an empty or non-string ad_domain, or a shared one, naming the field', () => {
    const tenant = (id: string, adDomain: unknown) => ({ tenant_id: id, ad_domain: adDomain, ous: [], users: [] });
    for (const [tenants, at, message] of [
      [[tenant('acme', '')], ['tenants', 0, 'ad_domain'], /non-empty string/],
      [[tenant('acme', null)], ['tenants', 0, 'ad_domain'], /non-empty string/],
      [[tenant('acme', 'a.test'), tenant('globex', 'A.Test')], ['tenants', 1, 'ad_domain'], /"A\.Test" is already the domain of tenant "acme"/],
    ] as const) {
      const load = () => Directory.fromSnapshot({ version: 1, tenants } as unknown as Snapshot);
      expect(load).toThrow(SnapshotError);
      expect(load).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ at, message: expect.stringMatching(message) })] }));
    }
  });
});

describe('the AD domain across restarts with a state file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is still there after the log was compacted into the state file and the mock started again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ou-ad-domain-'));
    const file = join(dir, 'state.json');
    const first = await startMockServer({ port: 0, stateFile: file, seed: 42 });
    const res = await fetch(`${first.url}/__mock/tenants/acme/domain`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"dns_name":"corp.acme.test"}' });
    expect(res.status).toBe(200);
    // Closing saves the state file and drops the log: the domain must be in the snapshot itself.
    await first.close();
    expect(JSON.parse(readFileSync(file, 'utf8')).tenants[0]).toMatchObject({ tenant_id: 'acme', ad_domain: 'corp.acme.test' });
    const second = await startMockServer({ port: 0, stateFile: file });
    try {
      expect(domainOf(second.app.directory, 'acme')).toBe('corp.acme.test');
    } finally {
      await second.close();
    }
  });
});
