import { mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTempFiles } from '../atomic-file.ts';
import { Directory, type Snapshot } from '../core/index.ts';
import { createStateStore } from '../persistence.ts';
import { runCli, sleep, waitForBanner, type Ready } from './child.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-crash-'));
const file = join(dir, 'state.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Checks the state file is a whole, loadable snapshot (what a restart starts from before replaying the log). */
function checkStateFile(): void {
  // Parse it ourselves too: a torn file must fail here whatever load() does.
  const { oplog_seq: _seq, ...snapshot } = JSON.parse(readFileSync(file, 'utf8')) as Snapshot & { oplog_seq: number };
  expect(createStateStore(file).load()).toEqual(snapshot);
  // The core's own loader: types and relations (parents, cycles, duplicates) all hold.
  const directory = Directory.fromSnapshot(snapshot);
  expect(directory.tenantIds()).toEqual(expect.arrayContaining(['acme', 'globex', 'initech']));
}

/** Every OU of tenant acme the restarted mock serves, id -> name, read page by page over HTTP. */
async function servedOus(ready: Ready): Promise<Map<string, string>> {
  const ous = new Map<string, string>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous?per_page=100&page=${page}`, { headers: { authorization: `Bearer ${ready.token}` } });
    const body = (await res.json()) as { data: Array<{ id: string; name: string }>; pagination: { total_pages: number } };
    for (const ou of body.data) ous.set(ou.id, ou.name);
    if (page >= body.pagination.total_pages) return ous;
  }
}

interface Acknowledged {
  id: string;
  name: string;
}

/**
 * Creates OUs in bursts until `stop()`: pauses between bursts let the debounced saver fire often,
 * so the kill lands before, during and after saves. Returns the OUs the mock acknowledged (201).
 */
function writeLoad(ready: Ready, run: number): { stop: () => Promise<Acknowledged[]> } {
  const acknowledged: Acknowledged[] = [];
  let running = true;
  const loop = (async () => {
    const headers = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' };
    for (let i = 0; running && i < 2_000; i++) {
      const name = `crash ${run}-${i}`;
      try {
        const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, { method: 'POST', headers, body: JSON.stringify({ name }) });
        // The body too: an answer cut off by the kill was never fully acknowledged.
        if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { data: { id: string } }).data.id, name });
      } catch {
        return; // the mock was killed
      }
      // Longer than the 200 ms save debounce, so saves happen all through the run.
      if (i % 15 === 14) await sleep(250 + Math.random() * 150);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return acknowledged;
    },
  };
}

/**
 * Resolves as soon as the `nth` save from now starts (its temp file appears): the moment a torn write
 * could happen. Saves never overlap, so when the second one starts the first is complete on disk.
 */
function saveStarts(nth: number): { started: Promise<void>; cancel: () => void } {
  let cancel = (): void => undefined;
  const started = new Promise<void>((resolve) => {
    const seen = new Set<string>();
    const watcher = watch(dir, (_event, name) => {
      if (!name?.startsWith('.state.json.') || !name.endsWith('.tmp')) return;
      seen.add(name);
      if (seen.size < nth) return;
      watcher.close();
      resolve();
    });
    cancel = () => watcher.close();
  });
  return { started, cancel };
}

/** Every OU acknowledged so far is served by the restarted mock, under its id and name. */
async function expectAllServed(ready: Ready, acknowledged: readonly Acknowledged[]): Promise<void> {
  const served = await servedOus(ready);
  const lost = acknowledged.filter((ou) => served.get(ou.id) !== ou.name);
  expect(lost, `${lost.length} of ${acknowledged.length} acknowledged OUs lost`).toEqual([]);
}

describe('state file under kill -9 (atomic saves, operation log)', () => {
  it('SIGKILL at random moments during write bursts loses no acknowledged write and leaves a loadable snapshot, no stray temp files', async () => {
    const acknowledged: Acknowledged[] = [];
    let killedMidSave = 0;
    for (let run = 0; run < 4; run++) {
      const child = runCli(['mock', '--port', '0', '--state', file]);
      const ready = await waitForBanner(child);
      // The restart loaded the file (it refuses broken ones), replayed the log, and swept the temps a killed writer left.
      expect(listTempFiles(file)).toEqual([]);
      checkStateFile();
      await expectAllServed(ready, acknowledged);

      const load = writeLoad(ready, run);
      let savedBeforeKill = false;
      if (run % 2 === 0) {
        await sleep(300 + Math.random() * 1_000);
      } else {
        // Aim at the dangerous window, between a temp file's creation and its rename, of the second save.
        const save = saveStarts(2);
        savedBeforeKill = await Promise.race([save.started.then(() => true), sleep(8_000).then(() => false)]);
        save.cancel();
      }
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      if (listTempFiles(file).length > 0) killedMidSave++;
      const thisRun = await load.stop();
      acknowledged.push(...thisRun);
      checkStateFile();
      // A save started during the burst (the kill aimed at it): the writes it took are in the file itself.
      if (savedBeforeKill) expect(thisRun.length).toBeGreaterThan(0);
    }
    console.info(`crash test: ${acknowledged.length} OUs acknowledged, ${killedMidSave} of 4 kills left a half-written temp file`);
    expect(acknowledged.length).toBeGreaterThan(0);

    // A last clean run: everything acknowledged survives SIGTERM too, now in the snapshot itself.
    const child = runCli(['mock', '--port', '0', '--state', file]);
    const ready = await waitForBanner(child);
    await expectAllServed(ready, acknowledged);
    const load = writeLoad(ready, 99);
    await sleep(300);
    acknowledged.push(...(await load.stop()));
    child.process.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    checkStateFile();
    const { tenants } = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    const saved = new Map(tenants.find((t) => t.tenant_id === 'acme')!.ous.map((o) => [o.id, o.name]));
    expect(acknowledged.filter((ou) => saved.get(ou.id) !== ou.name)).toEqual([]);
    expect(listTempFiles(file)).toEqual([]);
  }, 90_000);
});
