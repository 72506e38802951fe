import { InvalidArgumentError, type Command } from 'commander';

interface ProxyCliOptions {
  upstream: string;
  port: number;
  host: string;
  out?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('--port must be an integer 0..65535.');
  return port;
}

/**
 * `ou-contract proxy --upstream URL [--port 4011] [--host 127.0.0.1] [--out FILE]`: Prism's
 * validation proxy in front of an OU API. Every violation goes to a JSON-lines report; those of
 * the upstream (kind response or proxy) are also printed as they happen; SIGINT/SIGTERM prints the summary and exits 1 when the upstream (or the
 * proxy) broke the contract, 0 otherwise.
 */
export function register(program: Command): void {
  program
    .command('proxy')
    .description("Relay traffic to an OU API through Prism's validation proxy and record every contract violation")
    .requiredOption('--upstream <url>', 'base URL of the API under test, e.g. http://127.0.0.1:4010')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 4011)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--out <file>', 'JSON-lines violation report (default reports/proxy-<timestamp>.jsonl)')
    .action(async (opts: ProxyCliOptions) => {
      const { startValidationProxy, ProxyOptionError } = await import('../mock/proxy.ts');
      const { PrismNotInstalledError } = await import('../mock/prism-process.ts');
      const { formatSummary } = await import('../mock/proxy-violations.ts');
      let proxy: Awaited<ReturnType<typeof startValidationProxy>>;
      try {
        proxy = await startValidationProxy({
          upstream: opts.upstream,
          port: opts.port,
          host: opts.host,
          ...(opts.out === undefined ? {} : { out: opts.out }),
          // Live lines for the upstream's faults only; the client's (often deliberate) bad requests go to the file and summary.
          onViolation: (v) => {
            if (v.kind !== 'request') process.stderr.write(`${v.severity.toUpperCase()} ${v.kind} ${v.method} ${v.path} -> ${v.status}: ${v.location.join('.')} ${v.message}\n`);
          },
        });
      } catch (err) {
        if (!(err instanceof ProxyOptionError || err instanceof PrismNotInstalledError)) throw err;
        process.stderr.write(`ou-contract proxy: ${err.message}\n`);
        process.exit(2);
      }
      process.stdout.write(`validation proxy (Prism) on ${proxy.url} -> ${opts.upstream}\nviolations: ${proxy.out}\n`);
      const stop = (): void => {
        void proxy.close().then((summary) => {
          process.stdout.write(`${formatSummary(summary)}\n`);
          const broken = proxy.records().some((r) => r.kind !== 'request' && r.severity === 'Error');
          process.exit(broken ? 1 : 0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
