/**
 * `verify` judges the wire, not our mock's habits: through a reverse proxy that puts the
 * mock's answers on the wire as another correct server would (key order, white space,
 * escapes, charset, header case and order, chunked or sized bodies, closed connections,
 * extra headers, reason phrases, error wording, request ids, pauses, gzip), every dialect
 * still PASSES; through a proxy that breaks a page's wire rule, it FAILS under that rule.
 */
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../dialects/types.ts';
import type { TargetConfig } from '../../suites/config.ts';
import type { RunReport } from '../../suites/model.ts';
import { runSuite } from '../../suites/runner.ts';
import { mockSetup } from '../../suites/test/target.ts';
import { serverErrorOn, truncatedJson, withoutHeader, wrongContentType } from './breaking.ts';
import { allAtOnce, conformantVariations } from './variations.ts';
import { startWireProxy, type WireVariation } from './wire-proxy.ts';

const DIALECTS: readonly DialectId[] = ['ou-api', 'orgunit-v2', 'admanager', 'idaas'];

/**
 * Each single variation runs a subset of checks, for time (a full run of every dialect per
 * variation took minutes): the checks that reach every operation through the dialect's
 * driver, its error shapes and its list, and the post-pass checks that judge every answer
 * of the run against the contract. The full suite of each dialect runs once, below, with
 * all the variations at once: a check that leans on any of them fails there.
 */
const SUBSET: Record<DialectId, readonly string[]> = {
  'ou-api': [
    'envelope.shape', 'envelope.request_id', 'errors.detail_shape', 'create.response', 'get.unknown_id', 'use_after_free', 'ignored_auth',
    'pagination.walk', 'tree.matches_list', 'delete.cascade', 'validation.create_body',
    'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'validation_error_conformance', 'response_headers_conformance',
  ],
  'orgunit-v2': ['v2.errors.shape', 'v2.index.pagination', 'v2.index.link', 'v2.create', 'v2.delete.preview', ...sharedIds()],
  admanager: ['ad.auth.token', 'ad.errors.shape', 'ad.list.meta', 'ad.update.items', ...sharedIds()],
  idaas: ['idaas.errors.shape', 'idaas.list', 'idaas.create.answer', 'idaas.lookup', ...sharedIds()],
};

function sharedIds(): string[] {
  return ['shared.hierarchy', 'shared.use_after_free', 'shared.auth', 'shared.negative_data', 'shared.schema'];
}

/** `verify --dialect <dialect>` against the seeded mock behind `variation`. */
async function verifyThrough(dialect: DialectId, variation: WireVariation, overrides: Partial<TargetConfig> = {}): Promise<{ report: RunReport; answered: number }> {
  const { app, config } = await mockSetup(undefined, { dialect, ...overrides });
  const { app: _inProcess, ...target } = config;
  const proxy = await startWireProxy(app.handle, variation);
  try {
    return { report: await runSuite({ ...target, baseUrl: proxy.baseUrl }), answered: proxy.answered };
  } finally {
    await proxy.close();
  }
}

function problems(report: RunReport): string[] {
  return report.checks.filter((c) => c.status === 'failed' || (c.status === 'skipped' && !/names no rule/.test(c.message ?? ''))).map((c) => `${c.check} ${c.status}: ${c.message}`);
}

describe.each(DIALECTS)('verify --dialect %s through a conformant wire variation', (dialect) => {
  it.each(conformantVariations(dialect).map((v) => ({ name: v.name, v })))('$name: PASSED', async ({ v }) => {
    const { report, answered } = await verifyThrough(dialect, v, { checks: SUBSET[dialect] });
    expect(answered, 'the variation shaped the answers').toBeGreaterThan(20);
    expect(problems(report)).toEqual([]);
    // A subset leaves some rules unchecked (INCOMPLETE); none of those it checks may fail.
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(report.verdict.core).not.toBe('failed');
  });

  it('every conformant variation at once, the full suite: PASSED', async () => {
    // The OU API's differential phase spends 2,000 requests by default; a few sequences still send every kind of step through the proxy.
    const { report } = await verifyThrough(dialect, allAtOnce(dialect), dialect === 'ou-api' ? { differential: { sequences: 8 } } : {});
    expect(problems(report)).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  });
});

describe('verify through a breaking wire variation: FAILED under the rule that forbids it', () => {
  const rows: Array<{ dialect: DialectId; variation: WireVariation; rule: string }> = [
    { dialect: 'ou-api', variation: wrongContentType, rule: 'OU-E1' },
    { dialect: 'ou-api', variation: truncatedJson, rule: 'OU-E1' },
    { dialect: 'ou-api', variation: withoutHeader('WWW-Authenticate'), rule: 'OU-A1' },
    { dialect: 'ou-api', variation: serverErrorOn('DELETE'), rule: 'OU-E4' },
    { dialect: 'orgunit-v2', variation: wrongContentType, rule: 'V2-E1' },
    { dialect: 'orgunit-v2', variation: truncatedJson, rule: 'V2-E1' },
    { dialect: 'orgunit-v2', variation: withoutHeader('X-Pagination-Total-Count'), rule: 'V2-L2' },
    { dialect: 'orgunit-v2', variation: serverErrorOn('DELETE'), rule: 'V2-E2' },
    { dialect: 'admanager', variation: wrongContentType, rule: 'AD-E1' },
    { dialect: 'admanager', variation: truncatedJson, rule: 'AD-E1' },
    { dialect: 'admanager', variation: serverErrorOn('PATCH'), rule: 'AD-E1' },
    { dialect: 'idaas', variation: wrongContentType, rule: 'ID-E1' },
    { dialect: 'idaas', variation: truncatedJson, rule: 'ID-E1' },
    { dialect: 'idaas', variation: serverErrorOn('DELETE'), rule: 'ID-E1' },
  ];
  it.each(rows.map((r) => ({ ...r, name: r.variation.name })))('$dialect $name: FAILED under $rule', async ({ dialect, variation, rule }) => {
    const { report } = await verifyThrough(dialect, variation, { checks: SUBSET[dialect] });
    expect(report.verdict.core).toBe('failed');
    const failing = new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule));
    expect([...failing], `${rule} fails`).toContain(rule);
  });
});
