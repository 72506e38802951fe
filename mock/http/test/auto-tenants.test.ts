import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../app.ts';
import type { LoggedOperation } from '../../operation-log.ts';
import { BASE, bearer, clock, http, tinyApp } from './helpers.ts';

describe('--auto-tenants', () => {
  it('is off by default: an unknown tenant answers 404', async () => {
    const res = await http(tinyApp({ auth: false })).get(`${BASE}/newco/ous`);
    expect([res.status, res.body]).toEqual([404, { detail: 'Tenant newco not found' }]);
  });

  it('empty: an unknown tenant is created, empty, on its first request, and keeps what is written to it', async () => {
    const app = tinyApp({ auth: false, autoTenants: 'empty' });
    const list = await http(app).get(`${BASE}/newco/ous`);
    expect(list.status).toBe(200);
    expect(list.body.pagination.total_items).toBe(0);
    expect((await http(app).post(`${BASE}/other/ous`).send({ name: 'First' })).status).toBe(201);
    expect((await http(app).get('/__mock/tenants')).body.data).toEqual(
      expect.arrayContaining([
        { tenant_id: 'newco', ous: 0, users: 0 },
        { tenant_id: 'other', ous: 1, users: 0 },
      ]),
    );
  });

  it('seeded: the new tenant gets the 50 OUs and 500 users of a seeded tenant', async () => {
    const app = tinyApp({ auth: false, autoTenants: 'seeded' });
    const tree = await http(app).get(`${BASE}/newco/ous?per_page=1`);
    expect(tree.body.pagination.total_items).toBeGreaterThan(0);
    expect(app.directory.tenant('newco').counts()).toEqual({ ous: 50, users: 500 });
  });

  it('creates nothing for an id a tenant cannot have, nor for a token of another tenant', async () => {
    const app = tinyApp({ autoTenants: 'empty' });
    const token = await app.issueToken({ tenant_id: 'acme' });
    expect((await http(app).get(`${BASE}/${'x'.repeat(65)}/ous`).set(bearer(await app.issueToken({ tenant_id: 'x'.repeat(65) })))).status).toBe(404);
    expect((await http(app).get(`${BASE}/newco/ous`).set(bearer(token))).status).toBe(403);
    expect(app.directory.hasTenant('newco')).toBe(false);
    const own = await app.issueToken({ tenant_id: 'newco' });
    expect((await http(app).get(`${BASE}/newco/ous`).set(bearer(own))).status).toBe(200);
    expect(app.directory.hasTenant('newco')).toBe(true);
  });

  it('logs the creation ahead of the writes into the tenant, so a restart replays both', async () => {
    const log: LoggedOperation[] = [];
    const append = (entry: Omit<LoggedOperation, 'seq'>): LoggedOperation => {
      const logged = { ...entry, seq: log.length + 1 };
      log.push(logged);
      return logged;
    };
    const app = createMockApp({ preset: 'empty', auth: false, clock, autoTenants: 'empty', writeAheadLog: { append } });
    const created = await http(app).post(`${BASE}/newco/ous`).send({ name: 'Kept' });
    expect(created.status).toBe(201);
    expect(log.map((e) => [e.api, e.op])).toEqual([
      ['admin', 'createTenant'],
      ['ou', 'createOu'],
    ]);
    const restarted = createMockApp({ preset: 'empty', auth: false, clock });
    expect(await restarted.replay(log)).toBe(2);
    expect(restarted.snapshot()).toEqual(app.snapshot());
  });
});
