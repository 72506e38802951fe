import type { CheckResult } from './model.ts';

/** A failed result as an error message: what failed, the evidence, and a curl per exchange. */
export function formatFailure(result: CheckResult): string {
  const lines = [`${result.check} [${result.rules.join(', ')}]: ${result.message}`];
  for (const e of result.evidence ?? []) {
    lines.push(`  expected: ${e.expected}`, `  received: ${e.received.status} ${JSON.stringify(e.received.body ?? '').slice(0, 300)}`, `  replay:   ${e.curl.slice(0, 600)}`);
  }
  return lines.join('\n');
}
