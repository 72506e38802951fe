import { readFile } from 'node:fs/promises';
import { SeedPageError, parseExample } from '../seed-page.ts';

/** One response as the page shows it: a description, maybe an example and header descriptions (no status). */
export interface V2PageResponse {
  description: string;
  example?: unknown;
  headers: string[];
}

export interface V2PageOperation {
  method: string;
  path: string;
  /** The description lines, joined by a space. */
  description: string;
  /** Descriptions of the path parameters, in order (the page gives no names: they come from the path template). */
  pathParameters: string[];
  /** Descriptions of the query parameters (the page gives no names). */
  queryParameters: string[];
  requestBody?: { required: boolean; description: string; example?: unknown };
  responses: V2PageResponse[];
}

export interface V2Page {
  title: string;
  version: string;
  operations: V2PageOperation[];
}

const OPERATION = /\b(GET|POST|PUT|PATCH|DELETE) (\/\S+)\s*$/;
const SECTION_PREFIX = /^Section titled “([^”]*)”/;
type State = 'description' | 'path' | 'query' | 'body' | 'responses' | 'headers';

/**
 * Parses the seed 004 page (a rendered API reference: headings followed by a
 * "Section titled “…”" line that carries the first line of the section's content).
 * Lines that are only type markers (`object`) or "Example" carry nothing to compare.
 *
 * @throws SeedPageError naming the line of anything it cannot place
 */
export function parseV2Page(text: string): V2Page {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const versionAt = lines.indexOf('- Version');
  const page: V2Page = { title: lines[0] ?? '', version: (lines[versionAt + 1] ?? '').replace(/^- /, ''), operations: [] };
  let op: V2PageOperation | undefined;
  let state: State = 'description';
  const description: string[] = [];

  const heading = (line: string, next: string): string | undefined => {
    const quoted = SECTION_PREFIX.exec(next);
    return quoted?.[1] !== undefined && quoted[1].trim() === line ? line : undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const title = heading(line, lines[i + 1] ?? '');
    if (title !== undefined) {
      if (title === 'Path Parameters') state = 'path';
      else if (title === 'Query Parameters') state = 'query';
      else if (title.startsWith('Request Body')) {
        state = 'body';
        if (op) op.requestBody = { required: title.endsWith('required'), description: '' };
      } else if (title === 'Responses') state = 'responses';
      else if (title === 'Headers') state = 'headers';
      i++;
      line = (lines[i] ?? '').replace(SECTION_PREFIX, '').trim();
    }
    const opMatch = OPERATION.exec(line);
    if (opMatch?.[1] && opMatch[2]) {
      if (op) op.description = description.splice(0).join(' ');
      op = { method: opMatch[1], path: opMatch[2], description: '', pathParameters: [], queryParameters: [], responses: [] };
      page.operations.push(op);
      state = 'description';
      continue;
    }
    if (!op || line === '' || line === 'object' || line === 'Example') continue;
    readLine(op, state, line, description, i + 1);
  }
  if (op) op.description = description.join(' ');
  return page;
}

function readLine(op: V2PageOperation, state: State, line: string, description: string[], lineNo: number): void {
  const json = line.startsWith('{') || line.startsWith('[') ? parseExample(line, lineNo) : undefined;
  const last = op.responses[op.responses.length - 1];
  switch (state) {
    case 'description':
      description.push(line);
      return;
    case 'path':
      op.pathParameters.push(line);
      return;
    case 'query':
      op.queryParameters.push(line);
      return;
    case 'body':
      if (!op.requestBody) throw new SeedPageError('request body content outside a request body', lineNo);
      if (json !== undefined) op.requestBody.example = json;
      else op.requestBody.description = line;
      return;
    case 'responses':
      // A JSON line is the example of the response above it (the page may repeat it).
      if (json !== undefined) {
        if (!last) throw new SeedPageError('an example before any response', lineNo);
        last.example = json;
      } else {
        op.responses.push({ description: line, headers: [] });
      }
      return;
    case 'headers':
      if (!last) throw new SeedPageError('headers before any response', lineNo);
      last.headers.push(line);
  }
}

export async function loadV2Page(path: string): Promise<V2Page> {
  return parseV2Page(await readFile(path, 'utf8'));
}
