import type { Evidence, RunReport } from '../suites/model.ts';

/** Bodies in reports are cut at this many characters: evidence shows the fault, not a dump. */
export const MAX_REPORT_BODY = 4096;

/** A report ready to write, and the large request bodies to put beside it (path → content). */
export interface SplitReport {
  report: RunReport;
  /** Relative to the report folder, e.g. `bodies/ab12….bin`; each body once. */
  files: Map<string, string>;
}

/**
 * Moves every large request body (evidence with `body_file`) out of the report into
 * `files`, and cuts every body left in the report to `MAX_REPORT_BODY` characters with
 * its full size noted. So the report stays small however often a 1 MiB body was sent,
 * and the curls, which read `@bodies/….bin`, replay it byte for byte.
 *
 * @example
 * const { report: small, files } = splitBodies(report);
 */
export function splitBodies(report: RunReport): SplitReport {
  const files = new Map<string, string>();
  const cap = (e: Evidence): Evidence => {
    if (e.body_file !== undefined && typeof e.request.body === 'string') files.set(e.body_file, e.request.body);
    const request = e.request.body === undefined ? e.request : { ...e.request, body: capBody(e.request.body, e.body_file) };
    const received = e.received.body === undefined ? e.received : { ...e.received, body: capBody(e.received.body) };
    return { ...e, request, received };
  };
  const capAll = (list: Evidence[] | undefined): Evidence[] | undefined => list?.map(cap);
  return {
    report: {
      ...report,
      checks: report.checks.map((c) => (c.evidence === undefined ? c : { ...c, evidence: capAll(c.evidence) as Evidence[] })),
      results: report.results.map((r) => (r.evidence === undefined ? r : { ...r, evidence: capAll(r.evidence) as Evidence[] })),
    },
    files,
  };
}

/**
 * A body as it goes into a report: unchanged when its text is short, else its first
 * `MAX_REPORT_BODY` characters followed by a note of its full size (and file).
 */
export function capBody(body: unknown, file?: string): unknown {
  const text = typeof body === 'string' ? body : (JSON.stringify(body) ?? String(body));
  if (text.length <= MAX_REPORT_BODY) return body;
  const size = Buffer.byteLength(text);
  const where = file !== undefined ? `; the whole body is in ${file}` : '';
  return `${text.slice(0, MAX_REPORT_BODY)}… [cut: ${size.toLocaleString('en')} bytes in all${where}]`;
}
