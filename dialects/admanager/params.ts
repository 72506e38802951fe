/**
 * The query parameters and headers both operations share, read into checked values. The
 * host has coerced them by the contract already; handlers read them again so a direct call
 * (tests, a host with validation off) gets the same 400s, never a crash.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { columnNamed, DATE_COLUMNS, DEFAULT_COLUMNS, type AdRow, type ColumnName, textReader } from './columns.ts';
import { compileDatePattern, DatePatternError, ISO_PATTERN } from './date-format.ts';
import { compileFilter, type CompileQuirks, type Predicate } from './filter/compile.ts';
import { FilterError } from './filter/errors.ts';
import { parseAdFilter, type ParsedFilter, type ParseQuirks } from './filter/parse.ts';
import { AdInputError, INVALID_FIELDS } from './render.ts';

/** `limit` bounds and default (AD-L1, our reading of the page's example). */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

export interface Window {
  /** 1-based index of the first object (AD-L1). */
  from: number;
  limit: number;
}

export interface Sort {
  column: ColumnName;
  desc: boolean;
}

export interface CompiledFilter {
  parsed: ParsedFilter;
  /** The filter over one row. */
  test: Predicate<AdRow>;
  /** false under a defect switch's reading: the column table (which folds case its own way) must not answer it. */
  indexable: boolean;
}

/** Ways defect switches bend the filter (see defects.ts); none is on in normal use. */
export interface FilterQuirks extends ParseQuirks, CompileQuirks {
  caseSensitive?: boolean;
  /** Case folded for ASCII letters only. */
  asciiCase?: boolean;
}

/** Ways defect switches bend `sort` (see defects.ts). */
export interface SortQuirks {
  /** An unknown column without `-` falls back to the default. */
  unknownIgnored?: boolean;
  /** Without `sort`: OBJECT_GUID order. */
  defaultByGuid?: boolean;
}

type Query = Readonly<Record<string, unknown>>;

/** `from` and `limit` (AD-L1). */
export function readWindow(query: Query): Window {
  return {
    from: readInteger(query, 'from', 1, 1, Number.MAX_SAFE_INTEGER),
    limit: readInteger(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
}

function readInteger(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new AdInputError(`Invalid parameter ${name}: ${JSON.stringify(raw)} is not an integer ${range}.`);
  }
  return n;
}

/** `fields` (AD-L4): the columns to show, in the order given, each once. */
export function readColumns(query: Query, quirks: { caseSensitive?: boolean; unknownCode?: '00000107' } = {}): readonly ColumnName[] {
  const raw = query['fields'];
  if (raw === undefined) return DEFAULT_COLUMNS;
  const names = String(raw).split(',');
  const unknown = names.filter((name) => columnNamed(name) === undefined || (quirks.caseSensitive === true && name.trim() !== name.trim().toUpperCase()));
  if (unknown.length > 0) {
    throw new AdInputError(`${INVALID_FIELDS}: ${unknown.map((name) => JSON.stringify(name.trim())).join(', ')}`, quirks.unknownCode ?? '00000100');
  }
  return [...new Set(names.map((name) => columnNamed(name) as ColumnName))];
}

/** `filter` (AD-L5) compiled over rows; undefined when absent. */
export function readFilter(query: Query, quirks: FilterQuirks = {}): CompiledFilter | undefined {
  const raw = query['filter'];
  if (raw === undefined) return undefined;
  try {
    const parsed = parseAdFilter(String(raw), quirks);
    const test = compileFilter<AdRow>(
      parsed,
      (name) => {
        const column = columnNamed(name);
        if (column === undefined) return undefined;
        if (quirks.caseSensitive === true || quirks.exactColumns?.has(column) === true) return textReader(column);
        if (quirks.asciiCase === true) return (row) => textReader(column)(row)?.replace(/[A-Z]/g, (c) => c.toLowerCase());
        return (row) => row.lower(column);
      },
      quirks,
    );
    return { parsed, test, indexable: quirks.exactColumns === undefined && Object.values(quirks).every((on) => on !== true) };
  } catch (error) {
    if (error instanceof FilterError) throw new AdInputError(`Invalid parameter filter: ${error.message}.`);
    throw error;
  }
}

/** `sort` (AD-L6): a column, `-` first for descending; default NAME ascending. */
export function readSort(query: Query, quirks: SortQuirks = {}): Sort {
  const raw = query['sort'];
  const fallback: Sort = { column: quirks.defaultByGuid === true ? 'OBJECT_GUID' : 'NAME', desc: false };
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const desc = text.startsWith('-');
  const column = columnNamed(desc ? text.slice(1) : text);
  if (column === undefined && !desc && quirks.unknownIgnored === true) return fallback;
  if (column === undefined) throw new AdInputError(`Invalid parameter sort: unknown column ${JSON.stringify(text)}.`);
  return { column, desc };
}

/** `refresh` (AD-L7): accepted; there is nothing to sync in the mock. */
export function readRefresh(query: Query): boolean {
  const raw = query['refresh'];
  if (raw === undefined || raw === false || raw === 'false') return false;
  if (raw === true || raw === 'true') return true;
  throw new AdInputError(`Invalid parameter refresh: ${JSON.stringify(raw)} is not true or false.`);
}

/**
 * How dates show (AD-L7): the `X-Date-Time-Format` pattern, else ISO 8601. The header is
 * read only when a date column is shown, so the page's placeholder value does not fail a
 * list that shows no date.
 */
export function readDateFormat(headers: IncomingHttpHeaders, columns: readonly ColumnName[]): (iso: string) => string {
  const raw = headers['x-date-time-format'];
  const pattern = Array.isArray(raw) ? raw[0] : raw;
  if (!columns.some((c) => DATE_COLUMNS.has(c))) return (iso) => iso;
  try {
    const format = compileDatePattern(pattern === undefined || pattern === '' ? ISO_PATTERN : pattern);
    return (iso) => format(new Date(iso));
  } catch (error) {
    if (error instanceof DatePatternError) throw new AdInputError(`Invalid header X-Date-Time-Format: ${error.message}.`);
    throw error;
  }
}
