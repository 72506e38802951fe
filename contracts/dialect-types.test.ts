import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS, DIALECT_IDS, dialectOf } from './dialect-contracts.ts';

const GENERATED = ['orgunit-v2', 'admanager', 'idaas'] as const;

describe('dialect contracts', () => {
  it.each(GENERATED)('contracts/%s.gen.ts is current with its contract (npx openapi-typescript contracts/<d>.yaml -o contracts/<d>.gen.ts)', async (dialect) => {
    const path = DIALECT_CONTRACT_PATHS[dialect];
    const fresh = astToString(await openapiTS(new URL(`file://${path}`)));
    const committed = readFileSync(path.replace(/\.yaml$/, '.gen.ts'), 'utf8');
    // The CLI adds a banner comment; compare the generated body only.
    expect(committed.endsWith(fresh)).toBe(true);
  });

  it.each(DIALECT_IDS)('the %s contract declares its own dialect in info.x-ou-dialect (the OU API by having none)', (dialect) => {
    const doc: unknown = parse(readFileSync(DIALECT_CONTRACT_PATHS[dialect], 'utf8'));
    expect(dialectOf(doc)).toBe(dialect);
  });
});
