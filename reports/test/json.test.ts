import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../suites/baseline.ts';
import { renderJson } from '../json.ts';
import { sampleReport } from './sample-report.ts';

describe('report.json', () => {
  const report = sampleReport({ failing: ['OU-L2'], skipped: ['OU-A2'] });
  const json = JSON.parse(renderJson(report)) as Record<string, unknown>;

  it('starts with target, started_at, duration_ms, summary, results in that order', () => {
    expect(Object.keys(json).slice(0, 5)).toEqual(['target', 'started_at', 'duration_ms', 'summary', 'results']);
    expect(json.target).toBe(report.target);
    expect(json.started_at).toBe('2025-11-24T19:12:03.456Z');
    expect(json.duration_ms).toBe(1534);
  });

  it('has a summary of exactly passed, failed, skipped', () => {
    expect(json.summary).toEqual({ passed: report.summary.passed, failed: 1, skipped: 1 });
    expect(Object.keys(json.summary as object)).toEqual(['passed', 'failed', 'skipped']);
  });

  it('has one result per (rule, check) with exactly rule, level, title, status, message', () => {
    const results = json.results as Record<string, unknown>[];
    expect(results).toHaveLength(report.results.length);
    for (const r of results) expect(Object.keys(r)).toEqual(['rule', 'level', 'title', 'status', 'message']);
    expect(results.find((r) => r.rule === 'OU-L2')).toMatchObject({ level: 'core', status: 'failed' });
    expect(results.find((r) => r.rule === 'OU-A2')).toMatchObject({ status: 'skipped', message: 'needs --other-token' });
  });

  it('adds verdict, seed, coverage and checks (with evidence) after the fixed keys', () => {
    expect(json.verdict).toEqual({ core: 'failed', profile: 'failed', hardening: 'passed' });
    expect(json.not_checked).toEqual(report.not_checked);
    expect(json.waivers).toBe(0);
    expect(json.seed).toBe(42);
    expect(json.coverage).toEqual(report.coverage);
    const checks = json.checks as { check: string; evidence?: unknown[] }[];
    expect(checks.find((c) => c.check === 'check.ou-l2')?.evidence).toHaveLength(1);
    expect('lint' in json).toBe(false);
  });

  it('passes cleanup problems through', () => {
    expect(JSON.parse(renderJson({ ...report, cleanup_problems: ['OU ou-1 left behind'] })).cleanup_problems).toEqual(['OU ou-1 left behind']);
    expect('cleanup_problems' in json).toBe(false);
  });

  it('includes lint when the run linted a spec', () => {
    const withLint = { ...report, lint: { file: '/spec.yaml', errors: 1, warnings: 2, messages: ['1:1 error x y'] } };
    expect(JSON.parse(renderJson(withLint)).lint).toEqual(withLint.lint);
  });

  it('keeps a baselined failure as "failed" in results and counts it under baselined', () => {
    const { report: judged } = applyBaseline(report, { file: 'b', entries: [{ rule: 'OU-L2', reason: 'known', expires: '2999-01-01' }] }, '2025-11-24');
    const out = JSON.parse(renderJson(judged));
    expect(out.results.find((r: { rule: string }) => r.rule === 'OU-L2').status).toBe('failed');
    expect(out.baselined).toBe(1);
    expect(out.waivers).toBe(1);
    // OU-A2 was skipped and OU-E5 has no check: nothing failed, but core is not proven.
    expect(out.verdict.core).toBe('incomplete');
    expect(out.not_checked.map((n: { rule: string }) => n.rule)).toEqual(['OU-E5', 'OU-A2']);
  });

  it('records provenance and an interruption when the run has them, never otherwise', () => {
    expect('provenance' in json || 'interrupted' in json).toBe(false);
    const provenance = { tool: 'ou-contract', version: '0.1.0', contract_sha256: 'a'.repeat(64), behaviour_sha256: 'b'.repeat(64), seed: 42, options: { level: 'profile' } };
    const out = JSON.parse(renderJson({ ...report, provenance, interrupted: { reason: 'SIGINT' } }));
    expect(out.provenance).toEqual(provenance);
    expect(out.interrupted).toEqual({ reason: 'SIGINT' });
  });
});
