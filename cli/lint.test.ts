import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from './lint.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-lint-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `lint ...args` in process, capturing stdout/stderr and the exit code it sets. */
async function lint(...args: string[]): Promise<{ code: number | string | undefined; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const program = new Command('ou-contract').exitOverride();
  register(program);
  await program.parseAsync(['lint', ...args], { from: 'user' });
  return { code: process.exitCode, out, err };
}

const UNPROTECTED = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200': {description: ok}
`;

describe('ou-contract lint', () => {
  it('lints contracts/ou-api.yaml by default and prints the summary with the time it took', async () => {
    const { code, out } = await lint();
    const summary = /^(\d+) errors?, (\d+) warnings? in (\d+\.\d\d)s$/m.exec(out);
    expect(summary).not.toBeNull();
    expect(Number(summary?.[3])).toBeGreaterThan(0);
    expect(code).toBe(Number(summary?.[1]) > 0 ? 1 : 0);
  });

  it('prints line, severity, rule, message and path of each finding, and exits 1 on errors', async () => {
    const { code, out } = await lint(file('unprotected.yaml', UNPROTECTED));
    expect(out).toMatch(/^ {2}5:9 +warning +owasp:api2:2023-read-restricted +This read operation is not protected by any security scheme\.$/m);
    expect(out).toMatch(/^ +at paths\.\/things\.get$/m);
    expect(out).toMatch(/^ {2}7:17 +error +ou-error-responses +Operation must document a 401 response\.$/m);
    expect(out).toMatch(/^\d+ errors, \d+ warnings in \d+\.\d\ds$/m);
    expect(code).toBe(1);
  });

  it('--format json prints the LintResult', async () => {
    const { out } = await lint(file('unprotected.yaml', UNPROTECTED), '--format', 'json');
    const parsed = JSON.parse(out) as { errors: number; results: { rule: string; line: number }[] };
    expect(parsed.errors).toBeGreaterThan(0);
    expect(parsed.results).toContainEqual(expect.objectContaining({ rule: 'ou-x-rules', line: 5 }));
  });

  it.each([
    { title: 'a missing file', name: 'missing.yaml', text: undefined, message: /Cannot read contract .*missing\.yaml: ENOENT/ },
    { title: 'broken YAML', name: 'broken.yaml', text: 'paths: [\n', message: /Cannot parse contract .*broken\.yaml \(line \d+\)/ },
    { title: 'a scalar document', name: 'scalar.yaml', text: 'hello\n', message: /Cannot parse contract .*scalar\.yaml: the top level is not a mapping/ },
    { title: 'OpenAPI 3.0', name: 'v30.yaml', text: "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", message: /not an OpenAPI 3\.1 document \(openapi: "3\.0\.3"\)/ },
  ])('exits 2 and names the file for $title', async ({ name, text, message }) => {
    const path = text === undefined ? join(dir, name) : file(name, text);
    const { code, out, err } = await lint(path);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});
