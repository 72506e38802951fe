import { describe, expect, it } from 'vitest';
import { BASE, http, tinyApp } from './helpers.ts';

const ACME = `${BASE}/acme/ous`;

describe('CORS', () => {
  it('is on by default: every response, errors included, carries Access-Control-Allow-Origin: *', async () => {
    const app = tinyApp();
    const res = await http(app).get(ACME).set('Origin', 'http://localhost:5173');
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-ID');
    // Not the admin API: web pages of other origins must not drive it (admin-security.test.ts).
    expect((await http(app).get('/__mock/tenants')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight 204 with the methods of the path and the request headers it allows', async () => {
    const res = await http(tinyApp())
      .options(`${ACME}/x`)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'PATCH')
      .set('Access-Control-Request-Headers', 'authorization, prefer');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, DELETE, PATCH, HEAD, OPTIONS');
    for (const h of ['Authorization', 'X-Request-ID', 'Prefer', 'Content-Type']) {
      expect(res.headers['access-control-allow-headers']).toContain(h);
    }
    expect((await http(tinyApp()).options('/__mock/faults')).status).toBe(405);
    expect((await http(tinyApp()).options('/nowhere')).status).toBe(404);
  });

  it('takes a configured origin (and then varies on Origin)', async () => {
    const res = await http(tinyApp({ cors: { origin: 'http://app.test' } })).get(ACME);
    expect(res.headers['access-control-allow-origin']).toBe('http://app.test');
    expect(res.headers['vary']).toBe('Origin');
  });

  it('echoes the requested headers in a preflight (traceparent of tracing SDKs), keeping the defaults', async () => {
    const res = await http(tinyApp())
      .options(ACME)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'traceparent, tracestate,content-type, x-custom-thing');
    expect(res.status).toBe(204);
    const allowed = String(res.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toEqual(['Authorization', 'Content-Type', 'X-Request-ID', 'Prefer', 'traceparent', 'tracestate', 'x-custom-thing']);
    expect(res.headers['vary']).toBe('Access-Control-Request-Headers');
  });

  it('never echoes what is not a header name (no header injection through the list)', async () => {
    const res = await http(tinyApp())
      .options(ACME)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'ok-name, bad name, x:y, (evil)');
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Request-ID, Prefer, ok-name');
  });

  it('grants credentials with a configured origin, never with *', async () => {
    const specific = tinyApp({ cors: { origin: 'http://localhost:5173' } });
    const get = await http(specific).get(ACME).set('Origin', 'http://localhost:5173');
    expect(get.headers['access-control-allow-credentials']).toBe('true');
    const preflight = await http(specific)
      .options(ACME)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'traceparent');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['vary']).toBe('Origin, Access-Control-Request-Headers');
    const star = await http(tinyApp()).get(ACME).set('Origin', 'http://localhost:5173');
    expect(star.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('cors: false sends no CORS headers and OPTIONS is 405 with Allow', async () => {
    const app = tinyApp({ cors: false });
    const res = await http(app).get(ACME);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await http(app).options(ACME).set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(405);
    expect(preflight.headers['allow']).toBe('GET, POST, HEAD');
  });
});
