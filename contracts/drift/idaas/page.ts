import { readFile } from 'node:fs/promises';
import { SeedPageError } from '../seed-page.ts';

/** A row of the page's parameter tables. */
export interface IdPageParameter {
  name: string;
  type: string;
  /** `path` (named in the route), `header` (Authorization), `query`, or `body` (a field of the request body). */
  in: 'path' | 'header' | 'query' | 'body';
  required: boolean;
  description: string;
  example?: string;
}

export interface IdPage {
  /** The operation's name from the title ("…:CreateOrganizationalUnit"). */
  operationName: string;
  summary: string;
  method: string;
  path: string;
  parameters: IdPageParameter[];
  /** The `body` row itself: whether a body is required, and its description. */
  body?: { required: boolean; description: string };
  /** Response fields (the unnamed root object is left out). */
  responseFields: { name: string; type: string; description: string; example?: string }[];
  sampleResponse?: unknown;
}

const TYPE = '(string|object|integer|long|boolean|array|number)';
const REQUEST_ROW = new RegExp(`^(\\w+?)${TYPE}(Yes|No)$`);
const RESPONSE_ROW = new RegExp(`^(\\w*?)${TYPE}$`);

interface Row {
  cells: RegExpExecArray;
  /** The row's non-empty content lines: description paragraphs, then the example. */
  content: string[];
}

/**
 * Parses the seed 003 page (one operation of a developer API reference). Its tables are
 * flattened: a row is `<name><type><Yes|No>` on one line, then description paragraphs and,
 * for rows with a value, the example as the last line. The page does not indent body
 * fields, so every row after the `body` row is a field of the body.
 *
 * @throws SeedPageError naming the line of anything it cannot read
 */
export function parseIdPage(text: string): IdPage {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const titleAt = lines.findIndex((l) => /^[^:]+:[A-Z]\w+$/.test(l));
  if (titleAt < 0) throw new SeedPageError('no "<product>:<OperationName>" title', 1);
  const operationName = lines[titleAt]?.split(':').pop() ?? '';
  const updatedAt = lines.findIndex((l) => l.startsWith('Last Updated:'));
  const summary = lines.slice(updatedAt + 1).find((l) => l !== '') ?? '';

  const syntaxAt = indexOf(lines, 'Request syntax');
  const syntax = /^(GET|POST|PUT|PATCH|DELETE) (\/\S+)$/.exec(lines.slice(syntaxAt + 1).find((l) => l !== '') ?? '');
  if (!syntax?.[1] || !syntax[2]) throw new SeedPageError('"Request syntax" is not followed by "<METHOD> <path>"', syntaxAt + 2);
  const path = syntax[2];

  const page: IdPage = { operationName, summary, method: syntax[1], path, parameters: [], responseFields: [] };
  let inBody = false;
  for (const { cells, content } of rows(lines, indexOf(lines, 'Request parameters'), indexOf(lines, 'Response parameters'), REQUEST_ROW)) {
    const [, name = '', type = '', flag] = cells;
    const { description, example } = split(content, type);
    if (name === 'body' && type === 'object') {
      page.body = { required: flag === 'Yes', description };
      inBody = true;
      continue;
    }
    const location = inBody ? 'body' : path.includes(`{${name}}`) ? 'path' : name === 'Authorization' ? 'header' : 'query';
    page.parameters.push({ name, type, in: location, required: flag === 'Yes', description, ...(example === undefined ? {} : { example }) });
  }
  const examplesAt = indexOf(lines, 'Examples');
  for (const { cells, content } of rows(lines, indexOf(lines, 'Response parameters'), examplesAt, RESPONSE_ROW)) {
    const [, name = '', type = ''] = cells;
    if (name === '') continue;
    const { description, example } = split(content, type);
    page.responseFields.push({ name, type, description, ...(example === undefined ? {} : { example }) });
  }
  const sample = sampleJson(lines, examplesAt);
  if (sample !== undefined) page.sampleResponse = sample;
  return page;
}

function indexOf(lines: readonly string[], heading: string): number {
  const at = lines.indexOf(heading);
  if (at < 0) throw new SeedPageError(`no "${heading}" section`, lines.length);
  return at;
}

function rows(lines: readonly string[], from: number, to: number, pattern: RegExp): Row[] {
  const out: Row[] = [];
  // from + 1 is blank, from + 2 the table's header row.
  for (let i = from + 3; i < to; i++) {
    const line = lines[i] ?? '';
    const cells = pattern.exec(line);
    if (cells) out.push({ cells, content: [] });
    else if (line !== '') {
      const last = out[out.length - 1];
      if (!last) throw new SeedPageError(`expected a table row, found "${line}"`, i + 1);
      last.content.push(line);
    }
  }
  return out;
}

/** Objects have no example; a value row's last line is its example when it has more than one. */
function split(content: readonly string[], type: string): { description: string; example?: string } {
  if (type === 'object' || content.length < 2) return { description: content.join(' ') };
  return { description: content.slice(0, -1).join(' '), example: content[content.length - 1] ?? '' };
}

function sampleJson(lines: readonly string[], from: number): unknown {
  const start = lines.findIndex((l, i) => i > from && l.startsWith('{'));
  if (start < 0) return undefined;
  for (let end = start; end < lines.length; end++) {
    try {
      return JSON.parse(lines.slice(start, end + 1).join('\n'));
    } catch {
      // Not closed yet: the sample spans lines.
    }
  }
  throw new SeedPageError('the sample response is not JSON', start + 1);
}

export async function loadIdPage(path: string): Promise<IdPage> {
  return parseIdPage(await readFile(path, 'utf8'));
}
