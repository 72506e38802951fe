import { describe, expect, it } from 'vitest';
import { createMockApp } from '../../app.ts';
import { BASE, bearer, clock, http, tinyApp, tinySnapshot } from './helpers.ts';

describe('createMockApp', () => {
  it('seeds preset small from seed 42 by default, the same bytes every time', () => {
    const a = createMockApp({ clock });
    expect(a.directory.tenantIds()).toEqual(['acme', 'globex', 'initech']);
    expect(a.directory.tenant('acme').counts()).toEqual({ ous: 50, users: 500 });
    expect(JSON.stringify(createMockApp({ clock }).snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(JSON.stringify(createMockApp({ clock, seed: 1 }).snapshot())).not.toBe(JSON.stringify(a.snapshot()));
  });

  it('preset empty has no tenants; a snapshot option is the starting state', () => {
    expect(createMockApp({ preset: 'empty' }).directory.tenantIds()).toEqual([]);
    expect(tinyApp().snapshot()).toEqual(tinySnapshot());
  });

  it('an invalid starting snapshot throws the ValidationError naming the item', () => {
    const snap = tinySnapshot();
    (snap.tenants[0]?.ous[0] as { name: string }).name = 'a/b';
    expect(() => createMockApp({ snapshot: snap })).toThrow(/tenants\.0\.ous\.0\.name/);
  });

  it('issueToken signs tokens the app accepts (tenant_id, scope, exp)', async () => {
    const app = tinyApp();
    const token = await app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'], expires_in: 60 });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ tenant_id: 'acme', scope: 'ous:read', exp: Math.floor(clock().getTime() / 1000) + 60 });
    expect((await http(app).get(`${BASE}/acme/ous`).set(bearer(token))).status).toBe(200);
  });

  it('onChange listeners fire after successful writes only, and unsubscribe', async () => {
    const app = tinyApp({ auth: false });
    const seen: string[] = [];
    const off = app.onChange(() => seen.push('a'));
    app.onChange(() => {
      throw new Error('a failing listener does not break the response');
    });
    expect((await http(app).post(`${BASE}/acme/ous`).send({ name: 'New' })).status).toBe(201);
    expect((await http(app).post(`${BASE}/acme/ous`).send({ name: 'New' })).status).toBe(409);
    expect((await http(app).get(`${BASE}/acme/ous`)).status).toBe(200);
    expect(seen).toEqual(['a']);
    off();
    await http(app).post(`${BASE}/acme/ous`).send({ name: 'Newer' });
    expect(seen).toEqual(['a']);
  });

  it('directory follows an import (it is read through, not kept)', async () => {
    const app = tinyApp();
    const snap = tinySnapshot();
    snap.tenants.pop();
    await http(app).put('/__mock/snapshot').send(snap);
    expect(app.directory.tenantIds()).toEqual(['acme']);
  });
});
