import type { CheckResult, CheckStatus, Evidence, RunReport } from '../../suites/model.ts';
import { judgeRun, ruleCoverage } from '../../suites/report.ts';
import { ruleCatalogue } from '../../suites/rules.ts';

/** A response body a hostile or broken server might send; every writer must neutralise it. */
export const HOSTILE = `<script>alert("x")</script> & 'quotes' \u0001\u001b[31m <img src=x onerror=alert(1)>`;

export interface SampleOptions {
  /** Rule ids whose check fails (with hostile evidence). */
  failing?: readonly string[];
  /** Rule ids whose check is skipped. */
  skipped?: readonly string[];
  /** Rule ids with no check at all ("not checked"). */
  unchecked?: readonly string[];
  level?: RunReport['level'];
}

/**
 * A run report built from the rule catalogue with the engine's own report helpers:
 * one check per rule, passing unless listed.
 * Failures carry evidence whose body, header and message hold `HOSTILE`.
 */
export function sampleReport(options: SampleOptions = {}): RunReport {
  const failing = new Set(options.failing ?? ['OU-L2', 'OU-A3']);
  const skipped = new Set(options.skipped ?? ['OU-A2']);
  const unchecked = new Set(options.unchecked ?? ['OU-E5']);
  const catalogue = ruleCatalogue();
  const checks: CheckResult[] = catalogue.filter((rule) => !unchecked.has(rule.id)).map((rule, i) => {
    const status: CheckStatus = failing.has(rule.id) ? 'failed' : skipped.has(rule.id) ? 'skipped' : 'passed';
    const check: CheckResult = {
      check: `check.${rule.id.toLowerCase()}`,
      title: `Check of ${rule.id}`,
      rules: [rule.id],
      level: rule.level,
      status,
      message: status === 'failed' ? `server said ${HOSTILE}` : status === 'skipped' ? 'needs --other-token' : '',
      duration_ms: 5 + i,
    };
    if (status === 'failed') check.evidence = [evidence(rule.id)];
    return check;
  });
  return {
    target: 'http://127.0.0.1:4010/api?<b>vendor</b>',
    dialect: 'ou-api',
    catalogue,
    started_at: '2025-11-24T19:12:03.456Z',
    duration_ms: 1534,
    seed: 42,
    level: options.level ?? 'profile',
    ...judgeRun(checks, catalogue),
    checks,
    coverage: {
      operations: [
        { operationId: 'listOus', method: 'get', path: '/api/v1/tenants/{tenant_id}/ous', documented: ['200', '401', '422'], observed: ['200', '500'], unexercised: ['401', '422'], undocumented: ['500'] },
      ],
      rules: ruleCoverage(checks, catalogue),
    },
    requests: 321,
  };
}

function evidence(rule: string): Evidence {
  return {
    request: { method: 'GET', url: `http://127.0.0.1:4010/api/v1/tenants/t1/ous?rule=${rule}&x=<y>`, headers: { 'x-request-id': 'r-1' } },
    expected: `total_pages = 3 for ${rule}`,
    received: { status: 200, headers: { 'x-evil': HOSTILE }, body: { data: [], note: HOSTILE } },
    curl: `curl -H "Authorization: Bearer $OU_TOKEN" 'http://127.0.0.1:4010/api/v1/tenants/t1/ous?x=<y>'`,
  };
}
