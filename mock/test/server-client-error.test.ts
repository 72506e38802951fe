import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../server.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, preset: 'empty' });
});
afterAll(() => server.close());

/** Sends raw bytes (what no HTTP client would send) and returns the whole reply. */
function raw(bytes: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('requests node rejects before the app sees them', () => {
  it('a malformed request line answers 400 with a JSON {detail}', async () => {
    const reply = await raw('GET /api v1 nonsense\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect(reply).toContain('Content-Type: application/json');
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({ detail: expect.stringContaining('Malformed HTTP request') });
  });

  it('oversized headers answer 431 with a JSON {detail}', async () => {
    const reply = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({ detail: 'Request headers are too large' });
  });
});
