/**
 * The journal as HAR 1.2 (`GET /__mock/journal.har`), the format browsers' devtools, proxies and
 * replay tools import. Bodies are the journal's: redacted, and cut at its bound (said in a comment).
 */
import { STATUS_CODES } from 'node:http';
import type { JournalEntry, RecordedMessage } from './journal.ts';

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

interface NameValue {
  name: string;
  value: string;
}

interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string; comment?: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    content: { size: number; mimeType: string; text?: string; comment?: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
    comment?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
}

function pairs(headers: Record<string, string>): NameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function mime(m: RecordedMessage): string {
  return m.headers['content-type'] ?? (m.body === undefined ? '' : 'application/octet-stream');
}

function cut(m: RecordedMessage): { comment: string } | Record<string, never> {
  return m.body_truncated ? { comment: `body cut to its first bytes (${m.body_size} bytes in all)` } : {};
}

/**
 * @example
 * toHar(journal.last(), { name: 'ou-contract mock', version: '0.1.0' }).log.entries.length;
 */
export function toHar(entries: readonly JournalEntry[], creator: { name: string; version: string }): Har {
  return {
    log: {
      version: '1.2',
      creator,
      entries: entries.map((e): HarEntry => {
        const host = e.request.headers['host'] ?? 'localhost';
        const httpVersion = `HTTP/${e.http_version}`;
        return {
          startedDateTime: e.at,
          time: e.duration_ms,
          request: {
            method: e.method,
            url: `http://${host}${e.path}${e.query === '' ? '' : `?${e.query}`}`,
            httpVersion,
            cookies: [],
            headers: pairs(e.request.headers),
            queryString: [...new URLSearchParams(e.query)].map(([name, value]) => ({ name, value })),
            ...(e.request.body !== undefined ? { postData: { mimeType: mime(e.request), text: e.request.body, ...cut(e.request) } } : {}),
            headersSize: -1,
            bodySize: e.request.body_size,
          },
          response: {
            status: e.status,
            statusText: e.status === 0 ? 'connection closed without a response' : (STATUS_CODES[e.status] ?? ''),
            httpVersion,
            cookies: [],
            headers: pairs(e.response.headers),
            content: { size: e.response.body_size, mimeType: mime(e.response), ...(e.response.body !== undefined ? { text: e.response.body } : {}), ...cut(e.response) },
            redirectURL: e.response.headers['location'] ?? '',
            headersSize: -1,
            bodySize: e.response.body_size,
          },
          cache: {},
          // The mock knows only the whole duration: all of it is waiting for the answer.
          timings: { send: 0, wait: e.duration_ms, receive: 0 },
          comment: `request id ${e.request_id}, journal seq ${e.seq}`,
        };
      }),
    },
  };
}
