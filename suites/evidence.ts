import { buildCurl } from './curl.ts';
import type { Exchange } from './exchange.ts';
import type { Evidence } from './model.ts';

/** A configured secret and the environment variable that stands for it in evidence. */
export interface Secret {
  value: string;
  envVar: string;
}

const MAX_BODY_CHARS = 4_000;

/** The evidence of one exchange: what was sent, what was expected, what came back, and a curl to replay it. */
export function evidenceOf(ex: Exchange, expected: string, secrets: readonly Secret[]): Evidence {
  const headers: Record<string, string> = { ...ex.requestHeaders };
  if (ex.authShell !== undefined) headers['Authorization'] = ex.authShell;
  return {
    request: {
      method: ex.method,
      url: ex.url,
      headers,
      ...(ex.requestBody !== undefined ? { body: bodyForReport(ex.requestBody) } : {}),
    },
    expected,
    received: {
      status: ex.status,
      headers: ex.headers,
      ...(ex.error !== undefined ? { body: `no response: ${ex.error}` } : ex.text !== '' ? { body: bodyForReport(ex.text) } : {}),
    },
    curl: buildCurl(
      {
        method: ex.method,
        url: ex.url,
        headers: ex.requestHeaders,
        ...(ex.authShell !== undefined ? { authShell: ex.authShell } : {}),
        ...(ex.requestBody !== undefined ? { body: ex.requestBody } : {}),
      },
      secrets,
    ),
  };
}

/** JSON bodies as values, others as (shortened) text. */
function bodyForReport(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : text;
  }
}
