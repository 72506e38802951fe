/**
 * The one `$ref` resolver: local JSON pointers (`#/components/schemas/OU`) into the
 * document. Remote refs are never followed (no test, lint or mock may fetch a URL).
 */
import { isRecord, percentDecode } from './json.ts';

/** A node of the document and the JSON pointer where it stands (without `#`). */
export interface Located {
  readonly node: unknown;
  readonly pointer: string;
}

/** A `$ref` that is remote, or local but naming nothing; the message names the ref. */
export class RefError extends Error {
  constructor(readonly ref: string, message: string) {
    super(message);
    this.name = 'RefError';
  }
}

/** Ref chains longer than this are cycles (`A -> B -> A`) or mistakes: stop instead of hanging. */
const MAX_HOPS = 16;

/** `['paths', '/ous/{id}', 'get']` -> `/paths/~1ous~1{id}/get` (RFC 6901). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * `/paths/~1ous/get` -> `['paths', '/ous', 'get']`. A `#/…` pointer is a URI fragment, so
 * it is percent-decoded too (`#/paths/~1ous~1%7Bid%7D`); a bare one is taken as written.
 */
export function fromPointer(pointer: string): string[] {
  const fragment = pointer.startsWith('#');
  const bare = fragment ? pointer.slice(1) : pointer;
  if (bare === '') return [];
  return bare
    .split('/')
    .slice(1)
    .map((raw) => (fragment ? percentDecode(raw) : raw).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The node at a JSON pointer (`/a/b`, or the fragment `#/a/b`), or undefined. */
export function lookup(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const key of fromPointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * Follows `value`'s `$ref` chain to the node it names, with that node's pointer. `at` is
 * where `value` itself stands (its pointer when it is no ref).
 *
 * @throws RefError for a remote ref, a ref that names nothing, or a cycle
 * @example
 * follow(doc, { $ref: '#/components/responses/NotFound' }, '/paths/~1x/get/responses/404');
 * // { node: { description: ..., content: ... }, pointer: '/components/responses/NotFound' }
 */
export function follow(root: unknown, value: unknown, at: string): Located {
  let node = value;
  let pointer = at;
  for (let hops = 0; isRecord(node) && typeof node['$ref'] === 'string'; hops++) {
    const ref = node['$ref'];
    if (hops === MAX_HOPS) throw new RefError(ref, `$ref chain too long (a cycle?) at ${ref}`);
    if (!ref.startsWith('#')) throw new RefError(ref, `only local $refs are followed, got ${ref}`);
    node = lookup(root, ref);
    pointer = toPointer(fromPointer(ref));
    if (node === undefined) throw new RefError(ref, `$ref ${ref} names nothing`);
  }
  return { node, pointer };
}

/**
 * Lenient form for rule functions and drift checks, which report problems themselves: the
 * target of `value`'s local `$ref` chain, or undefined when it is remote, dangling or cyclic.
 */
export function derefLocal(root: unknown, value: unknown): unknown {
  try {
    return follow(root, value, '').node;
  } catch (error) {
    if (error instanceof RefError) return undefined;
    throw error;
  }
}

/** The target of one local `$ref` string, or undefined when it is absent or not local. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  return ref.startsWith('#') ? lookup(root, ref) : undefined;
}
