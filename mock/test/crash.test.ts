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

/** Every OU name of tenant acme in the state file, after checking the file is a whole, loadable snapshot. */
function checkStateFile(): Set<string> {
  // Parse it ourselves too: a torn file must fail here whatever load() does.
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  expect(createStateStore(file).load()).toEqual(snapshot);
  // The core's own loader: types and relations (parents, cycles, duplicates) all hold.
  const directory = Directory.fromSnapshot(snapshot);
  expect(directory.tenantIds()).toEqual(expect.arrayContaining(['acme', 'globex', 'initech']));
  return new Set(snapshot.tenants.find((t) => t.tenant_id === 'acme')!.ous.map((o) => o.name));
}

/**
 * Creates OUs in bursts until `stop()`: pauses between bursts let the debounced saver fire often,
 * so the kill lands before, during and after saves. Returns the names the mock acknowledged (201).
 */
function writeLoad(ready: Ready, run: number): { stop: () => Promise<string[]> } {
  const acknowledged: string[] = [];
  let running = true;
  const loop = (async () => {
    const headers = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' };
    for (let i = 0; running && i < 2_000; i++) {
      const name = `crash ${run}-${i}`;
      try {
        const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, { method: 'POST', headers, body: JSON.stringify({ name }) });
        if (res.status === 201) acknowledged.push(name);
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

describe('state file under kill -9 (atomic saves)', () => {
  it('SIGKILL at random moments during writes always leaves a complete, loadable snapshot and no stray temp files', async () => {
    let previous = new Set<string>();
    let written = 0;
    let killedMidSave = 0;
    for (let run = 0; run < 4; run++) {
      const child = runCli(['mock', '--port', '0', '--state', file]);
      const ready = await waitForBanner(child);
      // The restart loaded the file (it refuses broken ones) and swept the temps a killed writer left.
      expect(listTempFiles(file)).toEqual([]);
      const state = checkStateFile();
      for (const name of previous) expect(state.has(name)).toBe(true);

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
      written += (await load.stop()).length;

      previous = checkStateFile();
      // The first save of this run completed before the second began: its new OUs must be on disk.
      if (savedBeforeKill) expect([...previous].some((name) => name.startsWith(`crash ${run}-`))).toBe(true);
    }
    console.info(`crash test: ${written} OUs acknowledged, ${killedMidSave} of 4 kills left a half-written temp file`);
    expect(written).toBeGreaterThan(0);

    // A last clean run: everything acknowledged before SIGTERM is saved, and no temp file is left.
    const child = runCli(['mock', '--port', '0', '--state', file]);
    const ready = await waitForBanner(child);
    const load = writeLoad(ready, 99);
    await sleep(300);
    const acknowledged = await load.stop();
    child.process.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const final = checkStateFile();
    for (const name of [...previous, ...acknowledged]) expect(final.has(name)).toBe(true);
    expect(listTempFiles(file)).toEqual([]);
  }, 60_000);
});
