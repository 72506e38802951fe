import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.ts';
import { openapi, runRule, runRuleOnContract } from './rule-tester.ts';

const RULE = 'ou-list-pagination';

const page = { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } };
const perPage = { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } };
const paginated = {
  type: 'object',
  required: ['data', 'pagination'],
  properties: { data: { type: 'array', items: {} }, pagination: { type: 'object', properties: { page: { type: 'integer' } } } },
};

/** A one-path document whose GET has these parameters and this 200 body schema. */
function listDoc(parameters: unknown[], body: Record<string, unknown> = paginated, operationId = 'listThings'): Record<string, unknown> {
  return openapi({
    '/things': {
      get: { operationId, parameters, responses: { '200': { description: 'ok', content: { 'application/json': { schema: body } } } } },
    },
  });
}

const GET = 'paths./things.get';

describe(`${RULE} (OU-L1, OU-S1)`, () => {
  it.each([
    { title: 'no page parameter', doc: listDoc([perPage]), message: 'List operation must take the query parameter "page".', path: `${GET}.parameters` },
    {
      title: 'page without minimum 1',
      doc: listDoc([{ ...page, schema: { type: 'integer', minimum: 0 } }, perPage]),
      message: 'Query parameter "page" must have minimum 1.',
      path: `${GET}.parameters`,
    },
    {
      title: 'per_page without maximum',
      doc: listDoc([page, { ...perPage, schema: { type: 'integer', minimum: 1 } }]),
      message: 'Query parameter "per_page" must have a maximum (at most 100).',
      path: `${GET}.parameters`,
    },
    {
      title: 'per_page maximum above 100, as a string',
      doc: listDoc([page, { ...perPage, schema: { type: 'string', minimum: 1, maximum: 500 } }]),
      message: 'Query parameter "per_page" must be an integer and have a maximum of at most 100, not 500.',
      path: `${GET}.parameters`,
    },
    {
      title: 'named as a list but no pagination in the 200 body',
      doc: listDoc([page, perPage], { type: 'object', properties: { data: { type: 'array' } } }),
      message: 'List operation: the 200 body must have a "pagination" property.',
      path: `${GET}.responses.200`,
    },
    {
      title: 'pagination not required and not an object',
      doc: listDoc([page, perPage], { type: 'object', properties: { data: { type: 'array' }, pagination: { type: 'string' } } }, 'getThings'),
      message: 'List operation: "pagination" in the 200 body must be an object.',
      path: `${GET}.responses.200`,
    },
    {
      title: 'pagination present but optional',
      doc: listDoc([page, perPage], { type: 'object', properties: { data: { type: 'array' }, pagination: { type: 'object' } } }),
      message: 'List operation: "pagination" in the 200 body must be required.',
      path: `${GET}.responses.200`,
    },
  ])('fires: $title', async ({ doc, message, path }) => {
    const hits = await runRule(RULE, doc);
    expect(hits).toContainEqual({ code: RULE, message, path });
  });

  it('quiet on a good list operation (page/per_page on the path item, pagination via $ref)', async () => {
    const doc = openapi(
      {
        '/things': {
          parameters: [{ $ref: '#/components/parameters/page' }],
          get: {
            operationId: 'listThings',
            parameters: [perPage],
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } },
          },
        },
      },
      { parameters: { page }, schemas: { Page: paginated } },
    );
    expect(await runRule(RULE, doc)).toEqual([]);
  });

  it('quiet on a GET that is not a list (no pagination, not named list)', async () => {
    const single = { type: 'object', properties: { data: { type: 'object' } } };
    expect(await runRule(RULE, listDoc([], single, 'getThing'))).toEqual([]);
  });

  it('quiet on contracts/ou-api.yaml', async () => {
    expect(await runRuleOnContract(RULE)).toEqual([]);
  });
});

describe(`${RULE} on a mutated copy of the contract`, () => {
  it('fires when listOuUsers loses the per_page maximum (OU-S1)', async () => {
    const doc = loadContract();
    const perPageSchema = (doc.components.parameters as Record<string, { schema: Record<string, unknown> }>).per_page?.schema;
    if (perPageSchema) delete perPageSchema.maximum;
    const hits = await runRule(RULE, doc);
    expect(hits.map((h) => h.path).sort()).toEqual([
      'paths./api/v1/tenants/{tenant_id}/ous.get.parameters',
      'paths./api/v1/tenants/{tenant_id}/ous/{ou_id}/users.get.parameters',
    ]);
  });
});
