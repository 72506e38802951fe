import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrismMock, type PrismMock } from '../prism-engine.ts';

const OUS = '/api/v1/tenants/acme/ous';
const auth = { authorization: 'Bearer any-token' };

describe("Prism's stateless mock of the contract (engine 'prism')", () => {
  let prism: PrismMock;
  beforeAll(async () => {
    prism = await startPrismMock({ port: 0 });
  });
  afterAll(async () => {
    await prism.close();
  });

  it('listens on loopback with the real port in its url', () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(prism.url).not.toMatch(/:0$/);
  });

  it("answers the list with the contract's example page", async () => {
    const res = await fetch(`${prism.url}${OUS}?per_page=20`, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ path: string }>; pagination: { per_page: number } };
    expect(body.data.map((ou) => ou.path)).toEqual(['/Engineering', '/Engineering/Platform']);
    expect(body.pagination.per_page).toBe(20);
  });

  it('is stateless: a created OU is not found afterwards (the reason our stateful mock exists)', async () => {
    const created = await fetch(`${prism.url}${OUS}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Sales' }) });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${prism.url}${OUS}`, { headers: auth })).json()) as { data: Array<{ name: string }> };
    expect(list.data.map((ou) => ou.name)).not.toContain('Sales');
  });

  it('OU-A1: answers 401 without a bearer token', async () => {
    expect((await fetch(`${prism.url}${OUS}`)).status).toBe(401);
  });
});

describe('startPrismMock lifecycle', () => {
  it('close() stops the child: the port no longer answers', async () => {
    const prism = await startPrismMock({ port: 0 });
    await prism.close();
    await expect(fetch(`${prism.url}${OUS}`, { headers: auth })).rejects.toThrow();
  });

  it('rejects with the reason when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const { port } = blocker.address() as AddressInfo;
      await expect(startPrismMock({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it('rejects naming the file when the contract is missing', async () => {
    await expect(startPrismMock({ contract: '/nonexistent/ou-api.yaml' })).rejects.toThrow(/nonexistent\/ou-api\.yaml/);
  });
});
