import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTempFiles } from '../atomic-file.ts';
import { createStateStore, StateFileError } from '../persistence.ts';
import { tinySnapshot } from './snapshots.ts';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-persist-'));
  file = join(dir, 'state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createStateStore', () => {
  it('load() is undefined while the file does not exist', () => {
    expect(createStateStore(file).load()).toBeUndefined();
  });

  it('round-trips a snapshot, custom_attributes and all, leaving no temp file', async () => {
    const store = createStateStore(file);
    const snapshot = tinySnapshot(7);
    await store.save(snapshot);
    expect(store.load()).toEqual(snapshot);
    expect(createStateStore(file).load()).toEqual(snapshot);
    expect(listTempFiles(file)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('replaces the file by rename (a new inode), never by rewriting it in place', async () => {
    const store = createStateStore(file);
    await store.save(tinySnapshot(1));
    const before = statSync(file).ino;
    await store.save(tinySnapshot(2));
    expect(statSync(file).ino).not.toBe(before);
    expect(store.load()).toEqual(tinySnapshot(2));
  });

  it('overlapping saves leave exactly one of the snapshots, whole, and no temp files', async () => {
    const store = createStateStore(file);
    const snapshots = Array.from({ length: 12 }, (_, i) => tinySnapshot(i, 20));
    await Promise.all(snapshots.map((s) => store.save(s)));
    expect(snapshots).toContainEqual(store.load());
    expect(listTempFiles(file)).toEqual([]);
  });

  it('a save that cannot write says which file and leaves no temp behind', async () => {
    const store = createStateStore(join(dir, 'missing-dir', 'state.json'));
    const err = await store.save(tinySnapshot()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toContain(join(dir, 'missing-dir', 'state.json'));
    expect(readdirSync(dir)).toEqual([]);
  });

  describe('refuses a broken file, naming it and what is wrong, and keeps it untouched', () => {
    const acme = tinySnapshot().tenants[0]!;
    const withOus = (ous: unknown[]): string => JSON.stringify({ version: 1, tenants: [{ ...acme, ous, users: [] }] });
    const cases: Array<[string, string, RegExp]> = [
      ['torn JSON', '{"version":1,"tenants":[{"tenant_id":"acme","ous":[', /is not valid JSON/],
      ['an empty file', '', /is empty/],
      ['another JSON value', '[1,2,3]', /is not a valid snapshot: Input should be a valid JSON object/],
      ['a wrong version', '{"version":2,"tenants":[]}', /is not a valid snapshot: version: Input should be 1/],
      ['tenants not a list', '{"version":1,"tenants":{}}', /tenants: Input should be a valid list/],
      ['an OU field of the wrong type', withOus([{ ...acme.ous[0], parent_id: 5 }]), /tenants\.0\.ous\.0\.parent_id: .*string or null/],
      ['an unknown parent', withOus([{ ...acme.ous[0], parent_id: 'nowhere' }]), /tenants\.0\.ous\.0\.parent_id: unknown parent OU "nowhere"/],
      [
        'a cycle',
        withOus([
          { ...acme.ous[0], id: 'a', parent_id: 'b' },
          { ...acme.ous[1], id: 'b', parent_id: 'a' },
        ]),
        /parent_id: .*cycle/,
      ],
      [
        'a user without email',
        JSON.stringify({ version: 1, tenants: [{ tenant_id: 'a', ous: [], users: [{ id: 'u', display_name: 'U', ou_id: null }] }] }),
        /tenants\.0\.users\.0\.email: email must be a string/,
      ],
    ];
    it.each(cases)('%s', (_label, content, problem) => {
      writeFileSync(file, content);
      let err: unknown;
      try {
        createStateStore(file).load();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StateFileError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(problem);
      expect((err as Error).message).toMatch(/left untouched/);
      expect(readFileSync(file, 'utf8')).toBe(content);
    });
  });

  it('load() removes temp files of dead writers (kill -9 between write and rename) but keeps live ones', async () => {
    const store = createStateStore(file);
    await store.save(tinySnapshot(1));
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const abandoned = `.state.json.${deadPid}.0123456789ab.tmp`;
    const live = `.state.json.${process.pid}.ba9876543210.tmp`;
    const unrelated = '.other.json.1.00.tmp';
    for (const name of [abandoned, live, unrelated]) writeFileSync(join(dir, name), '{"torn":');
    expect(store.load()).toEqual(tinySnapshot(1));
    expect(readdirSync(dir).sort()).toEqual([live, unrelated, 'state.json'].sort());
  });
});
