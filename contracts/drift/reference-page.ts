import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PageTypeError, parseTypeCell } from './page-type.ts';
import type { NullableType } from './page-type.ts';

export interface PageParameter {
  name: string;
  in: string;
  required: boolean;
  type: NullableType;
}

export interface PageRequestBody {
  required: boolean;
  mediaType: string;
  schema: string;
}

/** A response row: a JSON body naming a schema, or a bare description (e.g. 204). */
export interface PageResponse {
  status: string;
  mediaType?: string;
  schema?: string;
  description?: string;
}

export interface PageEndpoint {
  /** Upper case, as the page writes it. */
  method: string;
  path: string;
  summary: string;
  parameters: PageParameter[];
  requestBody?: PageRequestBody;
  responses: PageResponse[];
}

export interface PageField {
  name: string;
  type: NullableType;
  required: boolean;
  /** From "Default: `…`" in the description column, JSON-decoded when it is JSON. */
  default?: unknown;
}

export interface PageSchema {
  name: string;
  fields: PageField[];
}

export interface ReferencePage {
  /** The count the page announces ("— 7 endpoints"), to cross-check the parse. */
  declaredEndpoints?: number;
  endpoints: PageEndpoint[];
  schemas: PageSchema[];
}

/** The page does not have the shape the generator writes; `line` is 1-based. */
export class ReferencePageError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`reference page line ${line}: ${message}`);
    this.name = 'ReferencePageError';
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the reference page is: `$OU_REFERENCE_PAGE`, else `../shared/seeds/000_…txt` beside the repo. */
export function referencePagePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.OU_REFERENCE_PAGE ? resolve(env.OU_REFERENCE_PAGE) : resolve(REPO_ROOT, '../shared/seeds/000_9c59459a2f67d8d9.txt');
}

/** True when the reference page can be read (the drift test skips, saying why, when not). */
export function referencePageExists(path: string = referencePagePath()): boolean {
  return existsSync(path);
}

/** Reads and parses the reference page. */
export async function loadReferencePage(path: string = referencePagePath()): Promise<ReferencePage> {
  return parseReferencePage(await readFile(path, 'utf8'));
}

interface Row {
  cells: string[];
  /** 1-based line number, for errors. */
  line: number;
}

interface Table {
  rows: Row[];
  /** Index of the first line after the table. */
  end: number;
}

/**
 * Parses the generated Markdown reference page: its endpoint sections (method, path,
 * summary, parameter table, request body, response table) and its schema tables.
 *
 * @throws ReferencePageError naming the line of anything it cannot read
 */
export function parseReferencePage(text: string): ReferencePage {
  const lines = text.split(/\r?\n/);
  const page: ReferencePage = { endpoints: [], schemas: [] };
  const declared = /— (\d+) endpoints?\b/.exec(text);
  if (declared?.[1]) page.declaredEndpoints = Number(declared[1]);

  let section: 'endpoints' | 'schemas' | undefined;
  let endpoint: PageEndpoint | undefined;
  let schema: PageSchema | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line.startsWith('## ')) {
      section = line === '## Endpoints' ? 'endpoints' : line === '## Schemas' ? 'schemas' : undefined;
      endpoint = undefined;
      schema = undefined;
      continue;
    }
    if (section === 'endpoints') {
      const heading = /^### \*\*([A-Z]+)\*\* `([^`]+)`$/.exec(line);
      if (heading?.[1] && heading[2]) {
        endpoint = { method: heading[1], path: heading[2], summary: '', parameters: [], responses: [] };
        page.endpoints.push(endpoint);
        continue;
      }
      if (!endpoint) continue;
      const summary = /^_(.+)_$/.exec(line);
      if (summary?.[1] && endpoint.summary === '') endpoint.summary = summary[1];
      else if (line === '**Parameters:**') {
        const table = readTable(lines, i + 1, ['Name', 'In', 'Required', 'Type', 'Description']);
        endpoint.parameters = table.rows.map(parameterRow);
        i = table.end - 1;
      } else if (line === '**Request body:**') {
        i = readRequestBody(lines, i + 1, endpoint);
      } else if (line === '**Responses:**') {
        const table = readTable(lines, i + 1, ['Status', 'Body']);
        endpoint.responses = table.rows.map(responseRow);
        i = table.end - 1;
      }
    } else if (section === 'schemas') {
      const heading = /^### `(\w+)`$/.exec(line);
      if (heading?.[1]) {
        schema = { name: heading[1], fields: [] };
        page.schemas.push(schema);
      } else if (schema && line.startsWith('| Field ')) {
        const table = readTable(lines, i, ['Field', 'Type', 'Required', 'Description']);
        schema.fields = table.rows.map(fieldRow);
        i = table.end - 1;
      }
    }
  }
  for (const e of page.endpoints) {
    if (e.summary === '') throw new ReferencePageError(`endpoint ${e.method} ${e.path} has no _summary_ line`, lineOf(lines, e.path));
  }
  return page;
}

/** Reads a Markdown table whose header must be `header`, starting at or after `from` (blank lines skipped). */
function readTable(lines: readonly string[], from: number, header: readonly string[]): Table {
  let i = from;
  while (i < lines.length && (lines[i]?.trim() ?? '') === '') i++;
  const head = splitRow(lines[i] ?? '');
  if (head.join('|') !== header.join('|')) {
    throw new ReferencePageError(`expected a table | ${header.join(' | ')} |, found "${lines[i] ?? ''}"`, i + 1);
  }
  i += 2; // header + separator
  const rows: Row[] = [];
  for (; i < lines.length && (lines[i]?.trim() ?? '').startsWith('|'); i++) {
    const cells = splitRow(lines[i] ?? '');
    if (cells.length !== header.length) throw new ReferencePageError(`expected ${header.length} cells, found ${cells.length}`, i + 1);
    rows.push({ cells, line: i + 1 });
  }
  return { rows, end: i };
}

/** Cells of a table row; `\|` inside a cell is a literal `|`. */
function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function code(cell: string, line: number): string {
  const m = /^`([^`]+)`$/.exec(cell);
  if (!m?.[1]) throw new ReferencePageError(`expected a \`name\`, found "${cell}"`, line);
  return m[1];
}

function yesNo(cell: string, line: number): boolean {
  if (cell === 'yes' || cell === 'no') return cell === 'yes';
  throw new ReferencePageError(`expected yes or no, found "${cell}"`, line);
}

function typeCell(cell: string, line: number): NullableType {
  try {
    return parseTypeCell(cell);
  } catch (error) {
    if (error instanceof PageTypeError) throw new ReferencePageError(error.message, line);
    throw error;
  }
}

function parameterRow({ cells: [name = '', location = '', required = '', type = ''], line }: Row): PageParameter {
  return { name: code(name, line), in: location, required: yesNo(required, line), type: typeCell(type, line) };
}

const BODY_REF = /^`([^`]+)` → \[`(\w+)`\]\(#[\w-]*\)$/;

function responseRow({ cells: [status = '', body = ''], line }: Row): PageResponse {
  const ref = BODY_REF.exec(body);
  if (ref?.[1] && ref[2]) return { status: code(status, line), mediaType: ref[1], schema: ref[2] };
  return { status: code(status, line), description: body };
}

function fieldRow({ cells: [name = '', type = '', required = '', description = ''], line }: Row): PageField {
  const field: PageField = { name: code(name, line), type: typeCell(type, line), required: yesNo(required, line) };
  const def = /Default: `([^`]*)`/.exec(description);
  if (def?.[1] !== undefined) field.default = decodeDefault(def[1]);
  return field;
}

function decodeDefault(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** "Required." / "Optional." then `- \`media\` → [\`Schema\`](#…)`; returns the index of the last line read. */
function readRequestBody(lines: readonly string[], from: number, endpoint: PageEndpoint): number {
  let required: boolean | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === 'Required.' || line === 'Optional.') required = line === 'Required.';
    const media = /^- (.+)$/.exec(line);
    const ref = media?.[1] ? BODY_REF.exec(media[1]) : null;
    if (ref?.[1] && ref[2]) {
      endpoint.requestBody = { required: required ?? false, mediaType: ref[1], schema: ref[2] };
      return i;
    }
    if (line.startsWith('**') || line.startsWith('#')) break;
  }
  throw new ReferencePageError(`request body of ${endpoint.method} ${endpoint.path} names no media type and schema`, from);
}

function lineOf(lines: readonly string[], needle: string): number {
  return lines.findIndex((l) => l.includes(needle)) + 1;
}
