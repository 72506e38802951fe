import type { RunReport } from '../suites/model.ts';

/** What a secret is replaced with in reports. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of the given secrets (tokens) anywhere in the report with
 * `[redacted]`. The suites already show tokens as `$OU_TOKEN`; this is the last guard
 * before reports, which get attached to tickets and CI artefacts, reach the disk.
 *
 * @example
 * writeReports(redactSecrets(report, [config.token]), dir);
 */
export function redactSecrets(report: RunReport, secrets: readonly (string | undefined)[]): RunReport {
  const present = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s !== ''))]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  if (present.length === 0) return report;
  let text = JSON.stringify(report);
  for (const secret of present) {
    text = text.split(JSON.stringify(secret).slice(1, -1)).join(REDACTED);
  }
  return JSON.parse(text) as RunReport;
}
