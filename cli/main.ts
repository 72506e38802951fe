#!/usr/bin/env node
import { Command } from 'commander';
import { packageVersion } from './version.ts';

/** One module per verb; each registers its command and imports its heavy parts lazily. */
const VERBS = ['mock', 'verify', 'verify-report', 'lint', 'proxy'] as const;
type Verb = (typeof VERBS)[number];

/**
 * The verb modules this command line needs: only the named verb when there is one, none for
 * `--version`, all of them otherwise (so help and "unknown command" can list every verb).
 */
function verbsFor(args: readonly string[]): readonly Verb[] {
  const first = args.find((a) => !a.startsWith('-'));
  if (first !== undefined && (VERBS as readonly string[]).includes(first)) return [first as Verb];
  if (first === undefined && args.some((a) => a === '--version' || a === '-V')) return [];
  return VERBS;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command('ou-contract')
    .description('Contract, stateful mock and conformance suites for the Organizational Units (OU) API')
    .version(packageVersion(), '-V, --version', 'print the version of ou-contract')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own exits (help, version, usage): usage errors exit 2, as `verify` documents.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  for (const verb of verbsFor(argv.slice(2))) {
    const mod = (await import(`./${verb}.ts`)) as { register: (p: Command) => void };
    mod.register(program);
  }
  await program.parseAsync([...argv]);
}

await main();
