export type LintSeverity = 'error' | 'warn' | 'info' | 'hint';

/** One rule violation, located in the linted file. */
export interface LintFinding {
  /** Rule name, e.g. `ou-error-responses` or `owasp:api4:2023-string-limit`. */
  rule: string;
  severity: LintSeverity;
  message: string;
  /** JSON path of the offending node, dot-joined (`paths./api/…/ous.get.responses`). */
  path: string;
  /** 1-based line and column in `source`. */
  line: number;
  column: number;
  /** File the finding is in (a `$ref`'d file may differ from the linted one). */
  source: string;
}

export interface LintResult {
  /** Absolute path of the linted file. */
  file: string;
  errors: number;
  warnings: number;
  /** Findings ordered by source, line and column. */
  results: LintFinding[];
  /** Wall time of the lint (read, parse, run), in milliseconds. */
  durationMs: number;
}
