import { describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../dialect-contracts.ts';
import { lintContract } from '../lint.ts';
import type { OuRuleName } from '../ruleset.ts';
import { openapi, runRule } from './rule-tester.ts';

/** The same document, with `info.x-ou-dialect` set to `dialect` (or left out). */
function withDialect(doc: Record<string, unknown>, dialect: string | undefined): Record<string, unknown> {
  const info = { title: 'test', version: '1', ...(dialect === undefined ? {} : { 'x-ou-dialect': dialect }) };
  return { ...doc, info };
}

/**
 * Breaks every OU API rule at once: a list without page/per_page or pagination, no 401/422,
 * no x-rules, and an envelope name whose promise (data: Item) its shape breaks (data: Item[]).
 */
const BREAKS_OU_RULES = openapi(
  { '/things': { get: { operationId: 'listThings', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
  {
    schemas: {
      Item: { type: 'object', properties: { id: { type: 'string' } } },
      ApiResponse_Item_: { type: 'object', properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } },
    },
  },
);

const OU_ONLY: OuRuleName[] = ['ou-list-pagination', 'ou-error-responses', 'ou-envelope-names', 'ou-x-rules'];

describe('rules scoped by info.x-ou-dialect', () => {
  it.each(OU_ONLY)('%s holds for a contract without a marker and for ou-api, and only for them', async (rule) => {
    expect((await runRule(rule, withDialect(BREAKS_OU_RULES, undefined))).length).toBeGreaterThan(0);
    expect((await runRule(rule, withDialect(BREAKS_OU_RULES, 'ou-api'))).length).toBeGreaterThan(0);
    for (const dialect of ['orgunit-v2', 'admanager', 'idaas']) expect(await runRule(rule, withDialect(BREAKS_OU_RULES, dialect))).toEqual([]);
  });

  it.each([
    { rule: 'v2-x-rules', dialect: 'orgunit-v2', good: 'V2-L1', pattern: '^V2-[A-Z]\\d+$' },
    { rule: 'ad-x-rules', dialect: 'admanager', good: 'AD-U3', pattern: '^AD-[A-Z]\\d+$' },
    { rule: 'id-x-rules', dialect: 'idaas', good: 'ID-X1', pattern: '^ID-[A-Z]\\d+$' },
  ] as const)('$rule holds the $dialect contract to its own rule ids, and no other contract', async ({ rule, dialect, good, pattern }) => {
    const op = (xRules?: unknown[]): Record<string, unknown> =>
      openapi({ '/things': { get: { operationId: 'getThing', responses: { '200': { description: 'ok' } }, ...(xRules ? { 'x-rules': xRules } : {}) } } });
    const at = 'paths./things.get';
    expect(await runRule(rule, withDialect(op(), dialect))).toEqual([
      { code: rule, message: 'Operation must list its behaviour rule ids in a non-empty "x-rules" array.', path: at },
    ]);
    expect(await runRule(rule, withDialect(op(['OU-L1', good]), dialect))).toEqual([
      { code: rule, message: `"x-rules" entry "OU-L1" is not a rule id (${pattern}).`, path: `${at}.x-rules.0` },
    ]);
    expect(await runRule(rule, withDialect(op([good]), dialect))).toEqual([]);
    for (const other of [undefined, 'ou-api', 'orgunit-v2', 'admanager', 'idaas'].filter((d) => d !== dialect)) {
      expect(await runRule(rule, withDialect(op(), other))).toEqual([]);
    }
  });

  it.each([
    { rule: 'ad-error-responses', dialect: 'admanager' },
    { rule: 'id-error-responses', dialect: 'idaas' },
  ] as const)('$rule holds the $dialect contract to its error statuses and error bodies, and no other contract', async ({ rule, dialect }) => {
    const error = (property: string): Record<string, unknown> => ({ description: 'e', content: { 'application/json': { schema: { type: 'object', properties: { [property]: { type: 'string' } } } } } });
    const op = (responses: Record<string, unknown>): Record<string, unknown> => openapi({ '/things': { get: { operationId: 'getThing', responses: { '200': { description: 'ok' }, ...responses } } } });
    const at = 'paths./things.get.responses';
    expect(await runRule(rule, withDialect(op({ '401': error('code'), '404': error('detail') }), dialect))).toEqual([
      { code: rule, message: 'Operation must document a 400 response.', path: at },
      { code: rule, message: '404 response body must be an error object with a "code" property.', path: `${at}.404.content.application/json.schema` },
    ]);
    expect(await runRule(rule, withDialect(op({ '400': error('code'), '401': error('code') }), dialect))).toEqual([]);
    for (const other of [undefined, 'ou-api', 'orgunit-v2', 'admanager', 'idaas'].filter((d) => d !== dialect)) {
      expect(await runRule(rule, withDialect(op({}), other))).toEqual([]);
    }
  });

  it('ou-dialect refuses a marker that names no dialect (it would otherwise exempt the contract from every OU API rule)', async () => {
    const doc = openapi({});
    expect(await runRule('ou-dialect', withDialect(doc, 'orgunit_v2'))).toEqual([
      { code: 'ou-dialect', message: '"orgunit_v2" must be equal to one of the allowed values: "ou-api", "orgunit-v2", "admanager", "idaas"', path: 'info.x-ou-dialect' },
    ]);
    for (const dialect of [undefined, 'ou-api', 'orgunit-v2', 'admanager', 'idaas']) expect(await runRule('ou-dialect', withDialect(doc, dialect))).toEqual([]);
  });

  it.each(['orgunit-v2', 'admanager', 'idaas'] as const)('contracts/%s.yaml is lint-clean with the whole ruleset (0 errors, 0 warnings)', async (dialect) => {
    const { results } = await lintContract(DIALECT_CONTRACT_PATHS[dialect]);
    expect(results).toEqual([]);
  });
});
