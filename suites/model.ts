/**
 * The data model shared by the conformance suites, the runner and the report writers.
 * Checks are data (rule ids, level, what they need) plus a run function; results are
 * plain JSON so reports can be written from them alone.
 */
export type Level = 'core' | 'profile';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** What a check needs besides the target and a token; without it the check is skipped, never passed. */
export type Need = 'users' | 'otherTenant' | 'readonlyToken' | 'expiredToken';

/** One HTTP exchange that shows why a check failed. */
export interface Evidence {
  request: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  expected: string;
  received: { status: number; headers?: Record<string, string>; body?: unknown };
  /** A ready shell command that replays the request (the token shown as $OU_TOKEN, never its value). */
  curl: string;
  /** The one rule this failed assertion checks (e.g. 'OU-L2'). Only this rule fails. */
  rule?: string;
  /** Where a large request body was written, relative to the report dir (set by report writers). */
  body_file?: string;
}

export interface CheckResult {
  /** Stable id of the check, e.g. `pagination.walk`; Schemathesis-style names where they overlap. */
  check: string;
  title: string;
  rules: string[];
  level: Level;
  status: CheckStatus;
  message: string;
  duration_ms: number;
  evidence?: Evidence[];
  /** Set when a failure is listed in the baseline file and the entry has not expired. */
  baselined?: { reason: string; expires: string };
}

/** One row per (rule, check): reports group by `rule`. */
export interface RuleResult {
  rule: string;
  level: Level;
  title: string;
  status: CheckStatus;
  message: string;
  check: string;
  evidence?: Evidence[];
  baselined?: { reason: string; expires: string };
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  documented: string[];
  observed: string[];
  unexercised: string[];
  /** Statuses received that the contract does not document for this operation. */
  undocumented: string[];
}

export interface RuleCoverage {
  /** Rules in the behaviour document (MUST and SHOULD). */
  total: number;
  /** Rules at least one check could run for, with the adapters and tokens given. */
  checkable: number;
  /** Rules whose every check passed. */
  passed: number;
  /** Rules with at least one failed check. */
  failed: number;
}

export interface RunReport {
  target: string;
  started_at: string;
  duration_ms: number;
  seed: number;
  level: Level;
  summary: { passed: number; failed: number; skipped: number; baselined: number };
  /** Verdict per level: a level passes when none of its checks (and none of a lower level's) failed outside the baseline. */
  verdict: { core: 'passed' | 'failed'; profile: 'passed' | 'failed' };
  results: RuleResult[];
  checks: CheckResult[];
  coverage: { operations: OperationCoverage[]; rules: RuleCoverage };
  requests: number;
  /** Problems met while removing what the run created; absent when everything was removed. */
  cleanup_problems?: string[];
  lint?: { file: string; errors: number; warnings: number; messages: string[] };
}
