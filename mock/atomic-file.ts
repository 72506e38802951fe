import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` with `data` (a string, or pieces of one written as they come) so that a crash
 * (even `kill -9` or power loss) at any moment leaves either the old or the new complete content,
 * never a torn or empty file: write a uniquely named temp file in the same directory, fsync it,
 * rename it over the target (atomic within one file system), then fsync the directory so the
 * rename itself is durable.
 *
 * @example
 * await writeFileAtomic('/tmp/state.json', JSON.stringify(snapshot));
 */
export async function writeFileAtomic(file: string, data: string | AsyncIterable<string>): Promise<void> {
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'wx');
    try {
      for await (const piece of typeof data === 'string' ? [data] : data) await writeAll(handle, Buffer.from(piece, 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(file));
}

/**
 * Deletes temp files of `file` left behind by writers that died between write and rename
 * (a `kill -9` there leaves one). Temps of a live process are kept: it may still rename them.
 *
 * @returns the names removed
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = dirname(file);
  const prefix = tempPrefix(file);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = ownerPid(name, prefix);
    if (pid === undefined || isAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Another process cleaned it first; nothing to do.
    }
  }
  return removed;
}

/** The temp files of `file` currently in its directory (tests and diagnostics). */
export function listTempFiles(file: string): string[] {
  const prefix = tempPrefix(file);
  return readdirSync(dirname(file)).filter((name) => ownerPid(name, prefix) !== undefined);
}

// `.state.json.<pid>.<random>.tmp`: hidden, beside the target (same file system, so rename is atomic),
// and carrying the writer's pid so a later start can tell abandoned temps from live ones.
function tempNameFor(file: string): string {
  return join(dirname(file), `${tempPrefix(file)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function tempPrefix(file: string): string {
  return `.${basename(file)}.`;
}

function ownerPid(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One write may take only part of a buffer; loop until all of it is in the file. */
async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  for (let offset = 0; offset < buffer.length; ) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}
