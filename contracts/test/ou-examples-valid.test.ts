import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.ts';
import { openapi, runRule, runRuleOnContract } from './rule-tester.ts';

const RULE = 'ou-examples-valid';

const Node = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, children: { type: ['array', 'null'], items: { $ref: '#/components/schemas/Node' } } },
};

/** One GET /things whose 200 JSON body is a Node, with the given media-type fields. */
function docWith(media: Record<string, unknown>, extra: { parameters?: unknown[]; components?: Record<string, unknown> } = {}): Record<string, unknown> {
  return openapi(
    {
      '/things': {
        get: {
          operationId: 'getThing',
          parameters: extra.parameters ?? [],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' }, ...media } } } },
        },
      },
    },
    { schemas: { Node }, ...extra.components },
  );
}

const MEDIA = 'paths./things.get.responses.200.content.application/json';

describe(`${RULE} (examples match their schemas)`, () => {
  it.each([
    {
      title: 'media type example of the wrong type',
      doc: docWith({ example: 'not an object' }),
      message: 'Example does not match its schema: (root) must be object',
      path: `${MEDIA}.example`,
    },
    {
      title: 'examples.*.value missing a required field, deep in a recursive schema',
      doc: docWith({ examples: { tree: { value: { id: 'a', children: [{ children: null }] } } } }),
      message: "Example does not match its schema: /children/0 must have required property 'id'",
      path: `${MEDIA}.examples.tree.value`,
    },
    {
      title: 'an example by $ref that breaks a format',
      doc: docWith({ examples: { late: { $ref: '#/components/examples/Late' } } }, { components: { examples: { Late: { value: { id: 'a', at: 'yesterday' } } } } }),
      message: 'Example does not match its schema: /at must match format "date-time"',
      path: `${MEDIA}.examples.late`,
    },
    {
      title: 'a parameter example above its maximum',
      doc: docWith({}, { parameters: [{ name: 'per_page', in: 'query', schema: { type: 'integer', maximum: 100 }, example: 500 }] }),
      message: 'Example does not match its schema: (root) must be <= 100',
      path: 'paths./things.get.parameters.0.example',
    },
    {
      title: 'a schema `examples[]` entry of the wrong type',
      doc: docWith({}, { components: { schemas: { Node, Count: { type: 'integer', examples: [3, 'three'] } } } }),
      message: 'Example does not match its schema: (root) must be integer',
      path: 'components.schemas.Count.examples.1',
    },
    {
      title: 'a property-level schema `example` with an extra property where none are allowed',
      doc: docWith({}, {
        components: { schemas: { Node, Box: { type: 'object', properties: { inner: { type: 'object', additionalProperties: false, properties: {}, example: { x: 1 } } } } } },
      }),
      message: 'Example does not match its schema: (root) must NOT have additional properties "x"',
      path: 'components.schemas.Box.properties.inner.example',
    },
  ])('fires: $title', async ({ doc, message, path }) => {
    expect(await runRule(RULE, doc)).toEqual([{ code: RULE, message, path }]);
  });

  it('reports an example whose schema cannot be compiled (dangling $ref) instead of passing it', async () => {
    const doc = openapi({
      '/x': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' }, example: 1 } } } } } },
    });
    const hits = await runRule(RULE, doc);
    expect(hits.filter((h) => h.code === RULE)).toEqual([
      {
        code: RULE,
        message: "Example not checked: its schema cannot be compiled: can't resolve reference #/components/schemas/Missing from id urn:ou-contract:document",
        path: 'paths./x.get.responses.200.content.application/json.example',
      },
    ]);
  });

  it('quiet on good examples (recursive $ref, nullable, $ref example, schema examples)', async () => {
    const doc = docWith(
      {
        example: { id: 'a', at: '2026-01-15T09:30:00Z', children: [{ id: 'b', children: null }] },
        examples: { leaf: { value: { id: 'c' } }, shared: { $ref: '#/components/examples/Shared' } },
      },
      {
        parameters: [{ name: 'q', in: 'query', schema: { type: ['string', 'null'], maxLength: 5 }, examples: { none: { value: null }, some: { value: 'abc' } } }],
        components: { examples: { Shared: { value: { id: 'd', children: [] } } }, schemas: { Node, Count: { type: 'integer', examples: [0, 3] } } },
      },
    );
    expect(await runRule(RULE, doc)).toEqual([]);
  });

  it('quiet on contracts/ou-api.yaml', async () => {
    expect(await runRuleOnContract(RULE)).toEqual([]);
  });

  it('fires on a copy of the contract whose createOu example loses its required name', async () => {
    const doc = loadContract();
    const post = doc.paths['/api/v1/tenants/{tenant_id}/ous']?.post as {
      requestBody: { content: { 'application/json': { examples: { top_level: { value: Record<string, unknown> } } } } };
    };
    delete post.requestBody.content['application/json'].examples.top_level.value.name;
    expect(await runRule(RULE, doc)).toEqual([
      {
        code: RULE,
        message: "Example does not match its schema: (root) must have required property 'name'",
        path: 'paths./api/v1/tenants/{tenant_id}/ous.post.requestBody.content.application/json.examples.top_level.value',
      },
    ]);
  });
});
