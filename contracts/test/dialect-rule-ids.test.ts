import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DIALECT_CONTRACT_PATHS } from '../dialect-contracts.ts';
import { operationsOf } from '../drift/contract-walk.ts';
import { SEED_PAGES, definedRuleIds, dialectPagePath, seedPageExists } from '../drift/seed-page.ts';
import type { SeededDialect } from '../drift/seed-page.ts';
import type { JsonObject } from '../functions/shape.ts';

describe('behaviour page rule ids', () => {
  it('reads the ids a page defines, not the ones it mentions', () => {
    expect(definedRuleIds('- V2-A1 MUST: x\n- V2-A2 SHOULD: y (see V2-A1)\n  - V2-Z9 is not a rule\n- note V2-B1 MUST\n')).toEqual(['V2-A1', 'V2-A2']);
  });
});

for (const dialect of Object.keys(SEED_PAGES) as SeededDialect[]) {
  const path = dialectPagePath(dialect);
  const found = seedPageExists(path);
  const title = `contracts/${dialect}.yaml names exactly the rules of ${dialect}.md in its x-rules`;
  describe.skipIf(!found)(found ? title : `${title} — SKIPPED: behaviour page not found at ${path}`, () => {
    it('every x-rules id is defined by the page, and every rule of the page is bound to an operation', () => {
      const defined = definedRuleIds(readFileSync(path, 'utf8'));
      const contract = parse(readFileSync(DIALECT_CONTRACT_PATHS[dialect], 'utf8')) as JsonObject;
      const used = new Set(operationsOf(contract).flatMap((op) => (Array.isArray(op.operation['x-rules']) ? (op.operation['x-rules'] as string[]) : [])));
      expect(defined.length).toBeGreaterThan(0);
      expect([...used].filter((id) => !defined.includes(id))).toEqual([]);
      expect(defined.filter((id) => !used.has(id))).toEqual([]);
    });
  });
}
