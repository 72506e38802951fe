import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PATH, OPERATION_IDS, loadContract } from './index.ts';

describe('generated contract types', () => {
  it('contracts/ou-api.gen.ts is current with contracts/ou-api.yaml (run `npm run gen:types`)', async () => {
    const ast = await openapiTS(new URL(`file://${CONTRACT_PATH}`));
    const fresh = astToString(ast);
    const committed = readFileSync(fileURLToPath(new URL('./ou-api.gen.ts', import.meta.url)), 'utf8');
    // The CLI adds a banner comment; compare the generated body only.
    expect(committed.endsWith(fresh)).toBe(true);
  });

  it('OPERATION_IDS lists exactly the operationIds of the contract', () => {
    const doc = loadContract();
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item)
        .filter((op): op is { operationId: string } => typeof op === 'object' && op !== null && 'operationId' in op)
        .map((op) => op.operationId),
    );
    expect(ids.sort()).toEqual([...OPERATION_IDS].sort());
  });
});
