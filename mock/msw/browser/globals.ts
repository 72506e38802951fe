/**
 * Injected into the browser bundle where the mock names Node globals: `Buffer` (body reading,
 * responses, the journal, the token check) is the `buffer` package's; `process.stderr`, where
 * the mock reports an unexpected error, is the console.
 */
import { Buffer } from 'buffer';

type Encoding = Parameters<typeof Buffer.prototype.toString>[0];

// buffer@6 lacks Node's 'base64url' encoding, which the token check uses. Its base64 decoder
// already reads the URL alphabet and no padding, so decoding maps onto it; encoding writes base64
// in the URL alphabet without padding, as Node does. This copy of `buffer` is the bundle's own.
const encode = Buffer.prototype.toString;
Buffer.prototype.toString = function toString(this: Buffer, encoding?: Encoding | 'base64url', start?: number, end?: number): string {
  if (encoding !== 'base64url') return encode.call(this, encoding, start, end);
  return encode.call(this, 'base64', start, end).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
};
// Every argument passes through: Buffer.from(arrayBuffer, byteOffset, length) is how the journal keeps part of a body.
const from = Buffer.from.bind(Buffer) as (value: unknown, encodingOrOffset?: unknown, length?: unknown) => Buffer;
Buffer.from = ((value: unknown, encodingOrOffset?: unknown, length?: unknown) =>
  from(value, encodingOrOffset === 'base64url' ? 'base64' : encodingOrOffset, length)) as typeof Buffer.from;

export { Buffer };

export const processStderr = {
  write(text: string): boolean {
    console.error(text.replace(/\n$/, ''));
    return true;
  },
};
