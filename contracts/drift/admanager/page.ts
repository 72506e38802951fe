import { readFile } from 'node:fs/promises';
import { SeedPageError, parseExample } from '../seed-page.ts';

/** A parameter, header or body argument as the page lists it (name, type, "(Required)"). */
export interface AdPageEntry {
  /** The argument's place in the body (`['data', 'attributes', 'name']`); one name for parameters and headers. */
  path: string[];
  type: string;
  required: boolean;
  description: string;
}

/** What the page's curl example sends. */
export interface AdPageRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface AdPageOperation {
  title: string;
  request: AdPageRequest;
  query: AdPageEntry[];
  headers: AdPageEntry[];
  arguments: AdPageEntry[];
  /** "Body Parameters" example. */
  bodyExample?: unknown;
  responseExamples: unknown[];
}

export interface AdPage {
  operations: AdPageOperation[];
}

const TYPES = new Set(['integer', 'string', 'boolean', 'object', 'array', 'number']);
const SECTIONS = new Set(['Query Parameters', 'Headers', 'Arguments', 'Request Example', 'Body Parameters', 'Response Example']);
const NESTED = 'Show Sub-Attributes arrow';

/**
 * Parses the seed 002 page: an operation is a title followed by "This endpoint …", then
 * sections whose entries are a name line, a type line, an optional "(Required)" and
 * description lines. "Show Sub-Attributes arrow" opens the previous argument: the page
 * closes no level, so every later argument of the list belongs to the innermost one.
 * The method and path come from the curl example, the only place the page states them.
 *
 * @throws SeedPageError naming the line of anything it cannot read
 */
export function parseAdPage(text: string): AdPage {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const starts = lines.flatMap((line, i) => (line !== '' && nextNonEmpty(lines, i + 1)?.startsWith('This endpoint') ? [i] : []));
  const operations = starts.map((start, k) => readOperation(lines, start, starts[k + 1] ?? lines.length));
  return { operations };
}

function nextNonEmpty(lines: readonly string[], from: number): string | undefined {
  return lines.slice(from).find((l) => l !== '');
}

function readOperation(lines: readonly string[], start: number, end: number): AdPageOperation {
  const sections = new Map<string, { from: number; to: number }>();
  let current: string | undefined;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (SECTIONS.has(line)) {
      current = line;
      sections.set(line, { from: i + 1, to: end });
      continue;
    }
    if (current) sections.get(current)!.to = i + 1;
  }
  const slice = (name: string): { lines: string[]; from: number } => {
    const s = sections.get(name);
    return s ? { lines: lines.slice(s.from, s.to) as string[], from: s.from } : { lines: [], from: start };
  };
  const curlAt = slice('Request Example');
  const curlIndex = curlAt.lines.findIndex((l) => l.startsWith('curl '));
  if (curlIndex < 0) throw new SeedPageError(`operation "${lines[start] ?? ''}" has no curl example`, start + 1);
  const body = slice('Body Parameters');
  const bodyJson = body.lines.findIndex((l) => l.startsWith('{'));
  const responses = slice('Response Example');
  return {
    title: lines[start] ?? '',
    request: readCurl(curlAt.lines[curlIndex] ?? '', curlAt.from + curlIndex + 1),
    query: readEntries(slice('Query Parameters')),
    headers: readEntries(slice('Headers')),
    arguments: readEntries(slice('Arguments')),
    ...(bodyJson >= 0 ? { bodyExample: parseExample(body.lines[bodyJson] ?? '', body.from + bodyJson + 1) } : {}),
    responseExamples: responses.lines.flatMap((l, k) => (l.startsWith('{') ? [parseExample(l, responses.from + k + 1)] : [])),
  };
}

function readEntries({ lines, from }: { lines: string[]; from: number }): AdPageEntry[] {
  const entries: AdPageEntry[] = [];
  let parents: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const last = entries[entries.length - 1];
    if (line === NESTED) {
      if (!last || last.type !== 'object') throw new SeedPageError(`"${NESTED}" after no object argument`, from + i + 1);
      parents = last.path;
    } else if (/^[\w.-]+$/.test(line) && TYPES.has(lines[i + 1] ?? '')) {
      entries.push({ path: [...parents, line], type: lines[i + 1] ?? '', required: false, description: '' });
      i++;
    } else if (line === '(Required)' && last) {
      last.required = true;
    } else if (line !== '' && last) {
      last.description = last.description ? `${last.description} ${line}` : line;
    } else if (line !== '') {
      throw new SeedPageError(`expected a name followed by its type, found "${line}"`, from + i + 1);
    }
  }
  return entries;
}

function readCurl(line: string, lineNo: number): AdPageRequest {
  const method = /--request (\w+)/.exec(line)?.[1];
  const url = /--url '([^']+)'/.exec(line)?.[1];
  if (!method || !url) throw new SeedPageError('curl example without --request and --url', lineNo);
  const parsed = new URL(url);
  const headers: Record<string, string> = {};
  for (const m of line.matchAll(/--header '([^:']+): ([^']*)'/g)) if (m[1]) headers[m[1]] = m[2] ?? '';
  const data = /--data '([^']*)'/.exec(line)?.[1];
  return {
    method,
    path: parsed.pathname,
    query: Object.fromEntries(parsed.searchParams),
    headers,
    ...(data === undefined ? {} : { body: parseExample(data, lineNo) }),
  };
}

export async function loadAdPage(path: string): Promise<AdPage> {
  return parseAdPage(await readFile(path, 'utf8'));
}
