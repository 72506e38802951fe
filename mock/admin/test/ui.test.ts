import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTRACT_PATH } from '../../../contracts/index.ts';
import { BASE, IDS, http, tinyApp } from '../../http/test/helpers.ts';

const UI_DIR = fileURLToPath(new URL('../../ui/', import.meta.url));

describe('home page and API docs (served files)', () => {
  it('serves the page at / and /__mock, with every file it references, and framing refused', async () => {
    const app = tinyApp();
    for (const path of ['/', '/__mock', '/__mock/', '/__mock/docs']) {
      const res = await http(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      for (const [, ref] of res.text.matchAll(/(?:src|href)="(\/[^"]*)"/g)) {
        const file = await http(app).get(ref as string);
        expect(file.status, `${path} -> ${ref}`).toBe(200);
        expect(file.headers['content-type'], ref).toMatch(/^(text\/(javascript|css|html)|application\/(json|yaml)); charset=utf-8$|^application\/json$/);
      }
    }
    expect((await http(app).get('/__mock/docs/swagger-ui-bundle.js')).text.length).toBeGreaterThan(500_000);
    expect((await http(app).get('/__mock/ui/nope.js')).status).toBe(404);
    expect((await http(app).get('/__mock/docs/../../package.json')).status).toBe(404);
  });

  it('names no external URL: everything the page loads is served by the mock', () => {
    for (const name of readdirSync(UI_DIR)) {
      expect(readFileSync(`${UI_DIR}${name}`, 'utf8'), name).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    }
  });

  it('serves the files without the admin key, while the data routes they call still need it', async () => {
    const app = tinyApp({ admin: { key: 'k-123' } });
    expect((await http(app).get('/')).status).toBe(200);
    expect((await http(app).get('/__mock/ui/home.js')).status).toBe(200);
    expect((await http(app).get('/__mock/openapi/ou-api.yaml')).status).toBe(200);
    expect((await http(app).get('/__mock/tenants')).status).toBe(403);
    expect((await http(app).get('/__mock/journal')).status).toBe(403);
    expect((await http(app).get('/__mock/tenants').set('X-Admin-Key', 'k-123')).status).toBe(200);
  });

  it('sends no CORS headers on the pages and documents (same origin only)', async () => {
    for (const path of ['/', '/__mock/docs', '/openapi.yaml', '/__mock/openapi/ou-api.yaml']) {
      const res = await http(tinyApp()).get(path).set('Origin', 'http://evil.test');
      expect(res.headers['access-control-allow-origin'], path).toBeUndefined();
    }
  });

  it('does not record page and admin reads in the journal', async () => {
    const app = tinyApp();
    for (const path of ['/', '/__mock', '/__mock/ui/home.js', '/openapi.yaml', '/__mock/openapi', '/__mock/tenants']) await http(app).get(path);
    expect((await http(app).get('/__mock/journal')).body.data).toEqual([]);
  });
});

describe('API documents', () => {
  it('/openapi.yaml is the OU API contract as shipped', async () => {
    const res = await http(tinyApp()).get('/openapi.yaml');
    expect(res.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(res.text).toBe(readFileSync(CONTRACT_PATH, 'utf8'));
  });

  it('lists every contract file (OU API first) and the admin API, each served with this mock as its only server', async () => {
    const app = tinyApp();
    const list = await http(app).get('/__mock/openapi');
    expect(list.body.data.map((d: { id: string; credential: string }) => [d.id, d.credential])).toEqual([
      ['ou-api', 'bearer'],
      ['admanager', 'bare'],
      ['idaas', 'bearer'],
      ['orgunit-v2', 'bearer'],
      ['admin', 'none'],
    ]);
    for (const { id, url } of list.body.data as Array<{ id: string; url: string }>) {
      const res = await http(app).get(url);
      expect(res.status, url).toBe(200);
      const doc = parse(res.text) as { openapi: string; servers: Array<{ url: string }>; info: Record<string, unknown> };
      expect(doc.openapi, url).toBe('3.1.0');
      expect(doc.servers, url).toEqual([{ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), description: 'This mock' }]);
      if (id !== 'admin' && id !== 'ou-api') expect(doc.info['x-ou-dialect']).toBe(id);
    }
    expect((await http(app).get('/__mock/openapi/nope.yaml')).status).toBe(404);
  });

  it('never writes a malformed Host into a document', async () => {
    const res = await http(tinyApp()).get('/__mock/openapi/ou-api.yaml').set('Host', 'evil.test/x?"');
    expect((parse(res.text) as { servers: Array<{ url: string }> }).servers[0]?.url).toBe('http://127.0.0.1');
  });
});

describe('explorer routes', () => {
  it('browses the top level, the children of an OU and its users, with counts', async () => {
    const app = tinyApp();
    const top = await http(app).get('/__mock/tenants/acme/ous');
    expect(top.body).toEqual({
      data: [
        { id: IDS.eng, name: 'Engineering', path: '/Engineering', child_ou_count: 1, user_count: 1 },
        { id: IDS.sales, name: 'Sales', path: '/Sales', child_ou_count: 0, user_count: 0 },
      ],
      pagination: { page: 1, per_page: 100, total_items: 2, total_pages: 1 },
    });
    const children = await http(app).get(`/__mock/tenants/acme/ous?parent_id=${IDS.eng}`);
    expect(children.body.data).toEqual([{ id: IDS.platform, name: 'Platform', path: '/Engineering/Platform', child_ou_count: 0, user_count: 1 }]);
    const users = await http(app).get(`/__mock/tenants/acme/ous/${IDS.platform}/users`);
    expect(users.body.data).toEqual([{ id: IDS.bob, email: 'bob@acme.example', display_name: 'Bob', ou_id: IDS.platform }]);
    expect((await http(app).get('/__mock/tenants/nope/ous')).status).toBe(404);
    expect((await http(app).get('/__mock/tenants/acme/ous?parent_id=nope')).status).toBe(404);
    expect((await http(app).get(`${BASE}/acme/ous`)).status).toBe(401);
  });
});
