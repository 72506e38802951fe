import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../suites/model.ts';
import { renderJunit } from '../junit.ts';
import { HOSTILE, sampleReport } from './sample-report.ts';

interface Testcase {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text': string; '@_message': string };
  skipped?: { '@_message': string };
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  testcase: Testcase[];
}

function parse(xml: string): Testsuite[] {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase', processEntities: true, htmlEntities: false });
  return (parser.parse(xml) as { testsuites: { testsuite: Testsuite[] } }).testsuites.testsuite;
}

describe('junit.xml', () => {
  it('is well-formed with one testsuite per rule id that has results', () => {
    const report = sampleReport({ unchecked: ['OU-E5', 'OU-D6'] });
    const suites = parse(renderJunit(report));
    expect(suites.map((s) => s['@_name'])).toEqual([...new Set(report.results.map((r) => r.rule))]);
    expect(suites.map((s) => s['@_name'])).not.toContain('OU-E5');
  });

  it('counts tests, failures and skips per suite (OU-L2 failed, OU-A2 skipped)', () => {
    const suites = parse(renderJunit(sampleReport({ failing: ['OU-L2'], skipped: ['OU-A2'] })));
    const l2 = suites.find((s) => s['@_name'] === 'OU-L2') as Testsuite;
    expect([l2['@_tests'], l2['@_failures'], l2['@_skipped']]).toEqual(['1', '1', '0']);
    const failure = l2.testcase[0]?.failure;
    expect(failure?.['#text']).toContain('expected: total_pages = 3 for OU-L2');
    expect(failure?.['#text']).toContain('curl: curl -H "Authorization: Bearer $OU_TOKEN"');
    const a2 = suites.find((s) => s['@_name'] === 'OU-A2') as Testsuite;
    expect(a2.testcase[0]?.skipped?.['@_message']).toBe('needs --other-token');
    expect(a2['@_skipped']).toBe('1');
  });

  it('escapes < > & " \' and control characters in names, messages and evidence', () => {
    const report: RunReport = sampleReport({ failing: ['OU-L2'] });
    const nasty = `a<b>&"c"'d'\u0000\u0007\u001b]]>\uD800`;
    report.checks = report.checks.map((c) => (c.check === 'check.ou-l2' ? { ...c, title: nasty } : c));
    report.results = report.results.map((r) => (r.rule === 'OU-L2' ? { ...r, message: nasty } : r));
    const xml = renderJunit(report);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const l2 = parse(xml).find((s) => s['@_name'] === 'OU-L2') as Testsuite;
    const visible = `a<b>&"c"'d'\\u0000\\u0007\\u001b]]>\\ud800`;
    expect(l2.testcase[0]?.['@_name']).toBe(`OU-L2 · ${visible} [check.ou-l2]`);
    expect(l2.testcase[0]?.failure?.['@_message']).toBe(visible);
    expect(l2.testcase[0]?.failure?.['#text']).toContain('<script>alert("x")</script>');
    expect(xml).not.toContain('<script>');
    expect(HOSTILE).toContain('<script>');
  });

  it('keeps a baselined failure a failure and says so in its message', () => {
    const report = sampleReport({ failing: ['OU-L2'] });
    report.results = report.results.map((r) => (r.rule === 'OU-L2' ? { ...r, baselined: { reason: 'JIRA-1 <fix>', expires: '2030-01-31' } } : r));
    const l2 = parse(renderJunit(report)).find((s) => s['@_name'] === 'OU-L2') as Testsuite;
    expect(l2.testcase[0]?.failure?.['@_message']).toMatch(/^\[baselined until 2030-01-31: JIRA-1 <fix>\] server said/);
  });
});
