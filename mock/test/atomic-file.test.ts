import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Make the rename step fail on demand: the moment a crash or a full disk would hit.
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (failRename.on) throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
      return real.rename(from, to);
    },
  };
});

const { writeFileAtomic } = await import('../atomic-file.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ou-atomic-'));
  failRename.on = false;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the content and leaves only the target in the directory', async () => {
    const file = join(dir, 'state.json');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('when the rename fails, the old content stays whole and the temp file is removed', async () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old complete state');
    failRename.on = true;
    await expect(writeFileAtomic(file, 'new state')).rejects.toThrow(/simulated rename failure/);
    expect(readFileSync(file, 'utf8')).toBe('old complete state');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});
