import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../index.ts';
import { ContractParseError, ContractReadError, formatLintReport, formatLintSummary, lintContract } from '../lint.ts';
import type { LintResult } from '../lint.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('lintContract', () => {
  it('lints contracts/ou-api.yaml and reports its duration, with counts matching the ordered findings', async () => {
    const result = await lintContract();
    expect(result.file).toBe(CONTRACT_PATH);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.errors).toBe(result.results.filter((f) => f.severity === 'error').length);
    expect(result.warnings).toBe(result.results.filter((f) => f.severity === 'warn').length);
    const lines = result.results.map((f) => f.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('never fetches a remote $ref: it is reported as invalid-ref naming the URL', async () => {
    const path = file('remote.yaml', "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'https://example.invalid/x.yaml#/B'}\n");
    const { results } = await lintContract(path);
    expect(results).toContainEqual(
      expect.objectContaining({ rule: 'invalid-ref', severity: 'error', message: 'remote $ref not followed (lint is offline): https://example.invalid/x.yaml', line: 6 }),
    );
  });

  it('follows a local file $ref', async () => {
    file('other.yaml', 'D: {type: string}\n');
    const path = file('local.yaml', "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    C: {$ref: './other.yaml#/D'}\n");
    const { results } = await lintContract(path);
    expect(results.filter((f) => f.rule === 'invalid-ref')).toEqual([]);
  });

  it('throws ContractReadError naming an unreadable file', async () => {
    const missing = join(dir, 'nope.yaml');
    await expect(lintContract(missing)).rejects.toThrow(new ContractReadError(`Cannot read contract ${missing}: ENOENT`, missing));
    await expect(lintContract(missing)).rejects.toMatchObject({ file: missing, name: 'ContractReadError' });
  });

  it('throws ContractParseError for YAML that does not parse', async () => {
    const path = file('broken.yaml', 'a: [\n');
    await expect(lintContract(path)).rejects.toBeInstanceOf(ContractParseError);
    await expect(lintContract(path)).rejects.toMatchObject({ file: path });
  });
});

describe('formatLintReport', () => {
  const result: LintResult = {
    file: join(process.cwd(), 'contracts', 'x.yaml'),
    errors: 1,
    warnings: 1,
    durationMs: 1234.5,
    results: [
      { rule: 'ou-x-rules', severity: 'error', message: 'Operation must list…', path: 'paths./a.get', line: 12, column: 5, source: 'x' },
      { rule: 'info-contact', severity: 'warn', message: 'Info object must have "contact" object.', path: 'info', line: 2, column: 3, source: 'x' },
    ],
  };

  it('prints the file relative to the working directory, one finding per line with its path, and the summary', () => {
    expect(formatLintReport(result).split('\n')).toEqual([
      'contracts/x.yaml',
      '  12:5  error    ou-x-rules  Operation must list…',
      '                 at paths./a.get',
      '  2:3   warning  info-contact  Info object must have "contact" object.',
      '                 at info',
      '',
      '1 error, 1 warning in 1.23s',
    ]);
  });

  it('pluralises the summary', () => {
    expect(formatLintSummary({ errors: 0, warnings: 2, durationMs: 50 })).toBe('0 errors, 2 warnings in 0.05s');
  });
});
