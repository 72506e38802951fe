/** Issue 14, finding 2: deep and big answers never fail (OU-E4: no 5xx) and never stall other requests. */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMockApp, type MockApp } from '../../app.ts';
import type { Snapshot } from '../../core/index.ts';
import { BASE, bearer, clock, http } from './helpers.ts';

/** One tenant whose OUs form a single chain: each the parent of the next. */
function chain(depth: number): Snapshot {
  const at = clock().toISOString();
  const ous = Array.from({ length: depth }, (_, i) => ({
    id: `c${i}`,
    name: 'n',
    description: null,
    parent_id: i === 0 ? null : `c${i - 1}`,
    custom_attributes: null,
    created_at: at,
    updated_at: null,
  }));
  return { version: 1, tenants: [{ tenant_id: 'deep', ous, users: [] }] };
}

/** Walks the nested answer without recursion: every level has one child, the right id and path. */
function checkChain(data: unknown, depth: number): void {
  let level = data as Array<{ id: string; path: string; children: unknown[] }>;
  for (let i = 0; i < depth; i++) {
    expect(level).toHaveLength(1);
    const node = level[0] as { id: string; path: string; children: unknown[] };
    if (node.id !== `c${i}` || node.path.length !== 2 * (i + 1)) expect(node, `level ${i}`).toMatchObject({ id: `c${i}` });
    level = node.children as typeof level;
  }
  expect(level).toEqual([]);
}

async function deepApp(depth: number): Promise<{ app: MockApp; token: string }> {
  const app = createMockApp({ preset: 'empty', snapshot: chain(depth), clock });
  return { app, token: await app.issueToken({ tenant_id: 'deep' }) };
}

describe('deep trees answer 200 with the whole nesting', () => {
  it.each([1_450, 10_000])('a chain of %i OUs', async (depth) => {
    const { app, token } = await deepApp(depth);
    const res = await http(app).get(`${BASE}/deep/ous/tree`).set(bearer(token));
    expect(res.status).toBe(200);
    checkChain(res.body.data, depth);
    expect(res.body.meta.request_id).toEqual(expect.any(String));
  }, 60_000);
});

describe('a big answer is streamed', () => {
  it('with backpressure: a reader that stops reading holds at most a chunk in the server, and others are served meanwhile', async () => {
    const { app, token } = await deepApp(3_000);
    let treeResponse: ServerResponse | undefined;
    const server = createServer((req, res) => {
      if (req.url?.endsWith('/tree')) treeResponse = res;
      app.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // A reader that takes the headers, then stops reading: the body is ~9 MB of paths.
      const stalled = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `${BASE}/deep/ous/tree`, headers: bearer(token) }, resolve);
        req.on('error', reject);
        req.end();
      });
      stalled.pause();
      expect(stalled.statusCode).toBe(200);
      expect(stalled.headers['content-length']).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Without backpressure the rest of the ~9 MB would wait in the server's buffer.
      expect(treeResponse?.writableEnded).toBe(false);
      expect(treeResponse?.writableLength).toBeLessThan(1024 * 1024);
      // Other requests are answered while the stalled one waits for its reader.
      const other = await fetch(`http://127.0.0.1:${port}${BASE}/deep/ous/c0`, { headers: bearer(token) });
      expect(other.status).toBe(200);
      // Reading resumes and the answer completes, whole.
      stalled.setEncoding('utf8');
      let text = '';
      stalled.on('data', (d: string) => (text += d));
      stalled.resume();
      await new Promise((resolve) => stalled.on('end', resolve));
      checkChain((JSON.parse(text) as { data: unknown }).data, 3_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('a small tree is still sent whole with its Content-Length', async () => {
    const { app, token } = await deepApp(3);
    const res = await http(app).get(`${BASE}/deep/ous/tree`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
  });
});
