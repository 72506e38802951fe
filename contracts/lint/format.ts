import { relative } from 'node:path';
import type { LintFinding, LintResult } from './types.ts';

const SEVERITY_LABEL: Record<LintFinding['severity'], string> = { error: 'error', warn: 'warning', info: 'info', hint: 'hint' };

/** `N errors, M warnings in X.XXs` (singular forms for 1). */
export function formatLintSummary(result: Pick<LintResult, 'errors' | 'warnings' | 'durationMs'>): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${(result.durationMs / 1000).toFixed(2)}s`;
}

/**
 * Human-readable report: the file, one line per finding (`line:col severity rule message`,
 * then its JSON path), and the summary line.
 *
 * @example
 * console.log(formatLintReport(await lintContract()));
 */
export function formatLintReport(result: LintResult, cwd: string = process.cwd()): string {
  const fromCwd = relative(cwd, result.file);
  const lines = [fromCwd === '' || fromCwd.startsWith('..') ? result.file : fromCwd];
  const width = Math.max(0, ...result.results.map((f) => `${f.line}:${f.column}`.length));
  for (const f of result.results) {
    const where = `${f.line}:${f.column}`.padEnd(width);
    lines.push(`  ${where}  ${SEVERITY_LABEL[f.severity].padEnd(7)}  ${f.rule}  ${f.message}`);
    if (f.path !== '') lines.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  at ${f.path}`);
  }
  if (result.results.length === 0) lines.push('  no findings');
  lines.push('', formatLintSummary(result));
  return lines.join('\n');
}
