/**
 * Turns what Prism's validation proxy reports into violation records and summaries.
 *
 * Prism 5.14.2 puts every request/response violation of one exchange in the `sl-violations`
 * response header as a JSON array of `{location, severity, code, message}` (prism-http-server
 * `addViolationHeader`). Its console log says the same in prose but without the request it
 * belongs to, so the header is what we parse: structured, and tied to its request.
 */

/** Where the fault lies: the client's request, the upstream's response, or Prism itself failing to proxy. */
export type ViolationKind = 'request' | 'response' | 'proxy';
export type ViolationSeverity = 'Error' | 'Warning' | 'Information' | 'Hint';

/** One line of the proxy's JSON-lines report. */
export interface ViolationRecord {
  time: string;
  method: string;
  /** The request target as the client sent it (path and query). */
  path: string;
  status: number;
  kind: ViolationKind;
  /** Prism's location, e.g. `['response', 'body', 'data', 'user_count']`. */
  location: string[];
  message: string;
  severity: ViolationSeverity;
  /** Prism's code: the failing JSON-schema keyword (`type`, `required`, ...) or a status such as 401. */
  code?: string | number;
}

/** One exchange, as the proxy saw it. */
export interface Exchange {
  time: string;
  method: string;
  path: string;
  status: number;
}

const TRUNCATED_PREFIX = 'Too many violations! ';
const SEVERITIES: readonly ViolationSeverity[] = ['Error', 'Warning', 'Information', 'Hint'];

/**
 * Parses an `sl-violations` header into records. Prism cuts a header over 8 KiB and prefixes
 * it with "Too many violations!": the complete entries before the cut are kept and one
 * record says that more were dropped, so a long list never loses the fact that it was long.
 *
 * @example
 * parseViolationHeader('[{"location":["response","body"],"severity":"Error","code":"type","message":"must be object"}]',
 *   { time, method: 'GET', path: '/x', status: 200 });
 */
export function parseViolationHeader(header: string, exchange: Exchange): ViolationRecord[] {
  const truncated = header.startsWith(TRUNCATED_PREFIX);
  const text = truncated ? header.slice(TRUNCATED_PREFIX.length) : header;
  const entries = truncated ? completeEntries(text) : parseArray(text);
  const records = entries.map((entry) => toRecord(entry, exchange));
  if (truncated || entries.length === 0) {
    records.push({
      ...exchange,
      kind: 'proxy',
      location: [],
      message: truncated
        ? 'Prism truncated its sl-violations header: more violations than listed here'
        : `unreadable sl-violations header: ${header.slice(0, 200)}`,
      severity: 'Warning',
    });
  }
  return records;
}

function parseArray(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return completeEntries(text);
  }
}

/** The whole `{...}` entries at the start of a cut-off JSON array. */
function completeEntries(text: string): unknown[] {
  const entries: unknown[] = [];
  let start = text.indexOf('{');
  while (start !== -1) {
    const end = entryEnd(text, start);
    if (end === -1) break;
    try {
      entries.push(JSON.parse(text.slice(start, end + 1)));
    } catch {
      break;
    }
    start = text.indexOf('{', end + 1);
  }
  return entries;
}

/** Index of the brace closing the object opened at `start`, skipping strings; -1 if cut off. */
function entryEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function toRecord(entry: unknown, exchange: Exchange): ViolationRecord {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const location = Array.isArray(e.location) ? e.location.map(String) : [];
  const severity = SEVERITIES.find((s) => s === e.severity) ?? 'Error';
  const record: ViolationRecord = {
    ...exchange,
    kind: location[0] === 'request' ? 'request' : location[0] === 'response' ? 'response' : 'proxy',
    location,
    message: typeof e.message === 'string' ? e.message : JSON.stringify(entry),
    severity,
  };
  if (typeof e.code === 'string' || typeof e.code === 'number') record.code = e.code;
  return record;
}

/** Counts for the end-of-run summary. */
export interface ViolationSummary {
  file: string;
  exchanges: number;
  total: number;
  /** `kind` -> `severity` -> count. */
  byKind: Record<ViolationKind, Partial<Record<ViolationSeverity, number>>>;
  /** Distinct faults, array indexes folded to `*`, most frequent first. */
  top: Array<{ kind: ViolationKind; severity: ViolationSeverity; where: string; message: string; count: number }>;
}

/** Summarises the records of one proxy run. */
export function summarise(records: readonly ViolationRecord[], file: string, exchanges: number): ViolationSummary {
  const byKind: ViolationSummary['byKind'] = { request: {}, response: {}, proxy: {} };
  const groups = new Map<string, ViolationSummary['top'][number]>();
  for (const r of records) {
    const bucket = byKind[r.kind];
    bucket[r.severity] = (bucket[r.severity] ?? 0) + 1;
    const where = r.location.map((part) => (/^\d+$/.test(part) ? '*' : part)).join('.');
    const key = `${r.kind}\u0000${r.severity}\u0000${where}\u0000${r.message}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { kind: r.kind, severity: r.severity, where, message: r.message, count: 1 });
  }
  const top = [...groups.values()].sort((a, b) => b.count - a.count);
  return { file, exchanges, total: records.length, byKind, top };
}

/** Human-readable summary, printed when the proxy stops. */
export function formatSummary(s: ViolationSummary, maxLines = 20): string {
  const kinds = (Object.keys(s.byKind) as ViolationKind[])
    .map((kind) => {
      const counts = Object.entries(s.byKind[kind]).map(([sev, n]) => `${n} ${sev.toLowerCase()}${n === 1 || sev === 'Information' ? '' : 's'}`);
      return counts.length > 0 ? `${kind}: ${counts.join(', ')}` : '';
    })
    .filter((line) => line !== '');
  const lines = [`${s.total} violation(s) in ${s.exchanges} exchange(s)${kinds.length > 0 ? ` (${kinds.join('; ')})` : ''}`];
  for (const g of s.top.slice(0, maxLines)) {
    lines.push(`  ${String(g.count).padStart(5)}  ${g.kind.padEnd(8)} ${g.severity.padEnd(7)} ${g.where || '-'}  ${g.message}`);
  }
  if (s.top.length > maxLines) lines.push(`  ... ${s.top.length - maxLines} more distinct violation(s)`);
  lines.push(`report: ${s.file}`);
  return lines.join('\n');
}
