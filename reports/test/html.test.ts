import { describe, expect, it } from 'vitest';
import { refreshReport } from '../../suites/report.ts';
import { renderHtml } from '../html.ts';
import { ruleCatalogue } from '../../suites/rules.ts';
import { HOSTILE, sampleReport } from './sample-report.ts';

describe('report.html', () => {
  const page = renderHtml(sampleReport({ failing: ['OU-L2', 'OU-A3'], skipped: ['OU-A2'], unchecked: ['OU-E5'] }));

  it('escapes a vendor body holding <script> and other markup', () => {
    expect(HOSTILE).toContain('<script>');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('&lt;b&gt;vendor&lt;/b&gt;');
  });

  it('makes control characters (terminal escapes) visible instead of passing them through', () => {
    expect(page).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(page).toContain('\\u001b[31m');
  });

  it('is self-contained: inline CSS, no script, no external resource, a CSP forbidding both', () => {
    expect(page).toMatch(/<style>[\s\S]+<\/style>/);
    expect(page).not.toMatch(/<(link|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|href)\s*=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('lists every rule of the behaviour document, a rule without checks as "not checked"', () => {
    for (const rule of ruleCatalogue()) expect(page).toContain(`<tr id="${rule.id}">`);
    const e5 = page.slice(page.indexOf('<tr id="OU-E5">'));
    expect(e5.slice(0, e5.indexOf('</tr>'))).toContain('not checked');
  });

  it('shows the verdict per level, the counts, seed and coverage', () => {
    expect(page).toMatch(/class="verdict failed"><div class="label">Core — MUST rules<\/div><div class="value">FAILED/);
    expect(page).toContain('<dt>Seed</dt><dd>42</dd>');
    expect(page).toContain('<dt>Date</dt><dd>2025-11-24 19:12:03 UTC</dd>');
    expect(page).toContain('<span class="chip unexercised" title="never exercised">401</span>');
    expect(page).toContain('<span class="chip undocumented" title="not documented">500</span>');
  });

  it('puts the evidence of each failure (request, expected, received, curl) in <details> (OU-L2)', () => {
    const l2 = page.slice(page.indexOf('<tr id="OU-L2">'));
    const row = l2.slice(0, l2.indexOf('</tr>'));
    expect(row).toContain('<details><summary>Evidence (1 exchange)</summary>');
    expect(row).toContain('GET http://127.0.0.1:4010/api/v1/tenants/t1/ous?rule=OU-L2&amp;x=&lt;y&gt;');
    expect(row).toContain('total_pages = 3 for OU-L2');
    expect(row).toContain('HTTP 200');
    expect(row).toContain('Bearer $OU_TOKEN');
  });

  it('shows the profile and hardening verdicts as not run when only core was run, and a core pass', () => {
    const core = renderHtml(sampleReport({ failing: [], skipped: [], unchecked: [], level: 'core' }));
    expect(core).toMatch(/class="verdict passed"><div class="label">Core — MUST rules<\/div><div class="value">PASSED<\/div>/);
    expect(core.match(/<div class="value">NOT RUN<\/div>/g)).toHaveLength(2);
  });

  it('says PASSED with N waivers, INCOMPLETE with the rules not checked and why, and hardening as its own verdict', () => {
    const waived = sampleReport({ failing: ['OU-L2', 'HARDENING'], skipped: [], unchecked: [] });
    waived.checks = waived.checks.map((c) => (c.check === 'check.ou-l2' ? { ...c, baselined: { reason: 'r', expires: '2999-01-01' } } : c));
    const judged = renderHtml(refreshReport(waived, ruleCatalogue()));
    expect(judged).toMatch(/class="verdict passed"><div class="label">Core — MUST rules<\/div><div class="value">PASSED<small>with 1 waiver<\/small><\/div>/);
    expect(judged).toMatch(/class="verdict failed"><div class="label">Hardening — limits no rule sets<\/div><div class="value">FAILED<\/div><div class="note">Reported; does not fail the gate/);
    const incomplete = renderHtml(sampleReport({ failing: [], skipped: ['OU-A2'], unchecked: ['OU-E5'] }));
    expect(incomplete).toMatch(/class="verdict incomplete"><div class="label">Core — MUST rules<\/div><div class="value">INCOMPLETE<small>\(2 rules not checked\)<\/small><\/div>/);
    expect(incomplete).toContain('<h3>Rules not checked (2)</h3>');
    expect(incomplete).toContain('<li><code>OU-A2</code> <span class="chip must">MUST</span> needs --other-token</li>');
  });

  it('marks a partial (interrupted) report and shows the provenance', () => {
    const provenance = { tool: 'ou-contract', version: '0.1.0', contract_sha256: 'c'.repeat(64), behaviour_sha256: 'b'.repeat(64), seed: 42, options: { level: 'profile', timeout: '10m', checks: ['a<b>'] } };
    const partial = renderHtml({ ...sampleReport(), interrupted: { reason: 'the overall --timeout of 90 s passed' }, provenance });
    expect(partial).toContain('<h2>Partial report</h2>');
    expect(partial).toContain('the overall --timeout of 90 s passed');
    expect(partial).toContain(`<tr><th>Contract SHA-256</th><td><code>${'c'.repeat(64)}</code></td></tr>`);
    expect(partial).toContain('level=profile timeout=10m checks=[&quot;a&lt;b&gt;&quot;]');
    expect(page).not.toContain('Partial report');
  });

  it('says where a large body is read from when replaying', () => {
    const report = sampleReport({ failing: ['OU-L2'] });
    report.checks = report.checks.map((c) => (c.evidence ? { ...c, evidence: c.evidence.map((e) => ({ ...e, body_file: 'bodies/abc.bin' })) } : c));
    const judged = renderHtml(refreshReport(report, ruleCatalogue()));
    expect(judged).toContain('<dt>Replay (run from the report folder: the body is read from bodies/abc.bin)</dt>');
  });

  it('shows the lint of the vendor spec with its findings, escaped', () => {
    const page = renderHtml({ ...sampleReport(), lint: { file: '/v/<spec>.yaml', errors: 2, warnings: 1, messages: ['8:17 error ou-error-responses Operation must document a 401 <response>.'] } });
    expect(page).toContain('Contract lint <span class="chip failed">2 error(s), 1 warning(s)</span>');
    expect(page).toContain('<code>/v/&lt;spec&gt;.yaml</code>');
    expect(page).toContain('must document a 401 &lt;response&gt;.');
    expect(renderHtml(sampleReport())).not.toContain('Contract lint');
  });

  it('lists cleanup problems, escaped', () => {
    const page = renderHtml({ ...sampleReport(), cleanup_problems: ['OU <x> left behind'] });
    expect(page).toContain('<pre>OU &lt;x&gt; left behind</pre>');
    expect(renderHtml(sampleReport())).not.toContain('aria-label="Cleanup"');
  });

  it('notes a baselined failure with its reason and expiry', () => {
    const report = sampleReport({ failing: ['OU-L2'] });
    report.results = report.results.map((r) => (r.rule === 'OU-L2' ? { ...r, baselined: { reason: 'fix <soon>', expires: '2030-01-31' } } : r));
    const baselined = renderHtml(report);
    expect(baselined).toContain('Baselined until 2030-01-31: fix &lt;soon&gt;');
    expect(baselined).toContain('<span class="chip baselined">baselined</span>');
  });
});

describe('report.html rule texts', () => {
  it('shows `code` spans of the behaviour document as <code> without unescaping anything', () => {
    const catalogue = ruleCatalogue().map((r) => (r.id === 'OU-L2' ? { ...r, text: 'pagination `total_pages` <b>x</b> `<i>`' } : r));
    const page = renderHtml(sampleReport(), catalogue);
    expect(page).toContain('<td>Pagination <code>total_pages</code> &lt;b&gt;x&lt;/b&gt; <code>&lt;i&gt;</code></td>');
  });
});
