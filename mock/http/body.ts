/**
 * Reading and parsing a request body: bounded (413 without buffering past the limit),
 * JSON only (415), parse errors as 422 `json_invalid` naming the position.
 */
import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './typed-errors.ts';

/** Deeper JSON is refused: re-serialising it (deep copies, responses) would overflow the stack. */
export const MAX_JSON_DEPTH = 100;

/**
 * The raw body, or an empty buffer when there is none. Rejects with
 * `PayloadTooLargeError` as soon as the declared or received size passes `limit`,
 * and stops reading then.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(tooLarge(limit));
  }
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(new ValidationError([{ loc: ['body'], msg: 'Request body was not received completely', type: 'value_error' }]));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

function tooLarge(limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`Request body is over ${limit} bytes`);
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;

/** The media type of a Content-Type header, lower-case, without parameters; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** `application/json` or a `+json` type. */
export function isJsonMedia(media: string): boolean {
  return JSON_MEDIA.test(media);
}

/**
 * Parses a JSON body. An absent content type is read as JSON (as FastAPI does); any
 * other media type answers 415.
 *
 * @example
 * parseJsonBody(Buffer.from('{"name":"x"}'), 'application/json'); // { name: 'x' }
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  const media = mediaType(contentType);
  if (media !== '' && !isJsonMedia(media)) {
    throw new UnsupportedMediaTypeError(`Content-Type must be application/json, got ${media.slice(0, 100)}`);
  }
  const text = raw.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ValidationError([{ loc: ['body', errorPosition(err, text)], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
  if (depthOver(value, MAX_JSON_DEPTH)) {
    throw ValidationError.field(['body'], `JSON is nested deeper than ${MAX_JSON_DEPTH} levels`, 'value_error');
  }
  return value;
}

/** Where JSON.parse failed, when its message says so (V8 gives a position for some errors only), else 'json'. */
function errorPosition(err: unknown, text: string): number | 'json' {
  const message = err instanceof Error ? err.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Number(position);
  return message.startsWith('Unexpected end of JSON input') ? text.length : 'json';
}

/** Iterative, so a hostile nesting depth cannot overflow the stack here either. */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
