/**
 * `verify --dialect idaas` against the in-process mock: every idaas rule is checked and
 * passes on the clean mock; each defect switch of this layer fails its rule, by a check's own
 * assertion, and no other rule.
 */
import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { failsGate } from '../../../suites/index.ts';
import { runSuite } from '../../../suites/runner.ts';
import { IDAAS_DEFECTS } from '../defects.ts';
import { idaasTarget } from './target.ts';

describe('verify --dialect idaas on the mock', () => {
  it('passes every rule of idaas.md on the clean mock, checks them all, and leaves the instance as it was', async () => {
    const { config, units } = await idaasTarget();
    const before = units();
    const report = await runSuite(config);
    const failed = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message}`);
    expect(failed).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
    expect(report.coverage.rules).toMatchObject({ failed: 0 });
    expect(report.coverage.rules.passed).toBe(report.coverage.rules.total);
    expect(report.cleanup_problems).toBeUndefined();
    expect(units()).toBe(before);
  });

  const rows = [
    ...Object.entries(IDAAS_DEFECTS).map(([defect, d]) => ({ defect, ...d })),
    // The host's own switches (mock/defects.ts) that break an idaas rule: the auth checks catch the host too.
    { defect: 'ignore-token-tenant', rule: 'ID-A1', what: 'the host lets a token of another instance in' },
    { defect: 'accept-expired', rule: 'ID-A1', what: 'the host accepts expired tokens' },
    { defect: 'accept-alg-none', rule: 'ID-A1', what: 'the host accepts unsigned tokens' },
    { defect: 'ignore-scopes', rule: 'ID-A2', what: 'the host lets a read-only token write' },
  ];

  it.each(rows)('$rule $defect: $what', async ({ defect, rule }) => {
    const { config } = await idaasTarget(new Set([defect]), { rules: [rule] });
    const report = await runSuite(config);
    const failed = report.checks.filter((c) => c.status === 'failed');
    // The catch comes from a check's own assertion, with evidence naming the rule, not from a crash or a broken setup.
    const genuine = failed.filter((c) => !/^(check crashed|setup failed)/.test(c.message) && (c.evidence ?? []).some((e) => e.rule === rule));
    expect(genuine.map((c) => c.check), `a check carrying ${rule} fails by its own assertion with ${defect}`).not.toEqual([]);
    // Not only the shared checks: the idaas checks of the rule see it too.
    expect(genuine.some((c) => c.check.startsWith('idaas.')), `an idaas check of ${rule} fails with ${defect} (failed: ${genuine.map((c) => c.check).join(', ')})`).toBe(true);
    const failing = [...new Set(report.results.filter((r) => r.status === 'failed').map((r) => r.rule))];
    expect(failing, `only ${rule} fails with ${defect}`).toEqual([rule]);
    if (rule === 'ID-A2') {
      // A SHOULD rule: the profile verdict fails, the core verdict and the gate do not.
      expect(report.verdict.profile).toBe('failed');
      expect(report.verdict.core).not.toBe('failed');
      expect(failsGate(report, { allowIncomplete: true })).toBe(0);
    } else {
      expect(report.verdict.core).toBe('failed');
      expect(failsGate(report, { allowIncomplete: true })).toBe(1);
    }
  });
});

describe('verify --dialect idaas --application-id', () => {
  const VENDOR_APP = 'app_mkv7rgt4d7i4u7zqtzev2mxxxx';
  const APPLICATION = /^\/v2\/[^/?]+\/([^/?]+)\/organizationalUnits/;

  /** A vendor that checks the application id: another one is an unknown action (404), as a real deployment answers. */
  function vendorOf(handle: RequestListener, seen: string[]): RequestListener {
    return (req, res) => {
      const application = APPLICATION.exec(req.url ?? '')?.[1];
      if (application !== undefined) seen.push(application);
      if (application === undefined || application === VENDOR_APP) return handle(req, res);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ requestId: 'r', code: 'InvalidAction.NotFound', message: `No application ${application}.` }));
    };
  }

  it("names the vendor's application id in every request, so a deployment that checks it passes; without it, it fails", async () => {
    const { app, config } = await idaasTarget(new Set(), { rules: ['ID-C1'] });
    const seen: string[] = [];
    const given = await runSuite({ ...config, app: vendorOf(app.handle, seen), driverOptions: { applicationId: VENDOR_APP } });
    expect(given.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([VENDOR_APP]));

    const defaulted = await runSuite({ ...config, app: vendorOf(app.handle, []) });
    expect(defaulted.verdict.core).toBe('failed');
  });
});
