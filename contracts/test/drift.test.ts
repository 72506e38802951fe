import { beforeAll, describe, expect, it } from 'vitest';
import { ReferencePageError, compareWithContract, formatDrift, loadReferencePage, parseReferencePage, parseTypeCell, referencePageExists, referencePagePath } from '../drift/index.ts';
import type { DriftIssue, ReferencePage } from '../drift/index.ts';
import { isRecord } from '../functions/shape.ts';
import type { JsonObject } from '../functions/shape.ts';
import { loadContract } from '../index.ts';

const OUS = '/api/v1/tenants/{tenant_id}/ous';
const OU = '/api/v1/tenants/{tenant_id}/ous/{ou_id}';
const USERS = '/api/v1/tenants/{tenant_id}/ous/{ou_id}/users';

/** The object at `path` in a parsed contract (throws, naming the path, when there is none). */
function node(doc: unknown, ...path: string[]): JsonObject {
  let current = doc;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  if (!isRecord(current)) throw new Error(`no object at ${path.join('.')}`);
  return current;
}

const schema = (doc: unknown, name: string): JsonObject => node(doc, 'components', 'schemas', name);
const prop = (doc: unknown, name: string, field: string): JsonObject => node(doc, 'components', 'schemas', name, 'properties', field);

describe('reference page type cells', () => {
  it.each([
    { cell: '`string`', expected: { type: { kind: 'primitive', name: 'string' }, nullable: false } },
    { cell: '`string` | `null`', expected: { type: { kind: 'primitive', name: 'string' }, nullable: true } },
    { cell: '`string` (`date-time`) | `null`', expected: { type: { kind: 'primitive', name: 'string', format: 'date-time' }, nullable: true } },
    { cell: '[`OUResponse`](#schema-ouresponse)', expected: { type: { kind: 'ref', name: 'OUResponse' }, nullable: false } },
    { cell: 'array of [`OUChildInfo`](#schema-ouchildinfo) | `null`', expected: { type: { kind: 'array', items: { kind: 'ref', name: 'OUChildInfo' } }, nullable: true } },
    { cell: 'array of _any_', expected: { type: { kind: 'array', items: { kind: 'any' } }, nullable: false } },
    { cell: 'object | `null`', expected: { type: { kind: 'object' }, nullable: true } },
    {
      cell: 'array of `string` | `integer`',
      expected: { type: { kind: 'array', items: { kind: 'union', of: [{ kind: 'primitive', name: 'string' }, { kind: 'primitive', name: 'integer' }] } }, nullable: false },
    },
  ])('parses $cell', ({ cell, expected }) => {
    expect(parseTypeCell(cell)).toEqual(expected);
  });
});

const MINI_PAGE = `# Things API

Reference for the \`Things\` endpoint group — 1 endpoint.

## Endpoints

### **POST** \`/things\`

_Create Thing_

**Parameters:**

| Name | In | Required | Type | Description |
|---|---|---|---|---|
| \`q\` | query | no | \`string\` \\| \`null\` |  |

**Request body:**

Required.

- \`application/json\` → [\`Thing\`](#schema-thing)

**Responses:**

| Status | Body |
|---|---|
| \`201\` | \`application/json\` → [\`Thing\`](#schema-thing) |
| \`204\` | Successful Response |

## Schemas

### \`Thing\`

A thing.

| Field | Type | Required | Description |
|---|---|---|---|
| \`id\` | \`string\` | yes |  |
| \`count\` | \`integer\` | no | Default: \`0\` |
`;

describe('reference page parser', () => {
  it('reads endpoints (summary, parameters, body, responses) and schemas (fields, required, default)', () => {
    expect(parseReferencePage(MINI_PAGE)).toEqual({
      declaredEndpoints: 1,
      endpoints: [
        {
          method: 'POST',
          path: '/things',
          summary: 'Create Thing',
          parameters: [{ name: 'q', in: 'query', required: false, type: { type: { kind: 'primitive', name: 'string' }, nullable: true } }],
          requestBody: { required: true, mediaType: 'application/json', schema: 'Thing' },
          responses: [
            { status: '201', mediaType: 'application/json', schema: 'Thing' },
            { status: '204', description: 'Successful Response' },
          ],
        },
      ],
      schemas: [
        {
          name: 'Thing',
          fields: [
            { name: 'id', type: { type: { kind: 'primitive', name: 'string' }, nullable: false }, required: true },
            { name: 'count', type: { type: { kind: 'primitive', name: 'integer' }, nullable: false }, required: false, default: 0 },
          ],
        },
      ],
    });
  });

  it('names the line of a cell it cannot read', () => {
    const broken = MINI_PAGE.replace('| `id` | `string` | yes |', '| `id` | `strnig` | yes |');
    expect(() => parseReferencePage(broken)).toThrow(new ReferencePageError('unrecognised type "`strnig`"', 38));
  });

  it('takes the page location from OU_REFERENCE_PAGE when set', () => {
    expect(referencePagePath({ OU_REFERENCE_PAGE: '/tmp/page.md' })).toBe('/tmp/page.md');
    expect(referencePagePath({})).toMatch(/\/shared\/seeds\/000_9c59459a2f67d8d9\.txt$/);
  });
});

const PAGE_PATH = referencePagePath();
const FOUND = referencePageExists(PAGE_PATH);
const TITLE = 'contracts/ou-api.yaml vs the reference page (drift)';

describe.skipIf(!FOUND)(FOUND ? TITLE : `${TITLE} — SKIPPED: reference page not found at ${PAGE_PATH} (set OU_REFERENCE_PAGE)`, () => {
  let page: ReferencePage;
  beforeAll(async () => {
    page = await loadReferencePage(PAGE_PATH);
  });

  it('parses the 7 endpoints and 14 schemas the page announces', () => {
    expect(page.endpoints).toHaveLength(page.declaredEndpoints ?? -1);
    expect(page.endpoints).toHaveLength(7);
    expect(page.schemas).toHaveLength(14);
  });

  it('has every endpoint, parameter, response, schema and field of the page, unchanged (additions marked x-ou-additive)', () => {
    // Compared as text so a failure prints the readable list of differences.
    expect(formatDrift(compareWithContract(page, loadContract()))).toBe('');
  });

  it('accepts constraints, formats the page leaves open, examples and marked additions', () => {
    const doc = loadContract();
    Object.assign(node(doc, 'components', 'parameters', 'tenant_id', 'schema'), { maxLength: 64, pattern: '^[A-Za-z0-9-]+$' });
    Object.assign(prop(doc, 'OUListItem', 'id'), { format: 'uuid', maxLength: 36, examples: ['7b0f5a52-5b1c-4b0e-9d3a-0c1d2e3f4a5b'] });
    Object.assign(prop(doc, 'OUResponse', 'name'), { minLength: 1, maxLength: 255 });
    node(schema(doc, 'OUResponse'), 'properties').etag = { type: 'string', 'x-ou-additive': true };
    node(doc, 'components', 'schemas').Extra = { type: 'object', 'x-ou-additive': true };
    expect(compareWithContract(page, doc)).toEqual([]);
  });

  it.each<{ title: string; mutate: (doc: JsonObject) => void; expected: DriftIssue[] }>([
    {
      title: 'a removed field',
      mutate: (doc) => delete node(schema(doc, 'OUResponse'), 'properties').user_count,
      expected: [{ where: 'schema OUResponse › user_count', message: 'field is missing from the contract' }],
    },
    {
      title: 'a changed field type',
      mutate: (doc) => (prop(doc, 'OUListItem', 'path').type = 'integer'),
      expected: [{ where: 'schema OUListItem › path', message: 'type is integer, the page says string' }],
    },
    {
      title: 'a field made required',
      mutate: (doc) => (schema(doc, 'OUCreate').required = ['name', 'description']),
      expected: [{ where: 'schema OUCreate › description', message: 'required is true, the page says false' }],
    },
    {
      title: 'an extra required field (unmarked)',
      mutate: (doc) => {
        node(schema(doc, 'OUCreate'), 'properties').code = { type: 'string' };
        schema(doc, 'OUCreate').required = ['name', 'code'];
      },
      expected: [{ where: 'schema OUCreate › code', message: 'field is not on the reference page and not marked x-ou-additive' }],
    },
    {
      title: 'an extra field marked additive but required',
      mutate: (doc) => {
        node(schema(doc, 'OUCreate'), 'properties').code = { type: 'string', 'x-ou-additive': true };
        schema(doc, 'OUCreate').required = ['name', 'code'];
      },
      expected: [{ where: 'schema OUCreate › code', message: 'an added field must not be required' }],
    },
    {
      title: 'a dropped `| null`',
      mutate: (doc) => (prop(doc, 'MetaResponse', 'request_id').type = 'string'),
      expected: [{ where: 'schema MetaResponse › request_id', message: 'type is string, the page says string | null' }],
    },
    {
      title: 'nullability written as anyOf is the same type, but a changed format is not',
      mutate: (doc) => {
        node(schema(doc, 'OUResponse'), 'properties').updated_at = { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] };
        prop(doc, 'OUResponse', 'created_at').format = 'date';
      },
      expected: [{ where: 'schema OUResponse › created_at', message: 'type is string (date), the page says string (date-time)' }],
    },
    {
      title: 'a changed default',
      mutate: (doc) => (prop(doc, 'OUChildInfo', 'user_count').default = 1),
      expected: [{ where: 'schema OUChildInfo › user_count', message: 'default is 1, the page says 0' }],
    },
    {
      title: 'a default the page does not have',
      mutate: (doc) => (prop(doc, 'OUTreeNode', 'children').default = []),
      expected: [{ where: 'schema OUTreeNode › children', message: 'default is [], the page says none' }],
    },
    {
      title: 'array items of another type (loc: string | integer)',
      mutate: (doc) => (prop(doc, 'ValidationError', 'loc').items = { type: 'string' }),
      expected: [{ where: 'schema ValidationError › loc', message: 'type is array of string, the page says array of (string | integer)' }],
    },
    {
      title: 'a removed schema',
      mutate: (doc) => delete node(doc, 'components', 'schemas').OUChildInfo,
      expected: [{ where: 'schema OUChildInfo', message: 'schema of the reference page is missing from components.schemas' }],
    },
    {
      title: 'an extra unmarked schema',
      mutate: (doc) => (node(doc, 'components', 'schemas').Thing = { type: 'object' }),
      expected: [{ where: 'schema Thing', message: 'schema is not on the reference page and not marked x-ou-additive' }],
    },
    {
      title: 'a parameter made required',
      mutate: (doc) => {
        const search = (node(doc, 'paths', OUS, 'get').parameters as JsonObject[]).find((p) => p.name === 'search');
        if (search) search.required = true;
      },
      expected: [{ where: `GET ${OUS} › query parameter search`, message: 'required is true, the page says false' }],
    },
    {
      title: 'a parameter of another type',
      mutate: (doc) => (node(doc, 'components', 'parameters', 'per_page', 'schema').type = 'string'),
      expected: [
        { where: `GET ${OUS} › query parameter per_page`, message: 'type is string, the page says integer' },
        { where: `GET ${USERS} › query parameter per_page`, message: 'type is string, the page says integer' },
      ],
    },
    {
      title: 'a removed parameter',
      mutate: (doc) => {
        const get = node(doc, 'paths', USERS, 'get');
        get.parameters = (get.parameters as JsonObject[]).filter((p) => p.name !== 'include_nested');
      },
      expected: [{ where: `GET ${USERS} › query parameter include_nested`, message: 'parameter is missing from the contract' }],
    },
    {
      title: 'an extra unmarked parameter',
      mutate: (doc) => (node(doc, 'paths', OU, 'get').parameters = [{ name: 'expand', in: 'query', schema: { type: 'boolean' } }]),
      expected: [{ where: `GET ${OU} › query parameter expand`, message: 'parameter is not on the reference page and not marked x-ou-additive' }],
    },
    {
      title: 'a response body of another schema',
      mutate: (doc) => (node(doc, 'paths', OUS, 'post', 'responses', '201', 'content', 'application/json').schema = { $ref: '#/components/schemas/OUResponse' }),
      expected: [{ where: `POST ${OUS} › response 201`, message: 'application/json body is OUResponse, the page says ApiResponse_OUResponse_' }],
    },
    {
      title: 'an extra unmarked response, a 204 with a body and a removed 422',
      mutate: (doc) => {
        const responses = node(doc, 'paths', OU, 'delete', 'responses');
        responses['400'] = { description: 'bad' };
        node(responses, '204').content = { 'application/json': { schema: { type: 'object' } } };
        delete responses['422'];
      },
      expected: [
        { where: `DELETE ${OU} › response 204`, message: 'has a body; the page says "Successful Response" with none' },
        { where: `DELETE ${OU} › response 422`, message: 'response is missing from the contract' },
        { where: `DELETE ${OU} › response 400`, message: 'response is not on the reference page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'an optional request body and a changed summary',
      mutate: (doc) => {
        node(doc, 'paths', OU, 'patch', 'requestBody').required = false;
        node(doc, 'paths', OU, 'patch').summary = 'Update OU';
      },
      expected: [
        { where: `PATCH ${OU}`, message: 'summary is "Update OU", the page says "Update Ou"' },
        { where: `PATCH ${OU} › request body`, message: 'required is false, the page says true' },
      ],
    },
    {
      title: 'a removed endpoint and an extra unmarked one',
      mutate: (doc) => {
        const ous = node(doc, 'paths', OUS);
        ous.put = ous.post;
        delete node(doc, 'paths')[`${OUS}/tree`];
      },
      expected: [
        { where: `GET ${OUS}/tree`, message: 'endpoint of the reference page is missing from the contract' },
        { where: `PUT ${OUS}`, message: 'operation is not on the reference page and not marked x-ou-additive' },
      ],
    },
  ])('detects $title in a mutated copy of the contract', ({ mutate, expected }) => {
    const doc = loadContract();
    mutate(doc);
    expect(compareWithContract(page, doc)).toEqual(expected);
  });
});
