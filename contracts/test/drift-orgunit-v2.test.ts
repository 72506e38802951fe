import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../dialect-contracts.ts';
import type { DriftIssue } from '../drift/index.ts';
import { compareV2WithContract } from '../drift/orgunit-v2/compare.ts';
import { loadV2Page, parseV2Page } from '../drift/orgunit-v2/page.ts';
import type { V2Page } from '../drift/orgunit-v2/page.ts';
import { SeedPageError } from '../drift/seed-page.ts';
import type { JsonObject } from '../functions/shape.ts';
import { loadContract } from '../index.ts';
import { describeWithSeed, node } from './seed-suite.ts';

const INDEX = '/v2/org-unit/index';
const VIEW = '/v2/org-unit/view/{id}';
const DELETE = '/v2/org-unit/delete/{id}';


const contract = (): JsonObject => loadContract(DIALECT_CONTRACT_PATHS['orgunit-v2']) as unknown as JsonObject;

// The seed's form; headers belong to the response above them (the page renders them after its last response).
const MINI = `Things
- Version
- 1.0.0
Operations
Section titled “Operations” GET /things/view/{id}
Retrieve a thing.
Path Parameters
Section titled “Path Parameters ”ID of the thing
Query Parameters
Section titled “Query Parameters ”Expand the thing
Responses
Section titled “ Responses ”Thing not found
Thing found
object
Example
{ "id": "a", "n": 1}
Headers
Section titled “Headers ”Current page
remove
Section titled “remove” DELETE /things/{id}
Request Body required
Section titled “Request Body required ”Why
Example
{ "reason": "old"}
Responses
Section titled “ Responses ”Removed`;

describe('seed 004 page parser', () => {
  it('reads operations, parameter descriptions, bodies, responses with examples and headers', () => {
    expect(parseV2Page(MINI)).toEqual({
      title: 'Things',
      version: '1.0.0',
      operations: [
        {
          method: 'GET',
          path: '/things/view/{id}',
          description: 'Retrieve a thing.',
          pathParameters: ['ID of the thing'],
          queryParameters: ['Expand the thing'],
          responses: [
            { description: 'Thing not found', headers: [] },
            { description: 'Thing found', example: { id: 'a', n: 1 }, headers: ['Current page'] },
          ],
        },
        {
          method: 'DELETE',
          path: '/things/{id}',
          description: '',
          pathParameters: [],
          queryParameters: [],
          requestBody: { required: true, description: 'Why', example: { reason: 'old' } },
          responses: [{ description: 'Removed', headers: [] }],
        },
      ],
    });
  });

  it('names the line of an example that is not JSON', () => {
    expect(() => parseV2Page(MINI.replace('{ "reason": "old"}', '{ reason: old}'))).toThrow(SeedPageError);
    expect(() => parseV2Page(MINI.replace('{ "reason": "old"}', '{ reason: old}'))).toThrow(/^seed page line 24: example is not JSON/);
  });
});

describeWithSeed('orgunit-v2', 'contracts/orgunit-v2.yaml vs seed 004 (drift)', (PATH) => {
  let page: V2Page;
  beforeAll(async () => {
    page = await loadV2Page(PATH);
  });

  it('parses the five operations of the page with their responses and examples', () => {
    expect(page.operations.map((o) => `${o.method} ${o.path}`)).toEqual([`POST ${INDEX}`, `GET ${VIEW}`, 'POST /v2/org-unit/create', 'PUT /v2/org-unit/update/{id}', `DELETE ${DELETE}`]);
    expect(page.operations.map((o) => o.responses.length)).toEqual([1, 2, 1, 2, 2]);
    expect(page.operations[0]?.responses[0]?.headers).toHaveLength(4);
  });

  it('has every operation, parameter, body, response, header and example of the page (additions marked x-ou-additive)', () => {
    expect(compareV2WithContract(page, contract())).toEqual([]);
  });

  it.each<{ title: string; mutate: (doc: JsonObject) => void; expected: DriftIssue[] }>([
    {
      title: 'a removed operation and an extra unmarked one',
      mutate: (doc) => {
        const paths = node(doc, 'paths');
        node(paths, VIEW).post = node(paths, VIEW).get;
        delete paths['/v2/org-unit/create'];
      },
      expected: [
        { where: 'POST /v2/org-unit/create', message: 'operation of the seed page is missing from the contract' },
        { where: `POST ${VIEW}`, message: 'operation is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'a method changed',
      mutate: (doc) => {
        const item = node(doc, 'paths', '/v2/org-unit/update/{id}');
        item.patch = item.put;
        delete item.put;
      },
      expected: [
        { where: 'PUT /v2/org-unit/update/{id}', message: 'operation of the seed page is missing from the contract' },
        { where: 'PATCH /v2/org-unit/update/{id}', message: 'operation is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'the force parameter removed, and a required unmarked one added',
      mutate: (doc) => {
        const del = node(doc, 'paths', DELETE, 'delete');
        del.parameters = [(del.parameters as JsonObject[])[0], { name: 'cascade', in: 'query', required: true, schema: { type: 'boolean' } }];
      },
      expected: [
        { where: `DELETE ${DELETE} › query parameter "Force the deletion of the entity and all related entities"`, message: 'no query parameter of the contract has this description' },
        { where: `DELETE ${DELETE} › query parameter cascade`, message: 'parameter is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'force made required',
      mutate: (doc) => ((node(doc, 'paths', DELETE, 'delete').parameters as JsonObject[])[1]!.required = true),
      expected: [{ where: `DELETE ${DELETE} › query parameter "Force the deletion of the entity and all related entities"`, message: 'force is required; the page does not say so' }],
    },
    {
      title: 'a path parameter renamed',
      mutate: (doc) => ((node(doc, 'paths', VIEW, 'get').parameters as JsonObject[])[0]!.name = 'ou_id'),
      expected: [
        { where: `GET ${VIEW} › path parameter id`, message: 'parameter is missing from the contract' },
        { where: `GET ${VIEW} › path parameter ou_id`, message: 'parameter is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'an optional create body',
      mutate: (doc) => (node(doc, 'paths', '/v2/org-unit/create', 'post', 'requestBody').required = false),
      expected: [{ where: 'POST /v2/org-unit/create › request body', message: 'required is false, the page says true' }],
    },
    {
      title: 'a changed request example and a field the page sends dropped from the schema',
      mutate: (doc) => {
        node(doc, 'paths', INDEX, 'post', 'requestBody', 'content', 'application/json', 'examples', 'seed').value = { page: 1 };
        delete node(doc, 'components', 'schemas', 'OrgUnitIndexRequest', 'properties')['per-page'];
      },
      expected: [
        {
          where: `POST ${INDEX} › request body`,
          message: 'the page\'s example {"filter":{"name":"HR","code":"ORG-001"},"per-page":20,"page":1,"sort":"name"} is not an example of the contract',
        },
        { where: `POST ${INDEX} › request body › example.per-page`, message: 'attribute of the page is missing from the contract' },
      ],
    },
    {
      title: 'a renamed OrgUnit field (the page\'s examples still send the old name)',
      mutate: (doc) => {
        const props = node(doc, 'components', 'schemas', 'OrgUnitFields', 'properties');
        props.parent_id = props.parent_org_unit_id;
        delete props.parent_org_unit_id;
      },
      expected: [
        ...['POST /v2/org-unit/index › response "List of org units"', 'GET /v2/org-unit/view/{id} › response "Org unit found"', 'POST /v2/org-unit/create › response "Org unit created successfully"'].map((at) => ({
          where: `${at} › example.parent_org_unit_id`,
          message: 'attribute of the page is missing from the contract',
        })),
        { where: `POST ${INDEX} › response "List of org units" › example › parent_id`, message: 'property is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'code no longer nullable-or-string but integer',
      mutate: (doc) => (node(doc, 'components', 'schemas', 'OrgUnitFields', 'properties', 'code').type = ['integer', 'null']),
      expected: ['POST /v2/org-unit/index › response "List of org units"', 'GET /v2/org-unit/view/{id} › response "Org unit found"', 'POST /v2/org-unit/create › response "Org unit created successfully"'].map((at) => ({
        where: `${at} › example.code`,
        message: "the page's value is string, the contract does not admit it",
      })),
    },
    {
      title: 'a pagination header dropped and an unmarked one added',
      mutate: (doc) => {
        const headers = node(doc, 'paths', INDEX, 'post', 'responses', '200', 'headers');
        delete headers['X-Pagination-Page-Count'];
        headers['X-Total'] = { description: 'Total', schema: { type: 'integer' } };
      },
      expected: [
        { where: `POST ${INDEX} › response "List of org units" › header "Total number of pages"`, message: 'no header of the response has this description' },
        { where: `POST ${INDEX} › response "List of org units" › header X-Total`, message: 'header is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'the 409 preview response lost, and an unmarked 418 added',
      mutate: (doc) => {
        const responses = node(doc, 'paths', DELETE, 'delete', 'responses');
        delete responses['409'];
        responses['418'] = { description: 'teapot' };
      },
      expected: [
        {
          where: `DELETE ${DELETE} › response "If force=false, the operation is interrupted and the list of connected entities that will be deleted in case of confirmation (force=true) is returned"`,
          message: 'no response of the contract has this description',
        },
        { where: `DELETE ${DELETE} › response 418`, message: 'response is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'an unmarked OrgUnit field and an update field no longer marked',
      mutate: (doc) => {
        node(doc, 'components', 'schemas', 'OrgUnitFields', 'properties').created_at = { type: 'string' };
        delete node(doc, 'components', 'schemas', 'OrgUnitUpdate', 'properties', 'code')['x-ou-additive'];
      },
      expected: [
        { where: `POST ${INDEX} › response "List of org units" › example › created_at`, message: 'property is not on the seed page and not marked x-ou-additive' },
        { where: 'PUT /v2/org-unit/update/{id} › request body › example › code', message: 'property is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'a changed version',
      mutate: (doc) => (node(doc, 'info').version = '2.1.0'),
      expected: [{ where: 'info.version', message: 'is "2.1.0", the page says "2.0.0"' }],
    },
  ])('detects $title in a mutated copy of the contract', ({ mutate, expected }) => {
    const doc = contract();
    mutate(doc);
    expect(compareV2WithContract(page, doc)).toEqual(expected);
  });
});
