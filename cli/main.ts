#!/usr/bin/env node
import { Command } from 'commander';

/** One module per verb; each registers its command and imports its heavy parts lazily. */
const VERBS = ['mock', 'verify', 'verify-report', 'lint', 'proxy'] as const;

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command('ou-contract')
    .description('Contract, stateful mock and conformance suites for the Organizational Units (OU) API')
    .showHelpAfterError()
    .exitOverride((err) => {
      // commander's own exits (help, version, usage): usage errors exit 2, as `verify` documents.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  for (const verb of VERBS) {
    const mod = (await import(`./${verb}.ts`)) as { register: (p: Command) => void };
    mod.register(program);
  }
  await program.parseAsync([...argv]);
}

await main();
