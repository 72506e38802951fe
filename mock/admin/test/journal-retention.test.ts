/**
 * The journal keeps what an exchange carried, never the exchange itself: an entry that held the
 * request or the response (a closure made where they are in scope) kept them, and their socket,
 * alive for as long as the journal kept the entry.
 */
import { createServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryObjects } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BASE, tinyApp, tokensFor } from '../../http/test/helpers.ts';

/** Live ServerResponse objects after a full GC (queryObjects collects first). */
function liveResponses(): number {
  return queryObjects(ServerResponse, { format: 'count' });
}

describe('journal retention', () => {
  it('keeps no request or response alive: 30 recorded exchanges leave no ServerResponse behind', async () => {
    const app = tinyApp({ journalSize: 100 });
    const { rw } = await tokensFor(app);
    const server = createServer(app.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}/acme/ous`;
      const before = liveResponses();
      for (let i = 0; i < 30; i++) {
        const res = await fetch(i % 2 === 0 ? url : `${url}?per_page=5`, { headers: { authorization: `Bearer ${rw}`, connection: 'close' } });
        expect(res.status).toBe(200);
        await res.text();
      }
      // The journal is not read here: reading an entry replaces what it kept by its redacted copy.
      expect(liveResponses() - before).toBeLessThanOrEqual(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
