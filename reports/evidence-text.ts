import type { Evidence } from '../suites/model.ts';
import { MAX_REPORT_BODY } from './bodies.ts';

/** A body as readable text: strings as they are, anything else as indented JSON, cut when long. */
export function bodyText(body: unknown): string {
  if (body === undefined) return '';
  const text = typeof body === 'string' ? body : (JSON.stringify(body, null, 2) ?? String(body));
  return text.length > MAX_REPORT_BODY ? `${text.slice(0, MAX_REPORT_BODY)}\n… (${text.length - MAX_REPORT_BODY} more characters)` : text;
}

/** Headers as `Name: value` lines. */
export function headersText(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * One exchange as plain text (request, expected, received, curl), for JUnit failure
 * bodies and the terminal. Not escaped: each writer escapes for its own format.
 */
export function evidenceText(e: Evidence): string {
  const lines = [`request: ${e.request.method} ${e.request.url}`];
  const requestHeaders = headersText(e.request.headers);
  if (requestHeaders !== '') lines.push(indent(requestHeaders));
  if (e.request.body !== undefined) lines.push(indent(bodyText(e.request.body)));
  lines.push(`expected: ${e.expected}`, `received: ${e.received.status}`);
  const receivedHeaders = headersText(e.received.headers);
  if (receivedHeaders !== '') lines.push(indent(receivedHeaders));
  if (e.received.body !== undefined) lines.push(indent(bodyText(e.received.body)));
  lines.push(`curl: ${e.curl}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
