import { createHash } from 'node:crypto';
import { buildCurl } from './curl.ts';
import type { Exchange } from './exchange.ts';
import type { Evidence } from './model.ts';

/** A configured secret and the environment variable that stands for it in evidence. */
export interface Secret {
  value: string;
  envVar: string;
}

/**
 * Request bodies from this size (bytes) on are replayed from a file, not inline: one
 * shell argument holds at most 128 KiB on Linux (`Argument list too long` beyond it).
 */
export const BODY_FILE_THRESHOLD = 64 * 1024;

/**
 * Where a large body is written, relative to the report folder: named by its SHA-256,
 * so the same body, however many checks sent it, is stored once.
 *
 * @example
 * bodyFileName('x'.repeat(100_000)); // 'bodies/2b0d…e1.bin'
 */
export function bodyFileName(body: string): string {
  return `bodies/${createHash('sha256').update(body).digest('hex').slice(0, 32)}.bin`;
}

/**
 * The evidence of one exchange: what was sent, what was expected, what came back, and a
 * curl to replay it. A request body of `BODY_FILE_THRESHOLD` bytes or more is kept whole
 * (the report writer moves it into `body_file` and shortens it in the reports) and the
 * curl reads it with `--data-binary @bodies/….bin`, relative to the report folder.
 */
export function evidenceOf(ex: Exchange, expected: string, secrets: readonly Secret[]): Evidence {
  const headers: Record<string, string> = { ...ex.requestHeaders };
  if (ex.authShell !== undefined) headers['Authorization'] = ex.authShell;
  const large = ex.requestBody !== undefined && Buffer.byteLength(ex.requestBody) >= BODY_FILE_THRESHOLD;
  const bodyFile = large && ex.requestBody !== undefined ? bodyFileName(ex.requestBody) : undefined;
  return {
    request: {
      method: ex.method,
      url: ex.url,
      headers,
      ...(ex.requestBody !== undefined ? { body: large ? ex.requestBody : parsedBody(ex.requestBody) } : {}),
    },
    expected,
    received: {
      status: ex.status,
      headers: ex.headers,
      ...(ex.error !== undefined ? { body: `no response: ${ex.error}` } : ex.text !== '' ? { body: parsedBody(ex.text) } : {}),
    },
    curl: buildCurl(
      {
        method: ex.method,
        url: ex.url,
        headers: ex.requestHeaders,
        ...(ex.authShell !== undefined ? { authShell: ex.authShell } : {}),
        ...(bodyFile !== undefined ? { bodyFile } : ex.requestBody !== undefined ? { body: ex.requestBody } : {}),
      },
      secrets,
    ),
    ...(bodyFile !== undefined ? { body_file: bodyFile } : {}),
  };
}

/** JSON bodies as values, others as text; the report writers cap their size. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
