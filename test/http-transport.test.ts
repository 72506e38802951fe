import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTarget } from '../cli/verify-probe.ts';
import { Client } from '../suites/client.ts';
import { contractModel } from '../suites/contract-model.ts';
import { HttpTransport, serveInProcess } from '../suites/http-transport.ts';
import type { Auth } from '../suites/tokens.ts';

const NO_AUTH: Auth = { label: 'no token', shell: undefined, header: undefined };
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that records what it received and answers with `reply`. */
async function listen(reply: (req: { method: string; url: string; body: string }, res: import('node:http').ServerResponse) => void, port = 0): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => reply({ method: req.method ?? '', url: req.url ?? '', body }, res));
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the suites HTTP transport (undici)', () => {
  it('sends a malformed body byte for byte, with the given method, path and query', async () => {
    let seen: { method: string; url: string; body: string } | undefined;
    const base = await listen((req, res) => {
      seen = req;
      res.writeHead(422, { 'content-type': 'application/json' }).end('{"detail":[]}');
    });
    const transport = new HttpTransport(base);
    const res = await transport.send({ method: 'post', path: '/api/v1/x?a=%zz', headers: { 'Content-Type': 'application/json' }, body: '{"name": "a",,}' });
    await transport.close();
    expect(seen).toEqual({ method: 'POST', url: '/api/v1/x?a=%zz', body: '{"name": "a",,}' });
    expect(res).toMatchObject({ status: 422, text: '{"detail":[]}', headers: { 'content-type': 'application/json' } });
  });

  it('stops reading a body past the cap: the exchange has status 0 and says the size seen', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const base = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Far more than the cap, written without end: only the client's cap stops the exchange.
      const write = (): void => {
        while (res.write(chunk));
        res.once('drain', write);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      write();
    });
    const client = new Client({ target: base, baseUrl: base, model: contractModel(), maxRequests: 10, concurrency: 1, maxResponseBytes: 1024 * 1024 });
    const ex = await client.send('big', { method: 'GET', path: '/api/v1/tenants/t/ous', auth: NO_AUTH });
    await client.close();
    expect(ex.status).toBe(0);
    expect(ex.error).toMatch(/^response body larger than 1048576 bytes: stopped reading after (\d+) bytes \(status 200\)$/);
    expect(Number(/after (\d+) bytes/.exec(ex.error ?? '')?.[1])).toBeLessThan(2 * 1024 * 1024);
  });

  it('abortInFlight cuts the requests waiting on a stalled target at once; cleanup (exempt) requests still go through', async () => {
    const base = await listen((req, res) => {
      if (req.url.includes('stall')) return;
      res.writeHead(204).end();
    });
    // The per-request timeout is far beyond the test's: only the abort can end the request.
    const client = new Client({ target: base, baseUrl: base, model: contractModel(), maxRequests: 10, concurrency: 1, timeoutMs: 600_000 });
    const stalled = client.send('check', { method: 'GET', path: '/stall', auth: NO_AUTH });
    const queued = client.send('check', { method: 'GET', path: '/next', auth: NO_AUTH });
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.abortInFlight('the run was interrupted (test)');
    const [cut, notSent] = await Promise.all([stalled, queued]);
    expect(cut).toMatchObject({ status: 0, error: 'aborted: the run was interrupted (test)' });
    expect(notSent).toMatchObject({ status: 0, error: 'aborted: the run was interrupted (test)' });
    const cleanup = await client.send('cleanup', { method: 'DELETE', path: '/x', auth: NO_AUTH }, true);
    expect(cleanup.status).toBe(204);
    await client.close();
  }, 20_000);

  it('answers from a port fetch refuses (5060), in the probe too', async () => {
    let base: string;
    try {
      base = await listen((_req, res) => res.writeHead(404).end(), 5060);
    } catch (err) {
      // Another process holds the port on this machine: nothing to prove here.
      expect((err as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      return;
    }
    await expect(fetch(base)).rejects.toThrow();
    expect(await probeTarget(base)).toBeUndefined();
  });

  it('serves an in-process server that does not listen yet on 127.0.0.1, and closes only what it opened', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    const served = await serveInProcess(server);
    expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const transport = new HttpTransport(served.baseUrl);
    expect((await transport.send({ method: 'GET', path: '/', headers: {} })).text).toBe('ok');
    await transport.close();
    await served.close();
    expect(server.listening).toBe(false);

    const running = createServer((_req, res) => res.end('ok'));
    servers.push(running);
    await new Promise<void>((resolve) => running.listen(0, '127.0.0.1', () => resolve()));
    await (await serveInProcess(running)).close();
    expect(running.listening).toBe(true);
  });
});
