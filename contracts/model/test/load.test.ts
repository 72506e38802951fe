import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../../dialect-contracts.ts';
import { ContractFileError, loadDocument } from '../index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-model-load-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadDocument', () => {
  it('parses each contract once: the same object for the same file, however it is named', () => {
    for (const path of Object.values(DIALECT_CONTRACT_PATHS)) {
      const doc = loadDocument(path);
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(loadDocument(relative(process.cwd(), path))).toBe(doc);
    }
  });

  it('reads JSON as well as YAML', () => {
    expect(loadDocument(file('c.json', '{"openapi": "3.1.0", "paths": {}}')).paths).toEqual({});
  });

  it.each([
    ['a missing file', join(dir, 'missing.yaml'), /^Cannot read contract .*missing\.yaml: ENOENT$/],
    ['broken YAML', file('broken.yaml', 'paths: [\n'), /^Cannot parse contract .*broken\.yaml: /],
    ['a scalar', file('scalar.yaml', 'hello\n'), /^Cannot use contract .*scalar\.yaml: not an OpenAPI document \(no "paths" mapping\)$/],
  ])('refuses %s with a ContractFileError naming the file', (_what, path, message) => {
    let error: unknown;
    try {
      loadDocument(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractFileError);
    expect((error as ContractFileError).message).toMatch(message);
    expect((error as ContractFileError).file).toBe(path);
  });
});
