import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { applyBaseline, BaselineError, isBaselined, loadBaseline, type Baseline } from '../suites/baseline.ts';
import type { RunReport } from '../suites/model.ts';
import { failsGate } from '../suites/report.ts';
import { dialectIds, resolveVerifyOptions, UsageError, type VerifyFlags, type VerifyPlan } from './verify-options.ts';
import { createProgress } from './verify-progress.ts';
import { probeTarget } from './verify-probe.ts';
import { provenanceOf } from './verify-provenance.ts';
import type { Interruption } from '../suites/runner.ts';
import { KeyFileError, loadSigningKey } from '../reports/sign.ts';

/** Exit codes of `verify`, as documented in its help (0, 1 and 3 come from the gate: `failsGate`). */
export const EXIT = { passed: 0, failed: 1, usage: 2, incomplete: 3, sigint: 130, sigterm: 143 } as const;

/**
 * Adds `ou-contract verify`: runs the conformance suites against a live OU API, prints
 * progress and a summary, and writes report.json, junit.xml and report.html.
 *
 * @example
 * OU_TOKEN=... ou-contract verify --base-url http://127.0.0.1:4010 --tenant t1
 */
export function register(program: Command): void {
  program
    .command('verify')
    .description('Check a live OU API against the behaviour rules; write JSON, JUnit and HTML reports')
    .option('--dialect <id>', `the API to verify: ${dialectIds().join(', ')} (default ou-api)`)
    .option('--root-ou <id>', "idaas: the vendor's root OU id (the mock's is ou_root)")
    .option('--application-id <id>', "idaas: the vendor's application id the requests name (default app_ou_contract; the mock accepts any)")
    .option('--domain <name>', "admanager: the tenant's domain (default <tenant>.example.com)")
    .option('--base-url <url>', 'base URL of the API under test (env OU_BASE_URL); required')
    .option('--tenant <id>', 'tenant the checks work in (env OU_TENANT_ID); required')
    .option('--token <token>', 'read-write token of that tenant; prefer env OU_TOKEN (command lines are visible to other users)')
    .option('--other-tenant <id>', 'a second tenant, for isolation checks OU-T1/OU-A2 (env OU_OTHER_TENANT_ID)')
    .option('--other-token <token>', 'a token of the second tenant (prefer env OU_OTHER_TOKEN)')
    .option('--readonly-token <token>', 'an ous:read-only token, for OU-A3 (prefer env OU_READONLY_TOKEN)')
    .option('--expired-token <token>', 'an expired token, for OU-A1 (prefer env OU_EXPIRED_TOKEN)')
    .option('--users <adapter>', '"admin-http" (the mock\'s admin routes) or a path to a users adapter module (env OU_USERS)')
    .addOption(new Option('--level <level>', 'core = MUST checks only; profile = all, with a verdict per level (env OU_LEVEL)').choices(['core', 'profile']))
    .option('--report-dir <dir>', 'where to write the reports (default reports/<timestamp>/)')
    .option('--seed <n>', 'seed of the generated data and order, to replay a run (env OU_SEED)')
    .option('--baseline <file>', 'JSON file of accepted failures: {"entries": [{"check"|"rule", "reason", "expires": "YYYY-MM-DD"}]}')
    .option('--lint <file>', "also lint the vendor's OpenAPI file with the contract ruleset; lint errors fail the run")
    .option('--check <id>', 'run only this check (repeatable)', collect)
    .option('--rule <id>', 'run only the checks of this rule, e.g. OU-L2 (repeatable)', collect)
    .option('--no-progress', 'do not print a line per check while running')
    .option('--timeout <duration>', 'bound of the whole run, e.g. 90s, 10m, 1500ms (default 10m); then a partial report is written')
    .option('--budget <n>', 'request budget of the model-based differential phase model.differential, shrinking included (default 2000)')
    .option('--keep-fixtures', "leave the run's OUs and users on the target so every curl in the reports replays; prints how to remove them")
    .option('--sign-key <file>', 'sign report.json into report.json.jws: a PKCS#8 PEM private key (Ed25519, P-256) or an HS256 secret file')
    .option('--allow-incomplete', 'exit 0 instead of 3 when nothing failed but some MUST rule could not be checked (missing tokens, users adapter)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes:',
        '  0  core PASSED: every MUST rule was checked and none failed outside the baseline ("PASSED with N waivers"',
        '     when the baseline excused some); SHOULD and hardening failures are reported, never fail the run',
        '  1  core FAILED: a MUST rule failed outside the baseline, or --lint found errors',
        '  2  bad usage (missing or invalid flags, a token that is not what its flag says, unreadable baseline',
        '     or lint file) or the target cannot be reached',
        '  3  core INCOMPLETE: nothing failed, but some MUST rule could not be checked (the summary names',
        '     them and what they need); 0 instead with --allow-incomplete',
        '',
        '  3  the run was cut by --timeout (a partial report is written; 1 if a MUST rule had already failed)',
        '  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: what the run created is removed, a partial report written',
        '',
        'Tokens are never printed: curl lines in the reports use $OU_TOKEN (and $OU_OTHER_TOKEN, ...).',
        'Request bodies of 64 KiB or more are saved as bodies/<sha256>.bin in the report folder; their curls',
        'read them with --data-binary @bodies/..., so run those curls from the report folder.',
        'Check a signed report with: ou-contract verify-report DIR/report.json --key PUBLIC_KEY.pem',
        'A baseline entry holds up to and including its "expires" day; then its failures count again.',
        '',
        'Example:',
        '  OU_TOKEN=... ou-contract verify --base-url http://127.0.0.1:4010 --tenant t1 --users admin-http',
      ].join('\n'),
    )
    .action(async (flags: VerifyFlags) => {
      process.exitCode = await verify(flags, process.env);
    });
}

/**
 * The whole `verify` run; returns the exit code. Usage faults and an unreachable target
 * are reported on stderr before any check runs.
 */
export async function verify(flags: VerifyFlags, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const fail = (message: string): number => {
    process.stderr.write(`ou-contract verify: ${message}\n`);
    return EXIT.usage;
  };

  let plan: VerifyPlan;
  let baseline: Baseline | undefined;
  try {
    plan = resolveVerifyOptions(flags, env);
    if (plan.baseline !== undefined) baseline = loadBaseline(plan.baseline);
    if (plan.reportDir !== undefined) ensureWritableDir(plan.reportDir);
    // A bad key must stop the run before it starts, not after minutes of checks.
    if (plan.signKey !== undefined) loadSigningKey(plan.signKey);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BaselineError || error instanceof KeyFileError) {
      return fail(`${error.message}\nTry 'ou-contract verify --help'.`);
    }
    throw error;
  }

  const unreachable = await probeTarget(plan.config.baseUrl);
  if (unreachable !== undefined) return fail(`cannot reach ${plan.config.baseUrl}: ${unreachable}`);

  let lint: RunReport['lint'];
  if (plan.lint !== undefined) {
    const { lintContract, ContractLoadError } = await import('../contracts/lint.ts');
    try {
      const result = await lintContract(plan.lint);
      lint = {
        file: result.file,
        errors: result.errors,
        warnings: result.warnings,
        messages: result.results.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}${f.path ? ` (at ${f.path})` : ''}`),
      };
    } catch (error) {
      if (error instanceof ContractLoadError) return fail(error.message);
      throw error;
    }
  }

  const [{ runSuite, checksForDialect }, reports] = await Promise.all([import('../suites/index.ts'), import('../reports/index.ts')]);
  const unknown = unknownSelection(plan.config, checksForDialect(plan.config.dialect));
  if (unknown !== undefined) return fail(unknown);
  const out = process.stdout;
  // https://no-color.org: any value of NO_COLOR turns colours off.
  const color = out.isTTY === true && env.NO_COLOR === undefined;
  const progress = plan.progress ? createProgress(out, color) : undefined;
  const started = new Date();
  let report: RunReport;
  let interruption: Interruption | undefined;
  let kept: string | undefined;
  try {
    report = await runSuite(plan.config, {
      onCheckStart: (check) => progress?.start(check.id),
      onCheckEnd: (result) => progress?.end(result, baseline !== undefined && isBaselined(result, baseline, started)),
      onInterrupt: (why) => {
        interruption = why;
        progress?.done();
        process.stderr.write(`ou-contract verify: ${why.reason}: stopping, cleaning up${plan.config.keepFixtures === true ? ' skipped (--keep-fixtures)' : ''}, writing a partial report (again to quit at once)\n`);
      },
      onFixturesKept: (fixtures) => {
        kept = reports.keptText(fixtures, { color });
      },
    });
  } catch (error) {
    // runSuite throws only for a configuration it cannot use (a TypeError naming the setting).
    if (error instanceof TypeError) return fail(error.message);
    throw error;
  } finally {
    progress?.done();
  }

  let warnings: string[] = [];
  if (baseline !== undefined) ({ report, warnings } = applyBaseline(report, baseline, started));
  if (lint !== undefined) report = { ...report, lint };
  report = { ...report, provenance: provenanceOf(plan, report.seed) };
  report = reports.redactSecrets(report, plan.secrets);
  const paths = reports.writeReports(report, plan.reportDir);
  out.write(`${reports.summaryText(report, { paths, warnings }, { color })}\n`);
  if (plan.signKey !== undefined) {
    // Signs the bytes on disk: what verify-report later reads is exactly what was signed.
    writeFileSync(`${paths.json}.jws`, await reports.signReport(readFileSync(paths.json), plan.signKey));
    out.write(`Signed:  ${paths.json}.jws\n`);
  }
  if (kept !== undefined) out.write(`${kept}\n`);
  return exitCode(report, interruption, plan);
}

/** The gate's code (0, 1, 3); an interrupted run exits 130/143 on a signal, 3 on the timeout unless a MUST rule already failed. */
function exitCode(report: RunReport, interruption: Interruption | undefined, plan: VerifyPlan): number {
  if (interruption?.cause === 'SIGINT') return EXIT.sigint;
  if (interruption?.cause === 'SIGTERM') return EXIT.sigterm;
  const gate = failsGate(report, { allowIncomplete: plan.allowIncomplete });
  return interruption !== undefined && gate === EXIT.passed ? EXIT.incomplete : gate;
}

/** Found out before the run, not after minutes of checks whose results could then not be saved. */
function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`--report-dir ${dir} is not a writable folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A misspelt --check or --rule would select nothing and pass vacuously: refuse it. */
function unknownSelection(config: VerifyPlan['config'], checks: readonly { id: string; rules: readonly string[] }[]): string | undefined {
  const ids = checks.map((c) => c.id);
  const badCheck = config.checks?.find((id) => !ids.includes(id));
  if (badCheck !== undefined) return `unknown --check "${badCheck}"; known: ${ids.join(', ')}`;
  const rules = new Set(checks.flatMap((c) => c.rules));
  const badRule = config.rules?.find((r) => !rules.has(r));
  if (badRule !== undefined) return `no check covers --rule ${badRule}; covered: ${[...rules].sort().join(', ')}`;
  return undefined;
}
