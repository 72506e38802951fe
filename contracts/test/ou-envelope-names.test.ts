import { describe, expect, it } from 'vitest';
import { parseEnvelopeName } from '../functions/ou-envelope-names.ts';
import { loadContract } from '../index.ts';
import { openapi, runRule, runRuleOnContract } from './rule-tester.ts';

const RULE = 'ou-envelope-names';

const ref = (name: string): Record<string, string> => ({ $ref: `#/components/schemas/${name}` });
const Item = { type: 'object', properties: { id: { type: 'string' } } };
const Meta = { type: 'object', properties: { page: { type: 'integer' } } };

/** A document whose only content is these component schemas (plus Item and Meta). */
function schemasDoc(schemas: Record<string, unknown>): Record<string, unknown> {
  return openapi({}, { schemas: { Item, Meta, ...schemas } });
}

describe(`${RULE} (OU-E1)`, () => {
  it.each([
    { name: 'ApiResponse_Item_', envelope: { kind: 'single', item: 'Item' } },
    { name: 'ApiResponse_list_Item__', envelope: { kind: 'list', item: 'Item' } },
    { name: 'PaginatedResponse_Item_', envelope: { kind: 'page', item: 'Item' } },
    { name: 'PaginatedResponse', envelope: { kind: 'page', item: undefined } },
    { name: 'ApiResponse_Item', envelope: undefined },
    { name: 'ApiResponse[Item]', envelope: undefined },
  ])('parses the envelope name $name', ({ name, envelope }) => {
    expect(parseEnvelopeName(name)).toEqual(envelope);
  });

  it.each([
    {
      title: 'data + pagination under a plain name',
      schemas: { ItemPage: { type: 'object', properties: { data: { type: 'array', items: ref('Item') }, pagination: ref('Meta') } } },
      message: 'Schema "ItemPage": has "data" and "pagination", so it must be named PaginatedResponse or PaginatedResponse_<T>_.',
    },
    {
      title: 'data only under a plain name',
      schemas: { ItemEnvelope: { type: 'object', properties: { data: ref('Item') } } },
      message: 'Schema "ItemEnvelope": has "data", so it must be named ApiResponse_<T>_ or ApiResponse_list_<T>__.',
    },
    {
      title: 'a malformed envelope name (missing trailing underscore)',
      schemas: { ApiResponse_Item: { type: 'object', properties: { data: ref('Item') } } },
      message: 'Schema "ApiResponse_Item": malformed envelope name; use ApiResponse_<T>_, ApiResponse_list_<T>__, PaginatedResponse_<T>_ or PaginatedResponse.',
    },
    {
      title: 'ApiResponse_ with pagination',
      schemas: { ApiResponse_list_Item__: { type: 'object', properties: { data: { type: 'array', items: ref('Item') }, pagination: ref('Meta') } } },
      message: 'Schema "ApiResponse_list_Item__": has "pagination", so it must be named PaginatedResponse_<T>_, not ApiResponse_….',
    },
    {
      title: 'PaginatedResponse_ without pagination',
      schemas: { PaginatedResponse_Item_: { type: 'object', properties: { data: { type: 'array', items: ref('Item') } } } },
      message: 'Schema "PaginatedResponse_Item_": a PaginatedResponse must have a "pagination" property.',
    },
    {
      title: 'an envelope without data',
      schemas: { ApiResponse_Item_: { type: 'object', properties: { item: ref('Item') } } },
      message: 'Schema "ApiResponse_Item_": an envelope must have a "data" property.',
    },
    {
      title: 'ApiResponse_<T>_ whose data is another type',
      schemas: { ApiResponse_Item_: { type: 'object', properties: { data: ref('Meta') } } },
      message: 'Schema "ApiResponse_Item_": "data" must be a $ref to Item.',
    },
    {
      title: 'ApiResponse_list_<T>__ whose data is not an array',
      schemas: { ApiResponse_list_Item__: { type: 'object', properties: { data: ref('Item') } } },
      message: 'Schema "ApiResponse_list_Item__": "data" must be an array.',
    },
    {
      title: 'PaginatedResponse_<T>_ whose items are another type',
      schemas: { PaginatedResponse_Item_: { type: 'object', properties: { data: { type: 'array', items: ref('Meta') }, pagination: ref('Meta') } } },
      message: 'Schema "PaginatedResponse_Item_": "data" items must be a $ref to Item.',
    },
    {
      title: 'an envelope naming a schema that does not exist',
      schemas: { ApiResponse_Thing_: { type: 'object', properties: { data: ref('Thing') } } },
      message: 'Schema "ApiResponse_Thing_": names Thing, which is not a component schema.',
    },
    {
      title: 'plain PaginatedResponse with typed items',
      schemas: { PaginatedResponse: { type: 'object', properties: { data: { type: 'array', items: ref('Item') }, pagination: ref('Meta') } } },
      message: 'Schema "PaginatedResponse": "data" of the plain PaginatedResponse holds items of any type (items: {}).',
    },
  ])('fires: $title', async ({ schemas, message }) => {
    const name = Object.keys(schemas)[0] ?? '';
    // A dangling $ref also raises spectral:oas's invalid-ref in the run; only this rule's verdict matters here.
    const hits = (await runRule(RULE, schemasDoc(schemas))).filter((h) => h.code === RULE);
    expect(hits).toEqual([{ code: RULE, message, path: `components.schemas.${name}` }]);
  });

  it('quiet on the four reference envelope shapes', async () => {
    const doc = schemasDoc({
      ApiResponse_Item_: { type: 'object', required: ['data'], properties: { data: ref('Item'), meta: ref('Meta') } },
      ApiResponse_list_Item__: { type: 'object', properties: { data: { type: 'array', items: ref('Item') } } },
      PaginatedResponse_Item_: { type: 'object', properties: { data: { type: 'array', items: ref('Item') }, pagination: ref('Meta') } },
      PaginatedResponse: { type: 'object', properties: { data: { type: 'array', items: {} }, pagination: ref('Meta') } },
    });
    expect(await runRule(RULE, doc)).toEqual([]);
  });

  it('quiet on contracts/ou-api.yaml', async () => {
    expect(await runRuleOnContract(RULE)).toEqual([]);
  });

  it('fires on a copy of the contract with ApiResponse_OUResponse_ renamed to OUEnvelope', async () => {
    const doc = loadContract();
    const { schemas } = doc.components;
    schemas.OUEnvelope = schemas.ApiResponse_OUResponse_;
    delete schemas.ApiResponse_OUResponse_;
    const hits = await runRule(RULE, doc);
    expect(hits.filter((h) => h.code === RULE)).toEqual([
      { code: RULE, message: 'Schema "OUEnvelope": has "data", so it must be named ApiResponse_<T>_ or ApiResponse_list_<T>__.', path: 'components.schemas.OUEnvelope' },
    ]);
  });
});
