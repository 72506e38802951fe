/**
 * `runSuite` for a dialect other than the OU API, with the tests-only tiny dialect: its checks
 * and the shared ones run through its driver, the run root and cleanup go through the driver,
 * the report carries the dialect and its rule catalogue, and a dialect defect fails its rule.
 */
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../dialects/types.ts';
import { createMockApp } from '../../mock/app.ts';
import type { UnitsApi } from '../../mock/core/units.ts';
import { tinyDialect } from '../../mock/http/test/tiny-dialect/index.ts';
import type { Check } from '../check.ts';
import type { TargetConfig } from '../config.ts';
import { runSuite } from '../runner.ts';
import { OTHER_TENANT, TENANT } from './target.ts';

async function tinyTarget(dialect: Dialect = tinyDialect, defects?: ReadonlySet<string>) {
  const app = createMockApp({ seed: 42, dialects: [dialect], ...(defects !== undefined ? { defects } : {}) });
  const [token, otherToken, expiredToken] = await Promise.all([
    app.issueToken({ tenant_id: TENANT }),
    app.issueToken({ tenant_id: OTHER_TENANT }),
    app.issueToken({ tenant_id: TENANT, expires_in: -60 }),
  ]);
  const config: TargetConfig = { app: app.handle, dialect, tenantId: TENANT, token, otherTenantId: OTHER_TENANT, otherToken, expiredToken, seed: 7 };
  return { app, config, units: () => app.directory.tenant(TENANT).queryUnits().total };
}

describe('runSuite for another dialect', () => {
  it("runs the dialect's checks and the shared ones through its driver; passes on the clean mock and leaves the tenant as it was", async () => {
    const { config, units } = await tinyTarget();
    const before = units();
    const report = await runSuite(config);
    expect(report.checks.map((c) => [c.check, c.status, c.rules])).toEqual([
      ['tiny.order', 'passed', ['TD-L1']],
      ['shared.hierarchy', 'passed', ['TD-H1']],
      ['shared.isolation', 'passed', ['TD-A1']],
      ['shared.use_after_free', 'passed', ['TD-G1']],
      ['shared.auth', 'passed', ['TD-A1']],
      ['shared.negative_data', 'passed', ['TD-E1']],
      ['shared.schema', 'passed', ['TD-E1']],
    ]);
    expect(report.dialect).toBe('tiny');
    expect(report.catalogue?.map((r) => `${r.id}:${r.level}`)).toEqual(['TD-A1:core', 'TD-H1:core', 'TD-G1:core', 'TD-E1:core', 'TD-L1:profile', 'HARDENING:hardening']);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
    expect(report.cleanup_problems).toBeUndefined();
    expect(units()).toBe(before);
  });

  it("fails the rule a dialect defect breaks, and only that rule", async () => {
    const { config } = await tinyTarget(tinyDialect, new Set(['tiny-top-level']));
    const report = await runSuite(config, {}, undefined);
    const failed = report.checks.filter((c) => c.status === 'failed');
    expect(failed.flatMap((c) => c.failed_rules ?? [])).toContain('TD-H1');
    expect(new Set(failed.flatMap((c) => c.failed_rules ?? []))).toEqual(new Set(['TD-H1', 'TD-L1']));
    expect(report.verdict.core).toBe('failed');
  });

  it('removes children first when the dialect cannot delete a subtree', async () => {
    const leafOnly: Dialect = { ...tinyDialect, verify: { ...tinyDialect.verify, capabilities: { ...tinyDialect.verify.capabilities, subtreeDelete: false } } };
    const { config, units } = await tinyTarget(leafOnly);
    const before = units();
    const report = await runSuite({ ...config, checks: ['tiny.order', 'shared.hierarchy'] });
    expect(report.summary).toMatchObject({ passed: 2, failed: 0 });
    expect(report.cleanup_problems).toBeUndefined();
    expect(units()).toBe(before);
  });

  it('skips a shared check the dialect maps no rule to, or whose needs are missing, saying why', async () => {
    const unmapped: Dialect = { ...tinyDialect, verify: { ...tinyDialect.verify, sharedRules: { hierarchy: 'TD-H1' } } };
    const { config } = await tinyTarget(unmapped);
    delete config.otherTenantId;
    delete config.otherToken;
    const report = await runSuite({ ...config, checks: ['shared.hierarchy', 'shared.use_after_free', 'shared.isolation'] });
    expect(report.checks.map((c) => [c.check, c.status, c.message])).toEqual([
      ['shared.hierarchy', 'passed', ''],
      ['shared.isolation', 'skipped', expect.stringMatching(/^needs a second tenant/)],
      ['shared.use_after_free', 'skipped', 'tiny names no rule for the shared use_after_free check (sharedRules)'],
    ]);
  });

  /** The tiny dialect with one handler or its error rendering replaced by a broken one. */
  function broken(handlers: Partial<Dialect['mock']['handlers']>, renderError?: Dialect['mock']['renderError']): Dialect {
    const mock = { ...tinyDialect.mock, handlers: { ...tinyDialect.mock.handlers, ...handlers }, ...(renderError !== undefined ? { renderError } : {}) };
    return { ...tinyDialect, mock: mock as Dialect['mock'] };
  }
  const tiny = tinyDialect.mock;
  const view = (api: UnitsApi, req: { params: Readonly<Record<string, string>> }) => {
    const unit = api.getUnit(req.params['id'] as string);
    return { id: unit.id, name: unit.name, parent: unit.parentId };
  };
  /** `after`: a check whose requests the broken answer shows up in (the schema check judges what others sent). */
  const BROKEN: Array<{ check: string; rule: string; dialect: Dialect; defects?: ReadonlySet<string>; after?: string }> = [
    {
      check: 'shared.isolation',
      rule: 'TD-A1',
      // Looks the id up in every tenant: another tenant's unit is found.
      dialect: broken({
        getUnit: (api, req, env) => {
          const id = req.params['id'] as string;
          const owner = env.directory.tenantIds().find((t) => env.directory.tenant(t).findUnit(id) !== undefined) ?? api.id;
          return (tiny.handlers['getUnit'] as NonNullable<Dialect['mock']['handlers'][string]>)(env.directory.tenant(owner), req, env);
        },
      }),
    },
    { check: 'shared.use_after_free', rule: 'TD-G1', dialect: broken({ deleteUnit: () => ({ status: 204 }) }) },
    { check: 'shared.auth', rule: 'TD-A1', dialect: tinyDialect, defects: new Set(['accept-expired']) },
    {
      check: 'shared.schema',
      rule: 'TD-E1',
      // A key the contract's Unit does not have (a driver reading id, name and parent does not mind).
      dialect: broken({ getUnit: (api, req) => ({ status: 200, body: { ...view(api, req), extra: true } }) }),
      after: 'shared.hierarchy',
    },
    {
      check: 'shared.negative_data',
      rule: 'TD-E1',
      dialect: broken({}, (err, req) => ('kind' in err && err.kind === 'malformed_body' ? { status: 500, body: { error: 'crash' } } : tiny.renderError(err, req))),
    },
    { check: 'shared.hierarchy', rule: 'TD-H1', dialect: tinyDialect, defects: new Set(['tiny-top-level']) },
  ];

  it.each(BROKEN)('$check fails $rule against a dialect that breaks it', async ({ check, rule, dialect, defects, after }) => {
    const { config } = await tinyTarget(dialect, defects);
    const report = await runSuite({ ...config, checks: [check, ...(after !== undefined ? [after] : [])] });
    expect(report.checks.find((c) => c.check === check)).toMatchObject({ status: 'failed', failed_rules: [rule] });
  });

  it("the OU API's conveniences are unavailable in another dialect's run: a check using them crashes naming ctx.driver", async () => {
    const misuse: Check = { id: 'misuse', title: 'uses ctx.api', rules: ['TD-G1'], level: 'core', run: async (ctx) => void (await ctx.api.list()) };
    const report = await runSuite((await tinyTarget()).config, {}, [misuse]);
    expect(report.checks[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(/ctx\.api is the OU API's; this run verifies tiny: use ctx\.driver/) });
  });
});
