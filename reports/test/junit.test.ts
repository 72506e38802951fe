import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { applyBaseline } from '../../suites/baseline.ts';
import { failsGate } from '../../suites/report.ts';
import type { RunReport } from '../../suites/model.ts';
import { renderJunit } from '../junit.ts';
import { HOSTILE, sampleReport } from './sample-report.ts';

/** The Jenkins xUnit plugin's junit-10.xsd (source and licence in the file). */
const XSD = readFileSync(new URL('./junit-10.xsd', import.meta.url), 'utf8');

interface Testcase {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase: Testcase[];
}

async function expectSchemaValid(xml: string): Promise<void> {
  const result = await validateXML({ xml: { fileName: 'junit.xml', contents: xml }, schema: { fileName: 'junit-10.xsd', contents: XSD } });
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

function parse(xml: string): { root: Record<string, string>; suites: Testsuite[] } {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name), processEntities: true, htmlEntities: false });
  const { testsuites } = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Testsuite[] } };
  return { root: testsuites, suites: testsuites.testsuite };
}

const allCases = (suites: readonly Testsuite[]): Testcase[] => suites.flatMap((s) => s.testcase ?? []);
const caseOf = (suites: readonly Testsuite[], check: string): Testcase | undefined => allCases(suites).find((t) => t['@_name'].startsWith(`${check} `));
const props = (suite: Testsuite | undefined): Record<string, string> => Object.fromEntries((suite?.properties.property ?? []).map((p) => [p['@_name'], p['@_value']]));

/** OU-L2 (MUST) waived, OU-A1 (MUST) failing, OU-S4 (SHOULD) and HARDENING failing, OU-A2 skipped, OU-E5 unchecked, lint clean. */
function mixedReport(): RunReport {
  const report = sampleReport({ failing: ['OU-L2', 'OU-A1', 'OU-S4', 'HARDENING'], skipped: ['OU-A2'], unchecked: ['OU-E5'] });
  const { report: judged } = applyBaseline(report, { file: 'b', entries: [{ rule: 'OU-L2', reason: 'JIRA-1 <fix>', expires: '2999-01-31' }] }, '2025-11-24');
  return { ...judged, lint: { file: 'vendor.yaml', errors: 0, warnings: 1, messages: ['1:1 warning x y'] } };
}

describe('junit.xml', () => {
  it('validates against the published Jenkins/Ant junit-10.xsd, for a mixed run and one with lint errors', async () => {
    await expectSchemaValid(renderJunit(mixedReport()));
    await expectSchemaValid(renderJunit({ ...mixedReport(), lint: { file: 'v.yaml', errors: 2, warnings: 0, messages: ['1:1 error a b'] }, interrupted: { reason: 'SIGINT' } }));
  });

  it('has one testcase per check (not per rule), grouped in one suite per level', () => {
    const report = mixedReport();
    const { suites } = parse(renderJunit(report));
    expect(suites.map((s) => s['@_name'])).toEqual(['ou-contract.core', 'ou-contract.profile', 'ou-contract.hardening', 'ou-contract.lint']);
    const cases = allCases(suites).filter((t) => t['@_classname'] !== 'ou-contract.lint');
    expect(cases).toHaveLength(report.checks.length);
    expect(new Set(cases.map((t) => t['@_name'])).size).toBe(report.checks.length);
  });

  it('makes only what fails the gate a <failure>: the failures count agrees with the exit code', () => {
    const report = mixedReport();
    const { root, suites } = parse(renderJunit(report));
    const failing = allCases(suites).filter((t) => t.failure !== undefined);
    expect(failing.map((t) => t['@_name'].split(' ')[0])).toEqual(['check.ou-a1']);
    expect(failing[0]?.failure?.['@_type']).toBe('OU-A1');
    expect(failing[0]?.failure?.['#text']).toContain('curl: curl -H "Authorization: Bearer $OU_TOKEN"');
    expect(root['@_failures']).toBe('1');
    expect(failsGate(report)).toBe(1);
    const waivedOnly = applyBaseline(report, { file: 'b', entries: [{ rule: 'OU-A1', reason: 'r', expires: '2999-01-01' }, { rule: 'OU-L2', reason: 'r', expires: '2999-01-01' }] }, '2025-11-24').report;
    expect(parse(renderJunit(waivedOnly)).root['@_failures']).toBe('0');
  });

  it('shows waived, SHOULD and hardening failures in <system-out> and the suite properties, never as <failure> or <error>', () => {
    const xml = renderJunit(mixedReport());
    expect(xml).not.toContain('<error');
    const { suites } = parse(xml);
    const l2 = caseOf(suites, 'check.ou-l2');
    expect(l2?.failure).toBeUndefined();
    expect(l2?.['system-out']).toMatch(/^Failed on OU-L2 \(MUST\); waived until 2999-01-31: JIRA-1 <fix>\.\n\nserver said/);
    expect(caseOf(suites, 'check.ou-s4')?.['system-out']).toMatch(/^Failed on OU-S4 \(SHOULD\); does not fail the gate\./);
    expect(caseOf(suites, 'check.hardening')?.['system-out']).toMatch(/^Failed on HARDENING \(hardening\); does not fail the gate\./);
    const core = props(suites.find((s) => s['@_name'] === 'ou-contract.core'));
    expect(core['verdict']).toBe('FAILED');
    expect(core['waived: check.ou-l2']).toBe('failed on OU-L2 (MUST); waived until 2999-01-31: JIRA-1 <fix>');
    expect(core['not checked: OU-E5']).toBe('no selected check covers it');
    expect(props(suites.find((s) => s['@_name'] === 'ou-contract.profile'))['not failing the gate: check.ou-s4']).toMatch(/does not fail the gate/);
  });

  it('marks skipped checks <skipped message="reason"/> and counts them', () => {
    const { suites } = parse(renderJunit(mixedReport()));
    expect(caseOf(suites, 'check.ou-a2')?.skipped?.['@_message']).toBe('needs --other-token');
    expect(suites.find((s) => s['@_name'] === 'ou-contract.core')?.['@_skipped']).toBe('1');
  });

  it('fails a lint testcase when the vendor spec has lint errors (the gate fails on them too)', () => {
    const report = { ...sampleReport({ failing: [] }), lint: { file: 'v.yaml', errors: 2, warnings: 0, messages: ['1:1 error ou-error-responses x'] } };
    const { root, suites } = parse(renderJunit(report));
    expect(caseOf(suites, 'lint')?.failure?.['#text']).toContain('ou-error-responses');
    expect(root['@_failures']).toBe('1');
  });

  it('escapes < > & " \' and control characters in names, messages and evidence', async () => {
    const report: RunReport = sampleReport({ failing: ['OU-L2'] });
    const nasty = `a<b>&"c"'d'\u0000\u0007\u001b]]>\uD800`;
    report.checks = report.checks.map((c) => (c.check === 'check.ou-l2' ? { ...c, title: nasty, message: nasty } : c));
    const xml = renderJunit(report);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    await expectSchemaValid(xml);
    const l2 = caseOf(parse(xml).suites, 'check.ou-l2');
    const visible = `a<b>&"c"'d'\\u0000\\u0007\\u001b]]>\\ud800`;
    expect(l2?.['@_name']).toBe(`check.ou-l2 [OU-L2] · ${visible}`);
    expect(l2?.failure?.['@_message']).toBe(visible);
    expect(l2?.failure?.['#text']).toContain('<script>alert("x")</script>');
    expect(xml).not.toContain('<script>');
    expect(HOSTILE).toContain('<script>');
  });
});
