// Public API of the conformance suites (`ou-contract/suites`): named exports only.

export { checksForDialect, runSuite } from './runner.ts';
export { CLEANUP_GRACE_MS } from './runner.ts';
export type { Interruption, RunHooks, RunOptions } from './runner.ts';
export type { KeptFixtures } from './session.ts';
// The vitest integration is `ou-contract/vitest` (./vitest.ts): this entry must not load vitest.
export { formatFailure } from './failure-text.ts';
export { CHECKS } from './checks/index.ts';
export { SHARED_CHECKS, sharedChecks } from './shared-checks/index.ts';
export type { SharedCheckSpec } from './shared-checks/index.ts';
export type { Check, CheckContext, Credentials } from './check.ts';
export { NotTheOuApiError } from './check.ts';
export { configFromEnv, parseSeed, DEFAULT_CONCURRENCY, DEFAULT_MAX_REQUESTS } from './config.ts';
export type { CreatedUser, TargetConfig, UserAdapter } from './config.ts';
export { missingNeed, selectChecks } from './selection.ts';
export { failedRules, failureLevel, failsGate, GATE_EXIT, judgeRun, levelsOf, refreshReport, summarize, verdictOf, verdictText, ruleResults, ruleCoverage } from './report.ts';
export type { GateExit } from './report.ts';
export { ruleCatalogue, parseRules, BEHAVIOUR_DOC_PATH, HARDENING } from './rules.ts';
export { TokenProbeError } from './token-probe.ts';
export type { RuleInfo } from './rules.ts';
export { expectPage, pageCases } from './paging.ts';
export { buildCurl } from './curl.ts';
export { algNoneToken } from './tokens.ts';
export type * from './model.ts';
