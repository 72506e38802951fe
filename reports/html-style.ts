/** The stylesheet inlined into report.html (the page loads nothing from elsewhere). */
export const REPORT_CSS = `
:root {
  --ink: #1b2330; --muted: #5b6678; --line: #dde2ea; --paper: #ffffff; --band: #f4f6f9;
  --pass: #17803d; --pass-bg: #e6f4ea; --fail: #b42318; --fail-bg: #fdecea;
  --skip: #6b7280; --skip-bg: #eef0f3; --base: #9a6700; --base-bg: #fff4d6; --accent: #1f4e8c;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 28px 48px; }
header.masthead { background: var(--accent); color: #fff; }
header.masthead .inner { max-width: 1180px; margin: 0 auto; padding: 28px 28px 24px; }
header.masthead h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: .2px; }
header.masthead .sub { opacity: .85; font-size: 14px; }
header.masthead .target { margin-top: 14px; font: 600 16px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  word-break: break-all; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 4px 24px; margin: 16px 0 0; }
dl.facts div { min-width: 0; }
dl.facts dt { font-size: 11px; text-transform: uppercase; letter-spacing: .8px; opacity: .75; }
dl.facts dd { margin: 0; font-weight: 600; word-break: break-word; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin-top: 20px; }
h2 { margin: 0 0 14px; font-size: 17px; font-weight: 650; }
h3 { margin: 18px 0 8px; font-size: 14px; font-weight: 650; color: var(--muted); text-transform: uppercase; letter-spacing: .6px; }
.verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
.verdict { border-radius: 10px; padding: 18px 22px; border: 2px solid; }
.verdict .label { font-size: 12px; text-transform: uppercase; letter-spacing: 1px; font-weight: 600; }
.verdict .value { font-size: 34px; font-weight: 800; letter-spacing: 1.5px; line-height: 1.2; margin: 4px 0; }
.verdict .note { font-size: 13px; color: var(--ink); }
.verdict.passed { background: var(--pass-bg); border-color: var(--pass); color: var(--pass); }
.verdict.failed { background: var(--fail-bg); border-color: var(--fail); color: var(--fail); }
.verdict.not-run { background: var(--skip-bg); border-color: var(--skip); color: var(--skip); }
.verdict.incomplete { background: var(--base-bg); border-color: var(--base); color: var(--base); }
.verdict .value small { display: block; font-size: 16px; font-weight: 650; letter-spacing: .3px; }
section.interrupted { border: 2px solid var(--base); background: var(--base-bg); }
.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; }
.count { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.count .n { font-size: 26px; font-weight: 750; }
.count .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .6px; }
.count.passed .n { color: var(--pass); } .count.failed .n { color: var(--fail); }
.count.baselined .n { color: var(--base); } .count.skipped .n { color: var(--skip); }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .7px; color: var(--muted); border-bottom: 2px solid var(--line); }
tbody th.group { background: var(--band); font-size: 12px; text-transform: uppercase; letter-spacing: .7px; color: var(--accent); padding: 6px 10px; }
table.rules { table-layout: fixed; }
col.c-id { width: 72px; } col.c-level { width: 84px; } col.c-req { width: 27%; } col.c-result { width: 120px; }
td.id { font: 600 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; }
.chip { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.chip.passed { background: var(--pass-bg); color: var(--pass); }
.chip.failed { background: var(--fail-bg); color: var(--fail); }
.chip.baselined { background: var(--base-bg); color: var(--base); }
.chip.skipped, .chip.not-checked { background: var(--skip-bg); color: var(--skip); }
.chip.must { background: #e8eefb; color: var(--accent); }
.chip.should { background: #f1ecfb; color: #5b3fa0; }
.chip.observed { background: var(--pass-bg); color: var(--pass); }
.chip.unexercised { background: #fff; color: var(--skip); border: 1px dashed var(--skip); }
.chip.undocumented { background: var(--fail-bg); color: var(--fail); }
ul.checks { list-style: none; margin: 0; padding: 0; }
ul.checks li { padding: 2px 0; }
ul.checks li + li { border-top: 1px dashed var(--line); padding-top: 4px; margin-top: 2px; }
.check-id { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.msg { color: var(--ink); }
.baseline-note { color: var(--base); font-size: 12px; }
details { margin: 6px 0 4px; border: 1px solid var(--line); border-radius: 6px; background: #fbfcfd; }
details summary { cursor: pointer; padding: 4px 10px; font-weight: 600; color: var(--fail); }
details .exchange { padding: 6px 12px 10px; border-top: 1px solid var(--line); }
details .exchange + .exchange { border-top: 2px solid var(--line); }
.exchange dt { font-size: 11px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin-top: 6px; }
.exchange dd { margin: 0; }
pre { margin: 2px 0; padding: 8px 10px; background: #f3f5f8; border-radius: 4px; overflow-x: auto;
  white-space: pre-wrap; word-break: break-word; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.statuses { display: flex; flex-wrap: wrap; gap: 4px; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; color: var(--muted); font-size: 12px; margin-bottom: 10px; }
.muted { color: var(--muted); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef1f5; border-radius: 3px; padding: 0 3px; }
footer { text-align: center; color: var(--muted); font-size: 12px; margin-top: 28px; }
@media print {
  body { background: #fff; }
  section { break-inside: avoid-page; border-color: #bbb; }
  details { border: none; }
}
`;
