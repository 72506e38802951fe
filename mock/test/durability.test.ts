/** Issue 14, finding 4: persistence promises kept: no state file that is not a state, links kept, writes logged ahead. */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockApp } from '../app.ts';
import { StorageError } from '../http/typed-errors.ts';
import { createOperationLog } from '../operation-log.ts';
import { StateFileError } from '../persistence.ts';
import { startMockServer, type MockServer } from '../server.ts';
import { http } from '../http/test/helpers.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-durable-'));
  file = join(dir, 'state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NO_SAVES = { delayMs: 600_000, maxWaitMs: 600_000 };

async function createOu(server: MockServer, name: string): Promise<{ status: number; headers: Headers; body: { data?: Record<string, unknown>; detail?: unknown } }> {
  const token = await server.app.issueToken({ tenant_id: 'acme' });
  const res = await fetch(`${server.url}/api/v1/tenants/acme/ous`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: Record<string, unknown> } };
}

describe('a state file that is not a state is refused and kept', () => {
  it.each(['null', 'false', '0', '""', '[]', '[{"version":1}]', '{"a":1}', '{"version":1,"tenants":[],"oplog_seq":-1}'])('%s', async (content) => {
    writeFileSync(file, content);
    const err = await startMockServer({ port: 0, stateFile: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toMatch(/is not a valid snapshot/);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('a symlinked state file', () => {
  it('stays a link: saves go to its target', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'state.json');
    symlinkSync(target, file);
    const server = await startMockServer({ port: 0, stateFile: file, preset: 'empty', save: NO_SAVES });
    await fetch(`${server.url}/__mock/tenants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tenant_id":"acme"}' });
    expect((await createOu(server, 'Linked')).status).toBe(201);
    await server.close();
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('"Linked"');
    // The log lived beside the target (same directory as its temp files and renames), and was compacted.
    expect(readdirSync(join(dir, 'real')).filter((n) => n.includes('.oplog.'))).toHaveLength(1);
  });
});

describe('writes are logged before they are acknowledged', () => {
  it('a write the snapshot does not have yet is replayed at restart, with the same id and timestamps', async () => {
    const first = await startMockServer({ port: 0, stateFile: file, save: NO_SAVES });
    const second: MockServer[] = [];
    try {
      const created = await createOu(first, 'Only in the log');
      expect(created.status).toBe(201);
      const onDisk = readFileSync(file, 'utf8');
      expect(onDisk).not.toContain('Only in the log');
      // A second mock on the same file, as after a kill -9 of the first: the snapshot plus the log.
      second.push(await startMockServer({ port: 0, stateFile: file, save: NO_SAVES }));
      const replayed = second[0]!.app.directory.tenant('acme').getUnit(created.body.data?.['id'] as string);
      expect(replayed).toMatchObject({ name: 'Only in the log', createdAt: created.body.data?.['created_at'], path: '/Only in the log' });
      // The restart compacted the log into its snapshot.
      expect(readFileSync(file, 'utf8')).toContain('Only in the log');
    } finally {
      for (const s of second) await s.close();
      await first.close();
    }
  });

  it('admin writes too: a tenant created with a generated id comes back with that id', async () => {
    const first = await startMockServer({ port: 0, stateFile: file, preset: 'empty', save: NO_SAVES });
    const res = await fetch(`${first.url}/__mock/tenants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"preset":"small","seed":5}' });
    const { tenant_id: id } = ((await res.json()) as { data: { tenant_id: string } }).data;
    const second = await startMockServer({ port: 0, stateFile: file, save: NO_SAVES });
    try {
      expect(second.app.directory.tenantIds()).toEqual([id]);
      expect(second.app.snapshot()).toEqual(first.app.snapshot());
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('storage failing later answers 503 with Retry-After and changes nothing; it recovers when storage does', async () => {
    const server = await startMockServer({ port: 0, stateFile: file, save: { delayMs: 10, maxWaitMs: 10 } });
    try {
      expect((await createOu(server, 'Before')).status).toBe(201);
      // After the next snapshot the log moves on to segment 2: make that path unusable (root ignores permissions).
      const blocker = `${file}.oplog.${'2'.padStart(12, '0')}`;
      mkdirSync(blocker);
      while (!readFileSync(file, 'utf8').includes('"oplog_seq":1')) await new Promise((resolve) => setTimeout(resolve, 10));
      const before = server.app.snapshot();
      const failed = await createOu(server, 'Not logged');
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('5');
      expect(String(failed.body.detail)).toMatch(/could not log the change/);
      expect(server.app.snapshot()).toEqual(before);
      rmdirSync(blocker);
      expect((await createOu(server, 'After')).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('in process: a failing log fails OU and admin writes as a whole (OU-E5), reads still work', async () => {
    const app = createMockApp({
      writeAheadLog: {
        append: () => {
          throw new StorageError('The mock could not log the change: disk full');
        },
      },
    });
    const token = await app.issueToken({ tenant_id: 'acme' });
    const before = app.snapshot();
    const ou = await http(app).post('/api/v1/tenants/acme/ous').set('Authorization', `Bearer ${token}`).send({ name: 'X' });
    expect(ou.status).toBe(503);
    expect(ou.headers['retry-after']).toBe('5');
    expect(ou.body).toEqual({ detail: 'The mock could not log the change: disk full' });
    expect((await http(app).post('/__mock/tenants').send({ tenant_id: 'new' })).status).toBe(503);
    expect((await http(app).post('/__mock/reset').set('Content-Type', 'application/json')).status).toBe(503);
    expect(app.snapshot()).toEqual(before);
    expect((await http(app).get('/api/v1/tenants/acme/ous').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});

describe('the operation log on disk', () => {
  const entry = { at: '2026-01-01T00:00:00.000Z', nonce: 'n', api: 'ou' as const, op: 'createOu', params: {}, query: {}, body: {} };

  it('drops a last line cut off mid-write (never acknowledged), refuses a damaged line before it', () => {
    const log = createOperationLog(file, { fsync: false });
    log.start(0);
    log.append(entry);
    log.append(entry);
    log.close();
    const segment = `${file}.oplog.${'1'.padStart(12, '0')}`;
    writeFileSync(segment, `${readFileSync(segment, 'utf8')}{"seq":3,"at":`);
    expect(createOperationLog(file, { fsync: false }).readAfter(0).map((e) => e.seq)).toEqual([1, 2]);
    expect(createOperationLog(file, { fsync: false }).readAfter(1).map((e) => e.seq)).toEqual([2]);
    writeFileSync(segment, `{"seq":1}\nnot json\n{"seq":3}\n`);
    expect(() => createOperationLog(file, { fsync: false }).readAfter(0)).toThrow(/has a damaged line 2/);
  });

  it('a snapshot cut moves appends to a new segment; dropping through the cut deletes the old one', () => {
    const log = createOperationLog(file, { fsync: true });
    log.start(0);
    log.append(entry);
    expect(log.cut()).toBe(1);
    log.append(entry);
    const names = (): string[] => readdirSync(dir).sort();
    expect(names()).toEqual(['state.json.oplog.000000000001', 'state.json.oplog.000000000002']);
    log.dropThrough(1);
    expect(names()).toEqual(['state.json.oplog.000000000002']);
    log.close();
  });

  it('log segments without their state file stop the start, and are kept', async () => {
    writeFileSync(`${file}.oplog.000000000001`, `${JSON.stringify({ seq: 1, ...entry })}\n`);
    const err = await startMockServer({ port: 0, stateFile: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toMatch(/operation log/);
    expect(existsSync(`${file}.oplog.000000000001`)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });
});
