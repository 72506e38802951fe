/**
 * `node:crypto` in the browser bundle: the few functions the mock calls, on Web Crypto (random
 * values) and @noble/hashes (SHA-256 must stay synchronous: a write's ids are derived inside it).
 */
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { Buffer } from 'buffer';

type Encoding = 'hex' | 'base64' | 'base64url';
type Data = string | Uint8Array;

const encoder = new TextEncoder();
const bytesOf = (data: Data): Uint8Array => (typeof data === 'string' ? encoder.encode(data) : data);

interface Digest {
  update(data: Data): Digest;
  digest(): Buffer;
  digest(encoding: Encoding): string;
}

function digester(hash: { update(data: Uint8Array): unknown; digest(): Uint8Array }): Digest {
  const self: Digest = {
    update(data) {
      hash.update(bytesOf(data));
      return self;
    },
    digest: ((encoding?: Encoding) => {
      const out = Buffer.from(hash.digest());
      return encoding === undefined ? out : out.toString(encoding);
    }) as Digest['digest'],
  };
  return self;
}

function sha256Only(algorithm: string): void {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`Only sha256 is available in the browser build, not ${algorithm}`);
}

export function createHash(algorithm: string): Digest {
  sha256Only(algorithm);
  return digester(sha256.create());
}

export function createHmac(algorithm: string, key: Data): Digest {
  sha256Only(algorithm);
  return digester(hmac.create(sha256, bytesOf(key)));
}

export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(size)));
}

/** Constant time in the length, as Node's: no early exit on the first differing byte. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
