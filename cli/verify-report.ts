import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Level, RunReport } from '../suites/model.ts';

/** Exit codes of `verify-report`, as documented in its help. */
export const VERIFY_REPORT_EXIT = { valid: 0, invalid: 1, usage: 2 } as const;

interface VerifyReportFlags {
  key?: string;
}

/**
 * Adds `ou-contract verify-report FILE [--key KEY]`: checks the signature `verify
 * --sign-key` wrote beside report.json and prints what the report certifies.
 *
 * @example
 * ou-contract verify-report reports/2026-01-01T10-00-00-000Z/report.json --key vendor.pub.pem
 */
export function register(program: Command): void {
  program
    .command('verify-report')
    .description("Check a signed verify report (report.json + report.json.jws) and print its verdict")
    .argument('<file>', 'report.json, its report.json.jws, or the report folder')
    .option('--key <file>', 'the signer\'s public key (SPKI PEM), or the HS256 secret file; without it the key the signature carries is used (integrity only)')
    .addHelpText(
      'after',
      ['', 'Exit codes:', '  0  the signature is valid for this report', '  1  not signed, or the report was changed after signing, or signed with another key', '  2  bad usage: unreadable report or key file'].join('\n'),
    )
    .action(async (file: string, flags: VerifyReportFlags) => {
      process.exitCode = await verifyReport(file, flags, process.stdout, process.stderr);
    });
}

interface Writable {
  write(text: string): unknown;
}

/** The whole `verify-report` run; returns the exit code. */
export async function verifyReport(file: string, flags: VerifyReportFlags, out: Writable, err: Writable): Promise<number> {
  const usage = (message: string): number => {
    err.write(`ou-contract verify-report: ${message}\n`);
    return VERIFY_REPORT_EXIT.usage;
  };
  const jsonPath = reportPath(file);
  let bytes: Buffer;
  let report: Partial<RunReport>;
  try {
    bytes = readFileSync(jsonPath);
    report = JSON.parse(bytes.toString('utf8')) as Partial<RunReport>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return usage(`cannot read report ${jsonPath}: ${code ?? (error as Error).message}`);
  }
  out.write(`${describe(jsonPath, report)}\n`);

  const jwsPath = `${jsonPath}.jws`;
  if (!existsSync(jwsPath)) {
    out.write(`Signature: MISSING — no ${jwsPath}; sign reports with verify --sign-key\n`);
    return VERIFY_REPORT_EXIT.invalid;
  }
  const { verifyReportSignature, KeyFileError } = await import('../reports/sign.ts');
  try {
    const check = await verifyReportSignature(bytes, readFileSync(jwsPath, 'utf8'), flags.key);
    out.write(`Signature: ${check.valid ? 'VALID' : 'INVALID'} — ${check.detail}\n`);
    return check.valid ? VERIFY_REPORT_EXIT.valid : VERIFY_REPORT_EXIT.invalid;
  } catch (error) {
    if (error instanceof KeyFileError) return usage(error.message);
    throw error;
  }
}

/** report.json from a folder, a report.json path, or its .jws. */
function reportPath(file: string): string {
  if (file.endsWith('.jws')) return file.slice(0, -'.jws'.length);
  try {
    if (statSync(file).isDirectory()) return join(file, 'report.json');
  } catch {
    // Not there: reading it says so.
  }
  return file;
}

/** What the report says it certifies, as read from it (before the signature is known to hold). */
function describe(path: string, report: Partial<RunReport>): string {
  const verdict = report.verdict;
  const words = (level: Level): string => {
    const v = verdict?.[level];
    if (v === undefined) return 'unknown';
    // `waivers` counts the core rules the baseline excused: the gate's count.
    if (v === 'passed' && level === 'core' && (report.waivers ?? 0) > 0) return `PASSED with ${report.waivers} waiver${report.waivers === 1 ? '' : 's'}`;
    return v.toUpperCase();
  };
  const p = report.provenance;
  return [
    `Report:    ${path}`,
    `Target:    ${report.target ?? 'unknown'} (run ${report.started_at ?? '?'}, seed ${report.seed ?? '?'})`,
    `Verdict:   core ${words('core')} · profile ${words('profile')} · hardening ${words('hardening')}`,
    ...(report.not_checked !== undefined && report.not_checked.length > 0 ? [`Not checked: ${report.not_checked.map((n) => n.rule).join(' ')}`] : []),
    ...(report.interrupted !== undefined ? [`Interrupted: ${report.interrupted.reason} (a partial report)`] : []),
    p !== undefined ? `Tool:      ${p.tool} ${p.version} · contract sha256 ${p.contract_sha256} · rules sha256 ${p.behaviour_sha256}` : 'Tool:      no provenance recorded',
  ].join('\n');
}
