import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../dialect-contracts.ts';
import { compareIdWithContract } from '../drift/idaas/compare.ts';
import { loadIdPage, parseIdPage } from '../drift/idaas/page.ts';
import type { IdPage } from '../drift/idaas/page.ts';
import type { DriftIssue } from '../drift/index.ts';
import { SeedPageError, seedPagePath } from '../drift/seed-page.ts';
import type { JsonObject } from '../functions/shape.ts';
import { loadContract } from '../index.ts';
import { describeWithSeed, node } from './seed-suite.ts';

const OUS = '/v2/{instanceId}/{applicationId}/organizationalUnits';
const CREATE = `POST ${OUS}`;


const contract = (): JsonObject => loadContract(DIALECT_CONTRACT_PATHS.idaas) as unknown as JsonObject;
const createBody = (doc: JsonObject): JsonObject => node(doc, 'components', 'schemas', 'CreateOrganizationalUnitRequest');

// The seed's form, cut down.
const MINI = `Product:MakeThing

Last Updated:Sep 10, 2024

Makes a thing.

Request syntax

POST /v1/{spaceId}/things

Request parameters

ParameterTypeRequiredDescriptionExample
AuthorizationstringYes

Format: Bearer \${token}.

Bearer X
spaceIdstringYes

The space.

s1
bodyobjectNo

The body.

sizeintegerYes

The size.

Second paragraph.

3

Response parameters

ParameterTypeDescriptionExample
object

The response.

thingIdstring

The thing.

t1

Examples

JSONformat

{
  "thingId": "t1"
}
`;

describe('seed 003 page parser', () => {
  it('reads the route, the rows (location from the route, body fields after the body row), response fields and the sample', () => {
    expect(parseIdPage(MINI)).toEqual({
      operationName: 'MakeThing',
      summary: 'Makes a thing.',
      method: 'POST',
      path: '/v1/{spaceId}/things',
      parameters: [
        { name: 'Authorization', type: 'string', in: 'header', required: true, description: 'Format: Bearer ${token}.', example: 'Bearer X' },
        { name: 'spaceId', type: 'string', in: 'path', required: true, description: 'The space.', example: 's1' },
        { name: 'size', type: 'integer', in: 'body', required: true, description: 'The size. Second paragraph.', example: '3' },
      ],
      body: { required: false, description: 'The body.' },
      responseFields: [{ name: 'thingId', type: 'string', description: 'The thing.', example: 't1' }],
      sampleResponse: { thingId: 't1' },
    });
  });

  it('names the line of what it cannot read', () => {
    expect(() => parseIdPage(MINI.replace('POST /v1/{spaceId}/things', 'POST things'))).toThrow(new SeedPageError('"Request syntax" is not followed by "<METHOD> <path>"', 8));
    expect(() => parseIdPage(MINI.replace('"thingId": "t1"', '"thingId": t1'))).toThrow(/^seed page line 53: the sample response is not JSON/);
    expect(() => parseIdPage(MINI.replace('Response parameters', 'Answer'))).toThrow(SeedPageError);
  });

  it('takes the page location from OU_SEED_IDAAS when set, else the shared seeds folder', () => {
    expect(seedPagePath('idaas', { OU_SEED_IDAAS: '/tmp/page.txt' })).toBe('/tmp/page.txt');
    expect(seedPagePath('idaas', {})).toMatch(/\/shared\/seeds\/003_360af8bec5e1f50e\.txt$/);
  });
});

describeWithSeed('idaas', 'contracts/idaas.yaml vs seed 003 (drift)', (PATH) => {
  let page: IdPage;
  beforeAll(async () => {
    page = await loadIdPage(PATH);
  });

  it('parses CreateOrganizationalUnit: 3 parameters, 4 body fields, 1 response field and the sample', () => {
    expect([page.operationName, page.method, page.path]).toEqual(['CreateOrganizationalUnit', 'POST', OUS]);
    expect(page.parameters.map((p) => `${p.in} ${p.name} ${p.required}`)).toEqual([
      'header Authorization true',
      'path instanceId true',
      'path applicationId true',
      'body organizationalUnitName true',
      'body parentId true',
      'body organizationalUnitExternalId false',
      'body description false',
    ]);
    expect(page.responseFields.map((f) => f.name)).toEqual(['organizationalUnitId']);
  });

  it('has Create with every parameter, required flag, description, example and response of the page (the family marked x-ou-additive)', () => {
    expect(compareIdWithContract(page, contract())).toEqual([]);
  });

  it.each<{ title: string; mutate: (doc: JsonObject) => void; expected: DriftIssue[] }>([
    {
      title: 'parentId made optional and the external id required',
      mutate: (doc) => (createBody(doc).required = ['organizationalUnitName', 'organizationalUnitExternalId']),
      expected: [
        { where: `${CREATE} › request body › parentId`, message: 'required is false, the page says true' },
        { where: `${CREATE} › request body › organizationalUnitExternalId`, message: 'required is true, the page says false' },
      ],
    },
    {
      title: 'a renamed body field',
      mutate: (doc) => {
        const props = node(createBody(doc), 'properties');
        props.name = props.organizationalUnitName;
        delete props.organizationalUnitName;
        createBody(doc).required = ['name', 'parentId'];
      },
      expected: [
        { where: `${CREATE} › request body › organizationalUnitName`, message: 'field is missing from the contract' },
        { where: `${CREATE} › request body › name`, message: 'field is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'a retyped field with another example',
      mutate: (doc) => Object.assign(node(createBody(doc), 'properties', 'description'), { type: 'integer', examples: ['test'] }),
      expected: [
        { where: `${CREATE} › request body › description`, message: "type does not admit string, the page's type" },
        { where: `${CREATE} › request body › description`, message: 'the page\'s example "test organizational unit" is not among the contract\'s' },
      ],
    },
    {
      title: 'the body made required and the request example changed',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'post', 'requestBody').required = true;
        node(doc, 'paths', OUS, 'post', 'requestBody', 'content', 'application/json', 'examples', 'seed', 'value').parentId = 'ou_root';
      },
      expected: [
        { where: `${CREATE} › request body`, message: 'required is true, the page says false' },
        {
          where: `${CREATE} › request body`,
          message:
            'the page\'s example {"organizationalUnitName":"name001","parentId":"ou_wovwffm62xifdziem7an7xxxxx","organizationalUnitExternalId":"ou_wovwffm62xifdziem7an7xxxxx","description":"test organizational unit"} is not an example of the contract',
        },
      ],
    },
    {
      title: 'a path parameter renamed and its description changed',
      mutate: (doc) => {
        node(doc, 'components', 'parameters', 'applicationId').name = 'appId';
        node(doc, 'components', 'parameters', 'instanceId').description = 'The tenant.';
      },
      expected: [
        { where: `${CREATE} › path parameter instanceId`, message: 'description is "The tenant.", the page says "The instance ID."' },
        { where: `${CREATE} › path parameter applicationId`, message: 'parameter is missing from the contract' },
        { where: `${CREATE} › path parameter appId`, message: 'parameter is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'an anonymous alternative and an API-key scheme instead of Bearer',
      mutate: (doc) => {
        node(doc, 'components', 'securitySchemes').key = { type: 'apiKey', in: 'header', name: 'X-Key' };
        node(doc, 'paths', OUS, 'post').security = [{ key: [] }, {}];
      },
      expected: [
        { where: `${CREATE} › header parameter Authorization`, message: 'the page requires it; the contract lets the operation be called without a token' },
        { where: `${CREATE} › header parameter Authorization`, message: 'the page sends "Bearer <token>"; scheme key does not' },
      ],
    },
    {
      title: 'the response field renamed (the sample no longer fits)',
      mutate: (doc) => {
        const schema = node(doc, 'components', 'schemas', 'OrganizationalUnitIdResponse');
        schema.properties = { id: { type: 'string' } };
        schema.required = ['id'];
        node(doc, 'paths', OUS, 'post', 'responses', '200', 'content', 'application/json', 'examples', 'seed').value = { id: 'x' };
      },
      expected: [
        { where: `${CREATE} › response 200 › organizationalUnitId`, message: 'field is missing from the contract' },
        { where: `${CREATE} › response 200`, message: 'the page\'s sample {"organizationalUnitId":"ou_wovwffm62xifdziem7an7xxxxx"} is not an example of the contract' },
        { where: `${CREATE} › response 200 › sample.organizationalUnitId`, message: 'attribute of the page is missing from the contract' },
        { where: `${CREATE} › response 200 › id`, message: 'property is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'another operationId, and a family operation no longer marked additive',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'post').operationId = 'CreateOu';
        delete node(doc, 'paths', OUS, 'get')['x-ou-additive'];
      },
      expected: [
        { where: CREATE, message: 'operationId is "CreateOu", the page says CreateOrganizationalUnit' },
        { where: `GET ${OUS}`, message: 'operation is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'an unmarked response field',
      mutate: (doc) => (node(doc, 'components', 'schemas', 'OrganizationalUnitIdResponse', 'properties').requestId = { type: 'string' }),
      expected: [{ where: `${CREATE} › response 200 › requestId`, message: 'property is not on the seed page and not marked x-ou-additive' }],
    },
    {
      title: 'Create removed',
      mutate: (doc) => delete node(doc, 'paths', OUS).post,
      expected: [{ where: CREATE, message: 'operation CreateOrganizationalUnit of the seed page is missing from the contract' }],
    },
  ])('detects $title in a mutated copy of the contract', ({ mutate, expected }) => {
    const doc = contract();
    mutate(doc);
    expect(compareIdWithContract(page, doc)).toEqual(expected);
  });
});
