import { describe, expect, it } from 'vitest';
import { differentialCheck } from '../differential/check.ts';
import { coveredRules } from '../selection.ts';
import type { TargetConfig } from '../config.ts';

const BASE: TargetConfig = { baseUrl: 'http://127.0.0.1:1', tenantId: 'acme', token: 't' };

describe('coveredRules: a check counts only for the rules it can reach with the credentials given', () => {
  it('model.differential without a second tenant, a read-only token or users does not claim OU-T1, A2, A3, S1, S2, S4', () => {
    const rules = coveredRules(differentialCheck, BASE);
    for (const rule of ['OU-T1', 'OU-A2', 'OU-A3', 'OU-S1', 'OU-S2', 'OU-S4']) expect(rules, rule).not.toContain(rule);
    expect(rules).toContain('OU-H4');
    expect(rules).toContain('OU-A1');
  });

  it('claims each of them once its need is met', () => {
    const all = coveredRules(differentialCheck, { ...BASE, otherTenantId: 'globex', otherToken: 'o', readonlyToken: 'r', users: 'admin-http' });
    expect(all).toEqual([...differentialCheck.rules]);
    expect(coveredRules(differentialCheck, { ...BASE, users: 'admin-http' })).toEqual(expect.arrayContaining(['OU-S1', 'OU-S2', 'OU-S4']));
    expect(coveredRules(differentialCheck, { ...BASE, users: 'admin-http' })).not.toContain('OU-T1');
  });
});

describe('coveredRules with --rule', () => {
  it('a run limited to some rules claims only those, whatever else its checks list', () => {
    const all = { ...BASE, otherTenantId: 'globex', otherToken: 'o', readonlyToken: 'r', users: 'admin-http' as const };
    expect(coveredRules(differentialCheck, { ...all, rules: ['OU-L2'] })).toEqual(['OU-L2']);
    expect(coveredRules(differentialCheck, { ...all, rules: ['OU-E6'] })).toEqual([]);
  });
});
