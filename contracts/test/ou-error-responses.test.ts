import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.ts';
import { openapi, runRule, runRuleOnContract } from './rule-tester.ts';

const RULE = 'ou-error-responses';

const errorBody = { 'application/json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } } };
const validationBody = { 'application/json': { schema: { type: 'object', properties: { detail: { type: 'array', items: {} } } } } };
const ok = { description: 'ok' };

function opDoc(responses: Record<string, unknown>, components: Record<string, unknown> = {}): Record<string, unknown> {
  return openapi({ '/things': { post: { operationId: 'createThing', responses } } }, components);
}

const OP = 'paths./things.post';

describe(`${RULE} (OU-A1, OU-E3, OU-E4)`, () => {
  it.each([
    {
      title: 'no 401',
      doc: opDoc({ '201': ok, '422': { description: 'bad', content: validationBody } }),
      message: 'Operation must document a 401 response.',
      path: `${OP}.responses`,
    },
    {
      title: 'no 422',
      doc: opDoc({ '201': ok, '401': { description: 'no', content: errorBody } }),
      message: 'Operation must document a 422 response.',
      path: `${OP}.responses`,
    },
    {
      title: 'a 4xx without a body',
      doc: opDoc({ '201': ok, '401': { description: 'no', content: errorBody }, '404': { description: 'gone' }, '422': { description: 'bad', content: validationBody } }),
      message: '404 response must have an application/json body.',
      path: `${OP}.responses.404`,
    },
    {
      title: 'a 4xx body that is not an error object (no detail)',
      doc: opDoc({
        '201': ok,
        '401': { description: 'no', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } },
        '422': { description: 'bad', content: validationBody },
      }),
      message: '401 response body must be an error object with a "detail" property.',
      path: `${OP}.responses.401.content.application/json.schema`,
    },
    {
      title: 'a 4XX range body that is a string',
      doc: opDoc({
        '201': ok,
        '401': { description: 'no', content: errorBody },
        '422': { description: 'bad', content: validationBody },
        '4XX': { description: 'other', content: { 'application/json': { schema: { type: 'string' } } } },
      }),
      message: '4XX response body must be an error object with a "detail" property.',
      path: `${OP}.responses.4XX.content.application/json.schema`,
    },
  ])('fires: $title', async ({ doc, message, path }) => {
    expect(await runRule(RULE, doc)).toContainEqual({ code: RULE, message, path });
  });

  it('quiet on a good operation (error bodies by $ref, detail via allOf, problem+json)', async () => {
    const doc = opDoc(
      {
        '201': ok,
        '401': { $ref: '#/components/responses/Unauthorized' },
        '409': { description: 'clash', content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/ErrorDetail' }] } } } },
        '422': { description: 'bad', content: validationBody },
      },
      {
        responses: { Unauthorized: { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDetail' } } } } },
        schemas: { ErrorDetail: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } } },
      },
    );
    expect(await runRule(RULE, doc)).toEqual([]);
  });

  it('quiet on contracts/ou-api.yaml', async () => {
    expect(await runRuleOnContract(RULE)).toEqual([]);
  });

  it('fires on a copy of the contract whose GET /ous lost its 401', async () => {
    const doc = loadContract();
    const responses = doc.paths['/api/v1/tenants/{tenant_id}/ous']?.get as { responses: Record<string, unknown> };
    delete responses.responses['401'];
    expect(await runRule(RULE, doc)).toEqual([
      { code: RULE, message: 'Operation must document a 401 response.', path: 'paths./api/v1/tenants/{tenant_id}/ous.get.responses' },
    ]);
  });
});
