import { describe, expect, it } from 'vitest';
import { ruleOf } from '../context.ts';
import { runSuite } from '../index.ts';
import { TokenProbeError } from '../token-probe.ts';
import { mockSetup } from './target.ts';

/** The error runSuite rejects with, or a failure when it resolves. */
async function probeError(overrides: Parameters<typeof mockSetup>[1], defects?: Parameters<typeof mockSetup>[0]): Promise<TokenProbeError> {
  const { config } = await mockSetup(defects, { checks: ['create.response'], ...overrides });
  try {
    await runSuite(config);
  } catch (error) {
    if (error instanceof TokenProbeError) return error;
    throw error;
  }
  throw new Error('expected a TokenProbeError');
}

describe('token probing before the run', () => {
  it('a read-write token given as the read-only one is a usage fault naming --readonly-token', async () => {
    const { config } = await mockSetup();
    const error = await probeError({ readonlyToken: config.token });
    expect(error.problems).toEqual([expect.stringMatching(/^--readonly-token \(OU_READONLY_TOKEN\) carries the ous:write scope and may write: POST .* answered 422/)]);
  });

  it('a valid token given as the expired one is a usage fault naming --expired-token', async () => {
    const { config } = await mockSetup();
    const error = await probeError({ expiredToken: config.token });
    expect(error.problems).toEqual([expect.stringMatching(/^--expired-token \(OU_EXPIRED_TOKEN\) is accepted \(GET .* answered 200\) and its exp .* has not passed/)]);
  });

  it('a token of our own tenant given as the other tenant\'s is a usage fault naming --other-token', async () => {
    const { config } = await mockSetup();
    const error = await probeError({ otherToken: config.token });
    expect(error.problems[0]).toMatch(/^--other-token \(OU_OTHER_TOKEN\) cannot read tenant globex: GET \/api\/v1\/tenants\/globex\/ous\?per_page=1 answered 403/);
  });

  it('a read-only token given as the main one is a usage fault naming --token', async () => {
    const { config } = await mockSetup();
    const error = await probeError({ token: config.readonlyToken as string });
    expect(error.problems).toEqual([expect.stringMatching(/^--token \(OU_TOKEN\) may read but not write tenant acme: POST .* answered 403/)]);
  });

  it('a target that breaks the auth rules is left to the checks when the tokens\' claims fit their flags', async () => {
    for (const defect of ['ignore-scopes', 'accept-expired', 'ignore-token-tenant'] as const) {
      const { config } = await mockSetup(new Set([defect]), { checks: ['create.response'] });
      await expect(runSuite(config), defect).resolves.toMatchObject({ verdict: { core: 'incomplete' } });
    }
  });
});

describe('ruleOf: every assertion names one rule', () => {
  it('defaults to the only rule, refuses a missing or foreign rule in a check of several', () => {
    expect(ruleOf({ id: 'a', rules: ['OU-L2'] }, undefined)).toBe('OU-L2');
    expect(() => ruleOf({ id: 'b', rules: ['OU-L2', 'OU-E3'] }, undefined)).toThrow(/check b lists OU-L2, OU-E3: its assertions must name the rule they check/);
    expect(() => ruleOf({ id: 'b', rules: ['OU-L2', 'OU-E3'] }, 'OU-T1')).toThrow(/asserts OU-T1, which it does not list/);
    expect(ruleOf({ id: 'b', rules: ['OU-L2', 'OU-E3'] }, 'OU-C1')).toBe('OU-C1');
  });
});
