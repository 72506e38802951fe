/** About this many characters per chunk: big enough that per-chunk costs vanish, small enough to interleave requests. */
const CHUNK_CHARS = 64 * 1024;

/** A list or object being written: where the walk stands in it. */
type Frame = { readonly items: readonly unknown[]; next: number } | { readonly entries: ReadonlyArray<[string, unknown]>; next: number; first: boolean };

/**
 * Serialises `value` exactly as `JSON.stringify(value)` would, in chunks of about 64 KiB, handing
 * the event loop back after each: a million-user snapshot or a 100,000-OU tree then never stalls
 * the server for the seconds one `JSON.stringify` call takes. The walk keeps its own stack, so a
 * nesting depth that would overflow `JSON.stringify` (a chain of 10,000 OUs) serialises too.
 * `value` must not change while this runs: pass a snapshot copy or a fresh view, not live state.
 *
 * @example
 * for await (const chunk of jsonChunks(body)) if (!res.write(chunk)) await once(res, 'drain');
 */
export async function* jsonChunks(value: unknown): AsyncGenerator<string> {
  let buffer = '';
  for (const piece of jsonPieces(value)) {
    buffer += piece;
    if (buffer.length < CHUNK_CHARS) continue;
    yield buffer;
    buffer = '';
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (buffer !== '') yield buffer;
}

/** The serialisation as small pieces, synchronously; values without nested structure are written whole. */
function* jsonPieces(value: unknown): Generator<string> {
  const stack: Frame[] = [];
  let pending: { value: unknown } | undefined = { value };
  for (;;) {
    if (pending) {
      const current = pending.value;
      pending = undefined;
      if (Array.isArray(current) && !isFlat(current)) {
        yield '[';
        stack.push({ items: current, next: 0 });
      } else if (isPlainObject(current) && !isFlat(Object.values(current))) {
        yield '{';
        stack.push({ entries: Object.entries(current), next: 0, first: true });
      } else {
        // Leaves, flat lists and objects, and objects with their own serialisation (toJSON, e.g. Date).
        // An array item JSON cannot write (undefined, a function) becomes null, as in JSON.stringify.
        yield JSON.stringify(current) ?? 'null';
      }
    }
    const top = stack.at(-1);
    if (!top) return;
    if ('items' in top) {
      if (top.next < top.items.length) {
        if (top.next > 0) yield ',';
        pending = { value: top.items[top.next++] };
      } else {
        yield ']';
        stack.pop();
      }
      continue;
    }
    // Same omissions as JSON.stringify in objects: undefined, functions and symbols.
    while (top.next < top.entries.length && !writable((top.entries[top.next] as [string, unknown])[1])) top.next++;
    if (top.next < top.entries.length) {
      const [key, member] = top.entries[top.next++] as [string, unknown];
      yield `${top.first ? '' : ','}${JSON.stringify(key)}:`;
      top.first = false;
      pending = { value: member };
    } else {
      yield '}';
      stack.pop();
    }
  }
}

function writable(member: unknown): boolean {
  return member !== undefined && typeof member !== 'function' && typeof member !== 'symbol';
}

/** No member is a non-empty list or object: JSON.stringify can write it whole without recursing deeper. */
function isFlat(members: readonly unknown[]): boolean {
  for (const m of members) {
    if (typeof m !== 'object' || m === null) continue;
    if (Array.isArray(m) ? m.length > 0 : !isPlainObject(m) || Object.keys(m).length > 0) return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  // Objects with toJSON (Date) or another prototype serialise as JSON.stringify decides.
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
