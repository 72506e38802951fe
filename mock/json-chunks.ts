/** Items per chunk of a long list: about 1 MB of JSON for OUs and users, a few ms of work between yields. */
const CHUNK_ITEMS = 5_000;
/** Lists up to this long are walked into rather than serialised whole, item by item. */
const WALK_ITEMS = 64;

/**
 * Serialises `value` exactly as `JSON.stringify(value)` would, in pieces, handing the event loop
 * back between pieces: a million-user snapshot then never stalls the server for the seconds one
 * `JSON.stringify` call takes. Objects and short lists are walked into; long lists are split every
 * {@link CHUNK_ITEMS} items, each item serialised whole.
 * `value` must not change while this runs: pass a snapshot copy, not live state.
 *
 * @example
 * await handle.writeFile(jsonChunks(app.snapshot()));
 */
export async function* jsonChunks(value: unknown): AsyncGenerator<string> {
  if (Array.isArray(value) && value.length <= WALK_ITEMS) {
    // A short list (the tenants) may hold the big ones: walk into it.
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonChunks(value[i] ?? null);
    }
    yield ']';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let start = 0; start < value.length; start += CHUNK_ITEMS) {
      const piece = value.slice(start, start + CHUNK_ITEMS).map((item: unknown) => JSON.stringify(item) ?? 'null');
      yield (start > 0 ? ',' : '') + piece.join(',');
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield ']';
    return;
  }
  if (isPlainObject(value)) {
    yield '{';
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      // Same omissions as JSON.stringify: undefined, functions and symbols.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* jsonChunks(member);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  // Objects with toJSON (Date) or another prototype serialise as JSON.stringify decides.
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
