/**
 * The data model shared by the conformance suites, the runner and the report writers.
 * Checks are data (rule ids, level, what they need) plus a run function; results are
 * plain JSON so reports can be written from them alone.
 */
/** MUST rules are `core`, SHOULD rules `profile`; limits no rule sets (body size, depth, header length, rate) are `hardening`. */
export type Level = 'core' | 'profile' | 'hardening';

/** `incomplete`: nothing failed, but some rule of the level was not checked (see `RunReport.not_checked`). */
export type Verdict = 'passed' | 'failed' | 'incomplete';

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
  /**
   * The rules the failed assertions of this check name (each assertion checks one rule),
   * also those without an exchange as evidence. Absent in reports of older versions: then
   * every rule of the check counts as failed.
   */
  failed_rules?: string[];
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
  /** The API verified (`verify --dialect`); absent in reports of older versions (the OU API). */
  dialect?: string;
  /**
   * The rules the run judged by (the dialect's behaviour page, then HARDENING), so a report is
   * read without the rule document; absent in reports of older versions.
   */
  catalogue?: Array<{ id: string; level: Level; text: string }>;
  started_at: string;
  duration_ms: number;
  seed: number;
  level: Level;
  summary: { passed: number; failed: number; skipped: number; baselined: number };
  /**
   * Verdict per level, computed per rule: `core` fails on a MUST rule's failure outside the
   * baseline, else is incomplete when a MUST rule was not checked; `profile` likewise over
   * MUST and SHOULD rules; `hardening` only over the HARDENING pseudo-rule.
   */
  verdict: { core: Verdict; profile: Verdict; hardening: Verdict };
  /** Failures excused by the baseline at the gate's level: "PASSED with N waivers". */
  waivers: number;
  /** Rules of the catalogue at core/profile that no check could run for, and why. */
  not_checked: { rule: string; level: Level; reason: string }[];
  results: RuleResult[];
  checks: CheckResult[];
  coverage: { operations: OperationCoverage[]; rules: RuleCoverage };
  requests: number;
  /** Problems met while removing what the run created; absent when everything was removed. */
  cleanup_problems?: string[];
  lint?: { file: string; errors: number; warnings: number; messages: string[] };
  /** Provenance of the certificate (B2 fills it). */
  provenance?: { tool: string; version: string; contract_sha256: string; behaviour_sha256: string; seed: number; options: Record<string, unknown> };
  /** Set when the run was cut short (SIGINT, overall --timeout): verdicts are then 'incomplete'. */
  interrupted?: { reason: string };
}
