import { Option, type Command } from 'commander';

interface LintCliOptions {
  format: 'text' | 'json';
}

/**
 * `ou-contract lint [file] [--format text|json]`: Spectral (`spectral:oas` + OWASP + the OU
 * rules) on an OpenAPI 3.1 file, default contracts/ou-api.yaml. Prints every finding with
 * its line, rule and path, then `N errors, M warnings in X.XXs`. Exit 0 clean (warnings
 * allowed), 1 on errors, 2 when the file cannot be read or parsed.
 */
export function register(program: Command): void {
  program
    .command('lint')
    .description('Lint an OpenAPI contract with spectral:oas, OWASP API Top 10 and the OU rules')
    .argument('[file]', 'OpenAPI 3.1 file to lint (default: contracts/ou-api.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string | undefined, opts: LintCliOptions) => {
      const { lintContract, formatLintReport, ContractLoadError } = await import('../contracts/lint.ts');
      try {
        const result = await lintContract(file);
        process.stdout.write(opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${formatLintReport(result)}\n`);
        process.exitCode = result.errors > 0 ? 1 : 0;
      } catch (err) {
        if (!(err instanceof ContractLoadError)) throw err;
        process.stderr.write(`ou-contract lint: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
