import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunReport } from '../suites/model.ts';
import { splitBodies } from './bodies.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';

export { capBody, MAX_REPORT_BODY, splitBodies } from './bodies.ts';
export { apiTitle, catalogueOf } from './catalogue.ts';
export { renderHtml } from './html.ts';
export { renderJson, toJsonReport } from './json.ts';
export type { JsonReport, JsonResult } from './json.ts';
export { renderJunit } from './junit.ts';
export { redactSecrets, REDACTED } from './redact.ts';
export { ruleRows, sectionOf } from './rule-status.ts';
export type { RuleOutcome, RuleRow } from './rule-status.ts';
export { keptText, progressLine, summaryText } from './terminal.ts';
export { failures } from './failures.ts';
export type { Failure, FailureKind } from './failures.ts';
export { KeyFileError, loadSigningKey, signReport, verifyReportSignature } from './sign.ts';
export type { SignatureCheck } from './sign.ts';

/** Absolute paths of the files `writeReports` wrote. */
export interface ReportPaths {
  dir: string;
  json: string;
  junit: string;
  html: string;
  /** Large request bodies written beside the reports (`bodies/<sha256>.bin`), which the curls read. */
  bodies: string[];
}

/**
 * A folder name for a run that sorts by time and is safe on every file system
 * (no `:`), e.g. `2025-11-24T19-12-03-123Z`. It starts with a digit, which is what
 * `.gitignore`'s `reports/[0-9]*` matches.
 */
export function reportDirName(startedAt: string): string {
  const date = new Date(startedAt);
  const iso = (Number.isNaN(date.getTime()) ? new Date() : date).toISOString();
  return iso.replace(/[:.]/g, '-');
}

/**
 * Writes report.json, junit.xml and report.html into `dir` (created if missing);
 * by default `reports/<timestamp>/` under the working directory. Large request bodies
 * go to `dir/bodies/` (each once) and every body in the reports is cut to a few KiB,
 * so the curls replay from `dir` and the reports stay small.
 *
 * @example
 * const paths = writeReports(report);
 * console.log(`reports in ${paths.dir}`);
 */
export function writeReports(report: RunReport, dir: string = join('reports', reportDirName(report.started_at))): ReportPaths {
  const absolute = resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const { report: small, files } = splitBodies(report);
  const paths: ReportPaths = {
    dir: absolute,
    json: join(absolute, 'report.json'),
    junit: join(absolute, 'junit.xml'),
    html: join(absolute, 'report.html'),
    bodies: [],
  };
  for (const [name, body] of files) {
    const file = join(absolute, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
    paths.bodies.push(file);
  }
  writeFileSync(paths.json, renderJson(small));
  writeFileSync(paths.junit, renderJunit(small));
  writeFileSync(paths.html, renderHtml(small));
  return paths;
}
