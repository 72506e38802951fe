/** Issue 14, finding 1: each attack on the admin API, shown to fail. */
import { describe, expect, it } from 'vitest';
import { createTokenAuthority } from '../../http/auth.ts';
import { DEFAULT_SECRET } from '../../app.ts';
import { ListenError, startMockServer } from '../../server.ts';
import { BASE, clock, http, tinyApp } from '../../http/test/helpers.ts';

const EVIL = 'https://evil.example';
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('no CORS on the admin API', () => {
  it('grants no origin on admin responses, while the OU API keeps its CORS', async () => {
    const app = tinyApp();
    const admin = await http(app).get('/__mock/tenants').set('Origin', EVIL);
    expect(admin.status).toBe(200);
    expect(admin.headers['access-control-allow-origin']).toBeUndefined();
    expect((await http(app).get(`${BASE}/acme/ous`).set('Origin', EVIL)).headers['access-control-allow-origin']).toBe('*');
  });

  it.each([
    ['PUT', '/__mock/snapshot'],
    ['PUT', '/__mock/faults'],
    ['POST', '/__mock/tokens'],
    ['POST', '/__mock/reset'],
  ])('a cross-site preflight for %s %s fails (no 2xx, no allow headers)', async (method, path) => {
    const res = await http(tinyApp())
      .options(path)
      .set('Origin', EVIL)
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });
});

describe('no simple-request CSRF: admin writes need Content-Type: application/json', () => {
  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'POST /__mock/tokens with Content-Type %s answers 415 and no token',
    async (type) => {
      const req = http(tinyApp()).post('/__mock/tokens');
      const res = await (type === undefined ? req.send(Buffer.from('{"tenant_id":"acme"}')) : req.set('Content-Type', type).send('{"tenant_id":"acme"}'));
      expect(res.status).toBe(415);
      expect(JSON.stringify(res.body)).not.toContain('access_token');
    },
  );

  it('with --no-cors a cross-site form POST /__mock/reset changes nothing', async () => {
    const app = tinyApp({ cors: false });
    const token = await app.issueToken({ tenant_id: 'acme' });
    await http(app).post(`${BASE}/acme/ous`).set('Authorization', `Bearer ${token}`).send({ name: 'Kept' });
    const before = app.snapshot();
    const res = await http(app).post('/__mock/reset').set('Origin', EVIL).set('Content-Type', 'text/plain').send('x');
    expect(res.status).toBe(415);
    expect(app.snapshot()).toEqual(before);
  });
});

describe('Host check (DNS rebinding)', () => {
  it('refuses foreign names and wrong ports with 403 JSON; accepts loopback names with the port', async () => {
    const app = tinyApp();
    const probe = http(app);
    const foreign = await probe.get('/__mock/tenants').set('Host', 'attacker.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('Host "attacker.example" is not allowed');
    expect((await http(app).get('/__mock/tenants').set('Host', 'attacker.example:4010')).status).toBe(403);
    // supertest listens on a random port: the right one is in its own Host header; any other is refused.
    expect((await http(app).get('/__mock/tenants').set('Host', '127.0.0.1:1')).status).toBe(403);
    expect((await http(app).get('/__mock/tenants').set('Host', '127.0.0.1')).status).toBe(403);
  });

  it('accepts localhost, 127.0.0.1, [::1] and the configured host on the listening port', async () => {
    const app = tinyApp({ admin: { hosts: ['mock.team.test'] } });
    const server = await startOn(app);
    try {
      for (const name of ['localhost', '127.0.0.1', '[::1]', 'mock.team.test', 'LOCALHOST']) {
        const res = await fetchWithHost(server.url, '/__mock/tenants', `${name}:${server.port}`);
        expect(res, name).toBe(200);
      }
      expect(await fetchWithHost(server.url, '/__mock/tenants', `other.test:${server.port}`)).toBe(403);
    } finally {
      await server.close();
    }
  });
});

describe('admin key', () => {
  it('is required in X-Admin-Key when configured: missing or wrong 403, right 200', async () => {
    const app = tinyApp({ admin: { key: 'k-123' } });
    expect((await http(app).get('/__mock/tenants')).status).toBe(403);
    expect((await http(app).get('/__mock/tenants').set('X-Admin-Key', 'k-12')).status).toBe(403);
    expect((await http(app).get('/__mock/tenants').set('X-Admin-Key', 'k-123')).status).toBe(200);
    // The OU API is unaffected: its own tokens guard it.
    expect((await http(app).get(`${BASE}/acme/ous`)).status).toBe(401);
  });

  it('listening beyond loopback is refused without a key, with the dev secret or with auth off, saying how', async () => {
    const cases: Array<[Parameters<typeof startMockServer>[0], RegExp]> = [
      [{ auth: { secret: 'team-secret' } }, /admin API needs a key.*OU_MOCK_ADMIN_KEY/],
      [{ admin: { key: 'k' } }, /public development secret.*OU_MOCK_JWT_SECRET/],
      [{ admin: { key: 'k' }, auth: { secret: DEFAULT_SECRET } }, /public development secret/],
      [{ admin: { key: 'k' }, auth: false }, /auth is off/],
    ];
    for (const [opts, message] of cases) {
      const started = startMockServer({ ...opts, preset: 'empty', port: 0, host: '0.0.0.0' });
      await expect(started).rejects.toBeInstanceOf(ListenError);
      await expect(started).rejects.toThrow(message);
    }
  });

  it('beyond loopback with a secret and a key it starts, and the admin API needs the key from any Host', async () => {
    const server = await startMockServer({ preset: 'empty', port: 0, host: '0.0.0.0', auth: { secret: 'team-secret' }, admin: { key: 'team-key' } });
    try {
      const port = new URL(server.url).port;
      const url = `http://127.0.0.1:${port}/__mock/tenants`;
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(url, { headers: { 'X-Admin-Key': 'team-key' } })).status).toBe(200);
      expect(await fetchWithHost(`http://127.0.0.1:${port}`, '/__mock/tenants', `mock.lan:${port}`, { 'X-Admin-Key': 'team-key' })).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('admin-minted tokens', () => {
  it('an expires_in over --max-token-ttl answers 422 naming body.expires_in; within it, the token works', async () => {
    const app = tinyApp({ maxTokenTtlS: 3600 });
    const tenYears = await http(app).post('/__mock/tokens').set(JSON_TYPE).send({ tenant_id: 'acme', expires_in: 315_360_000 });
    expect(tenYears.status).toBe(422);
    expect(tenYears.body.detail[0]).toMatchObject({ loc: ['body', 'expires_in'] });
    expect(tenYears.body.detail[0].msg).toContain('at most 3600 seconds');
    const hour = await http(app).post('/__mock/tokens').set(JSON_TYPE).send({ tenant_id: 'acme', expires_in: 3600 });
    expect(hour.status).toBe(200);
  });

  it('defaults to a 24 h cap, and caps the tokens of a new tenant too', async () => {
    const app = tinyApp();
    expect((await http(app).post('/__mock/tokens').set(JSON_TYPE).send({ tenant_id: 'acme', expires_in: 86_401 })).status).toBe(422);
    const short = tinyApp({ maxTokenTtlS: 60 });
    const created = await http(short).post('/__mock/tenants').set(JSON_TYPE).send({ tenant_id: 'fresh' });
    const payload = JSON.parse(Buffer.from(created.body.data.tokens.read_write.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.exp - payload.iat).toBe(60);
  });

  it('are signed with the configured secret, not the development default', async () => {
    const app = tinyApp({ auth: { secret: 'team-secret' } });
    const token = (await http(app).post('/__mock/tokens').set(JSON_TYPE).send({ tenant_id: 'acme' })).body.access_token as string;
    const ours = createTokenAuthority({ secret: 'team-secret', clock, defects: new Set() });
    const dev = createTokenAuthority({ secret: DEFAULT_SECRET, clock, defects: new Set() });
    expect((await ours.authenticate(`Bearer ${token}`)).tenant_id).toBe('acme');
    await expect(dev.authenticate(`Bearer ${token}`)).rejects.toThrow('Token signature is invalid');
  });
});

/** The app on a real loopback port, for requests with a chosen Host header. */
async function startOn(app: ReturnType<typeof tinyApp>): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** fetch cannot set Host; node:http can. Resolves with the status. */
async function fetchWithHost(base: string, path: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  const { request } = await import('node:http');
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { ...headers, Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
