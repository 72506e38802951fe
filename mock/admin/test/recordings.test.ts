import { describe, expect, it } from 'vitest';
import { sharedAjv } from '../../../contracts/model/index.ts';
import { BASE, IDS, bearer, http, tinyApp, tokensFor } from '../../http/test/helpers.ts';
import { BODY_CAPTURE_LIMIT } from '../recorder.ts';

const ACME = `${BASE}/acme/ous`;

interface Entry {
  method: string;
  path: string;
  query: string;
  status: number;
  request: { headers: Record<string, string>; body?: string; body_size: number; body_truncated?: true };
  response: { headers: Record<string, string>; body?: string; body_size: number; body_truncated?: true };
}

/**
 * The fields HAR 1.2 requires (http://www.softwareishard.com/blog/har-12-spec/), as a JSON Schema:
 * log, creator, entries, and in each entry the request, response, cache and timings objects.
 */
const nameValues = { type: 'array', items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } } };
const HAR_12 = {
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['version', 'creator', 'entries'],
      properties: {
        version: { const: '1.2' },
        creator: { type: 'object', required: ['name', 'version'], properties: { name: { type: 'string' }, version: { type: 'string' } } },
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings'],
            properties: {
              startedDateTime: { type: 'string', format: 'date-time' },
              time: { type: 'number', minimum: 0 },
              request: {
                type: 'object',
                required: ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'],
                properties: {
                  method: { type: 'string' },
                  url: { type: 'string', format: 'uri' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array' },
                  headers: nameValues,
                  queryString: nameValues,
                  postData: { type: 'object', required: ['mimeType'], properties: { mimeType: { type: 'string' }, text: { type: 'string' } } },
                  headersSize: { type: 'integer' },
                  bodySize: { type: 'integer' },
                },
              },
              response: {
                type: 'object',
                required: ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'],
                properties: {
                  status: { type: 'integer' },
                  statusText: { type: 'string' },
                  httpVersion: { type: 'string' },
                  cookies: { type: 'array' },
                  headers: nameValues,
                  content: { type: 'object', required: ['size', 'mimeType'], properties: { size: { type: 'integer' }, mimeType: { type: 'string' }, text: { type: 'string' } } },
                  redirectURL: { type: 'string' },
                  headersSize: { type: 'integer' },
                  bodySize: { type: 'integer' },
                },
              },
              cache: { type: 'object' },
              timings: {
                type: 'object',
                required: ['send', 'wait', 'receive'],
                properties: { send: { type: 'number', minimum: -1 }, wait: { type: 'number', minimum: -1 }, receive: { type: 'number', minimum: -1 } },
              },
            },
          },
        },
      },
    },
  },
};

const validHar = sharedAjv().compile(HAR_12);

describe('recordings: the journal keeps bodies', () => {
  it('records the request and response bodies and headers of each exchange', async () => {
    const app = tinyApp();
    const t = await tokensFor(app);
    const created = await http(app).post(`${ACME}?x=1`).set(bearer(t.rw)).send({ name: 'Research' });
    expect(created.status).toBe(201);
    const [entry] = (await http(app).get('/__mock/journal')).body.data as Entry[];
    expect(entry).toMatchObject({ method: 'POST', path: ACME, query: 'x=1', status: 201 });
    expect(JSON.parse(entry?.request.body ?? '')).toEqual({ name: 'Research' });
    expect(entry?.request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(entry?.response.body ?? '')).toEqual(created.body);
    expect(entry?.response.headers['location']).toBe(`${ACME}/${created.body.data.id}`);
    expect(entry?.response.body_size).toBe(Buffer.byteLength(created.text));
  });

  it('redacts Authorization, the admin key and every token, in headers, bodies and the query', async () => {
    const app = tinyApp();
    const t = await tokensFor(app);
    await http(app).get(`${ACME}?access_token=${t.ro}`).set(bearer(t.ro));
    const minted = await http(app).post('/__mock/tokens').set('X-Admin-Key', 'not-a-key-but-secret').send({ tenant_id: 'acme' });
    const created = await http(app).post('/__mock/tenants').send({ tenant_id: 'fresh' });
    const journal = (await http(app).get('/__mock/journal')).body.data as Entry[];
    const text = JSON.stringify(journal);
    for (const secret of [t.ro, minted.body.access_token, created.body.data.tokens.read_write, created.body.data.tokens.read_only, 'not-a-key-but-secret']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(journal[0]?.request.headers['authorization']).toBe('[redacted]');
    expect(journal[0]?.query).toBe('access_token=[redacted]');
    expect(JSON.parse(journal[1]?.response.body ?? '')).toMatchObject({ access_token: '[redacted]', token_type: 'Bearer' });
    expect(JSON.parse(journal[2]?.response.body ?? '').data.tokens).toEqual({ read_write: '[redacted]', read_only: '[redacted]' });
  });

  it('keeps at most the first 16 KiB of a body, with its whole size', async () => {
    const app = tinyApp();
    const t = await tokensFor(app);
    const description = 'd'.repeat(40_000);
    expect((await http(app).post(ACME).set(bearer(t.rw)).send({ name: 'Big', description })).status).toBe(201);
    const [entry] = (await http(app).get('/__mock/journal')).body.data as Entry[];
    expect(Buffer.byteLength(entry?.request.body ?? '')).toBe(BODY_CAPTURE_LIMIT);
    expect(entry?.request.body_truncated).toBe(true);
    expect(entry?.request.body_size).toBeGreaterThan(40_000);
    expect(entry?.response.body_truncated).toBe(true);
  });

  it('each entry keeps its own bodies while a small journal reuses its slots', async () => {
    // Slots and their bytes are reused: bodies of growing and shrinking size, first read after
    // later exchanges were recorded (an entry is made from its bytes when first read), must
    // still be each exchange's own.
    const app = tinyApp({ journalSize: 3 });
    const t = await tokensFor(app);
    const sent: Array<{ request: string; response: string }> = [];
    for (const [i, size] of [3000, 10, 20_000, 0, 700, 5].entries()) {
      const res = await http(app).post(ACME).set(bearer(t.rw)).send({ name: `Unit ${i}`, description: 'é'.repeat(size) });
      expect(res.status).toBe(201);
      sent.push({ request: JSON.stringify({ name: `Unit ${i}`, description: 'é'.repeat(size) }), response: res.text });
      if (i % 2 === 0) continue;
      const journal = (await http(app).get('/__mock/journal')).body.data as Entry[];
      const cut = (text: string): string => Buffer.from(text).subarray(0, BODY_CAPTURE_LIMIT).toString();
      expect(journal.map((e) => [e.request.body, e.response.body])).toEqual(sent.slice(-3).map((x) => [cut(x.request), cut(x.response)]));
    }
  });

  it('records a cut connection as status 0', async () => {
    const app = tinyApp();
    await http(app).post('/__mock/stubs').send({ match: { operation: 'listOus' }, respond: { fault: 'empty_response' } });
    await expect(http(app).get(ACME)).rejects.toThrow();
    const journal = (await http(app).get('/__mock/journal')).body.data as Entry[];
    expect(journal.at(-1)).toMatchObject({ path: ACME, status: 0 });
  });
});

describe('HAR 1.2 export (/__mock/journal.har)', () => {
  it('has every field HAR 1.2 requires, with the recorded bodies', async () => {
    const app = tinyApp();
    const t = await tokensFor(app);
    await http(app).get(`${ACME}?per_page=1`).set(bearer(t.ro));
    await http(app).patch(`${ACME}/${IDS.sales}`).set(bearer(t.rw)).send({ description: 'Field sales' });
    await http(app).delete(`${ACME}/${IDS.sales}`).set(bearer(t.rw));
    const res = await http(app).get('/__mock/journal.har');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('.har');
    expect(validHar(res.body), JSON.stringify(validHar.errors)).toBe(true);
    const entries = res.body.log.entries as Array<{ request: { method: string; url: string; queryString: unknown; postData?: { text: string } }; response: { status: number; content: { text?: string; mimeType: string } } }>;
    expect(entries.map((e) => [e.request.method, e.response.status])).toEqual([
      ['GET', 200],
      ['PATCH', 200],
      ['DELETE', 204],
    ]);
    expect(entries[0]?.request.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${ACME}\\?per_page=1$`));
    expect(entries[0]?.request.queryString).toEqual([{ name: 'per_page', value: '1' }]);
    expect(JSON.parse(entries[1]?.request.postData?.text ?? '')).toEqual({ description: 'Field sales' });
    expect(JSON.parse(entries[1]?.response.content.text ?? '').data.description).toBe('Field sales');
    expect(entries[1]?.response.content.mimeType).toBe('application/json');
    expect(JSON.stringify(res.body)).not.toContain(t.rw);
  });

  it('an empty journal is a valid HAR with no entries', async () => {
    const res = await http(tinyApp()).get('/__mock/journal.har');
    expect(validHar(res.body)).toBe(true);
    expect(res.body.log.entries).toEqual([]);
  });
});
