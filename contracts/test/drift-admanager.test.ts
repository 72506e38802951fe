import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECT_CONTRACT_PATHS } from '../dialect-contracts.ts';
import { compareAdWithContract } from '../drift/admanager/compare.ts';
import { loadAdPage, parseAdPage } from '../drift/admanager/page.ts';
import type { AdPage } from '../drift/admanager/page.ts';
import type { DriftIssue } from '../drift/index.ts';
import { SeedPageError } from '../drift/seed-page.ts';
import type { JsonObject } from '../functions/shape.ts';
import { loadContract } from '../index.ts';
import { describeWithSeed, node } from './seed-suite.ts';

const OUS = '/api/v2/organizational_units';


const contract = (): JsonObject => loadContract(DIALECT_CONTRACT_PATHS.admanager) as unknown as JsonObject;
const params = (doc: JsonObject, method: string): JsonObject[] => node(doc, 'paths', OUS, method).parameters as JsonObject[];

// The seed's form, cut down: title, "This endpoint", entries, curl, body and response examples.
const MINI = `Things API

Update things

This endpoint updates things.

Arguments

data
object
Data.
Show Sub-Attributes arrow
size
integer
The size.

Query Parameters

domain
string
(Required)
The domain.
eg: d.com

Headers

X-Module
string
The module.

Request Example

Click to copy
curl --request PATCH \\ --url 'http://host:8080/api/things?domain=d.com' \\ --header 'X-Module: M' \\ --data '{"data":{"size":2}}'

Body Parameters

Click to copy
{ "data": { "size": 2 } }

Response Example

{ "ok": true }
{ "code": "1" }
`;

describe('seed 002 page parser', () => {
  it('reads the title, the curl request, entries (nested arguments, required), body and response examples', () => {
    expect(parseAdPage(MINI)).toEqual({
      operations: [
        {
          title: 'Update things',
          request: { method: 'PATCH', path: '/api/things', query: { domain: 'd.com' }, headers: { 'X-Module': 'M' }, body: { data: { size: 2 } } },
          query: [{ path: ['domain'], type: 'string', required: true, description: 'The domain. eg: d.com' }],
          headers: [{ path: ['X-Module'], type: 'string', required: false, description: 'The module.' }],
          arguments: [
            { path: ['data'], type: 'object', required: false, description: 'Data.' },
            { path: ['data', 'size'], type: 'integer', required: false, description: 'The size.' },
          ],
          bodyExample: { data: { size: 2 } },
          responseExamples: [{ ok: true }, { code: '1' }],
        },
      ],
    });
  });

  it('names the line of what it cannot read', () => {
    expect(() => parseAdPage(MINI.replace('{ "ok": true }', '{ ok }'))).toThrow(/^seed page line 43: example is not JSON/);
    expect(() => parseAdPage(MINI.replace('curl --request PATCH', 'wget --method PATCH'))).toThrow(new SeedPageError('operation "Update things" has no curl example', 3));
    expect(() => parseAdPage(MINI.replace('data\nobject', 'data\nthing'))).toThrow(SeedPageError);
  });
});

describeWithSeed('admanager', 'contracts/admanager.yaml vs seed 002 (drift)', (PATH) => {
  let page: AdPage;
  beforeAll(async () => {
    page = await loadAdPage(PATH);
  });

  it('parses both operations with their parameters, headers, arguments and examples', () => {
    expect(page.operations.map((o) => [o.title, o.request.method, o.request.path, o.query.length, o.headers.length, o.arguments.length, o.responseExamples.length])).toEqual([
      ['List AD OUs', 'GET', OUS, 7, 3, 0, 4],
      ['Update AD OUs', 'PATCH', OUS, 6, 2, 13, 4],
    ]);
  });

  it('has every operation, parameter, header, argument and example of the page (additions marked x-ou-additive)', () => {
    expect(compareAdWithContract(page, contract())).toEqual([]);
  });

  it.each<{ title: string; mutate: (doc: JsonObject) => void; expected: DriftIssue[] }>([
    {
      title: 'domains made optional and refresh retyped',
      mutate: (doc) => {
        params(doc, 'get')[2]!.required = false;
        node(doc, 'components', 'parameters', 'refresh', 'schema').type = 'string';
      },
      expected: [
        { where: `GET ${OUS} › query parameter domains`, message: 'required is false, the page says true' },
        { where: `GET ${OUS} › query parameter refresh`, message: "type does not admit boolean, the page's type" },
        { where: `PATCH ${OUS} › query parameter refresh`, message: "type does not admit boolean, the page's type" },
      ],
    },
    {
      title: 'a removed query parameter (the one the curl example sends)',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'patch').parameters = params(doc, 'patch').filter((p) => p.name !== 'domain');
      },
      expected: [
        { where: `PATCH ${OUS} › query parameter domain`, message: 'parameter is missing from the contract' },
        { where: `PATCH ${OUS} › the page's curl example`, message: 'sends query parameter domain, which the contract lacks' },
      ],
    },
    {
      title: 'a removed header and an unmarked extra one',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'get').parameters = [...params(doc, 'get').filter((p) => p.name !== 'X-Date-Time-Format'), { name: 'X-Tenant', in: 'header', schema: { type: 'string' } }];
      },
      expected: [
        { where: `GET ${OUS} › header parameter X-Date-Time-Format`, message: 'parameter is missing from the contract' },
        { where: `GET ${OUS} › header parameter X-Tenant`, message: 'parameter is not on the seed page and not marked x-ou-additive' },
        { where: `GET ${OUS} › the page's curl example`, message: 'sends header X-Date-Time-Format: SOME_STRING_VALUE, which the contract does not describe' },
      ],
    },
    {
      title: 'the raw Authorization token no longer modelled (Bearer only)',
      mutate: (doc) => {
        doc.security = [{ adBearer: [] }];
        node(doc, 'paths', OUS, 'patch').security = [{ adBearer: [] }];
      },
      expected: ['GET', 'PATCH'].map((m) => ({ where: `${m} ${OUS} › the page's curl example`, message: 'sends header Authorization: REPLACE_KEY_VALUE, which the contract does not describe' })),
    },
    {
      title: 'a removed argument and a retyped one',
      mutate: (doc) => {
        const attrs = node(doc, 'components', 'schemas', 'AdOuAttributes', 'properties');
        delete attrs.l;
        node(attrs, 'preventDeletion').type = 'string';
      },
      expected: [
        { where: `PATCH ${OUS} › body argument data.attributes.l`, message: 'argument is missing from the contract' },
        { where: `PATCH ${OUS} › body argument data.attributes.preventDeletion`, message: "type does not admit boolean, the page's type" },
      ],
    },
    {
      title: 'an argument made required',
      mutate: (doc) => (node(doc, 'components', 'schemas', 'AdOuAttributes').required = ['name']),
      expected: [{ where: `PATCH ${OUS} › body argument data.attributes.name`, message: 'required is true, the page says false' }],
    },
    {
      title: 'the page\'s body example changed and the extension attributes dropped',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'patch', 'requestBody', 'content', 'application/json', 'examples', 'seed', 'value', 'data', 'attributes').co = 'France';
        delete node(doc, 'components', 'schemas', 'AdOuAttributes').patternProperties;
      },
      expected: [
        { where: `PATCH ${OUS} › the page's curl example`, message: expect.stringMatching(/^body \{"data".* is not an example of the contract$/) as unknown as string },
        { where: `PATCH ${OUS} › the page's curl example › body.data.attributes.extensionAttribute1`, message: 'attribute of the page is missing from the contract' },
        { where: `PATCH ${OUS} › the page's body example`, message: expect.stringMatching(/^body \{"data".* is not an example of the contract$/) as unknown as string },
        { where: `PATCH ${OUS} › the page's body example › body.data.attributes.extensionAttribute1`, message: 'attribute of the page is missing from the contract' },
      ],
    },
    {
      title: 'a column of the page removed from the OU object',
      mutate: (doc) => delete node(doc, 'components', 'schemas', 'AdOu', 'properties').STATE_PROVINCE,
      expected: [{ where: `GET ${OUS} › response example 1 (200).data[].STATE_PROVINCE`, message: 'attribute of the page is missing from the contract' }],
    },
    {
      title: 'an error example of the page lost, and the result status retyped',
      mutate: (doc) => {
        node(doc, 'components', 'schemas', 'AdError').examples = [];
        delete node(doc, 'components', 'responses', 'Unauthorized', 'content', 'application/json', 'examples').seed;
        node(doc, 'components', 'schemas', 'AdOuUpdateItem', 'properties', 'status', 'properties', 'status_code').type = 'string';
      },
      expected: [
        { where: `GET ${OUS} › response example 3`, message: '{"code":"00000101","detail":"The given Authtoken is invalid.","title":"Unauthorized."} is not an example of any response of the contract' },
        { where: `GET ${OUS} › response example 4`, message: '{"code":"00000000","detail":"An internal server error occurred.","title":"Internal Server Error."} is not an example of any response of the contract' },
        { where: `PATCH ${OUS} › response example 1 (200).data[].status.status_code`, message: "the page's value is integer, the contract does not admit it" },
        { where: `PATCH ${OUS} › response example 3`, message: '{"code":"00000101","detail":"The given Authtoken is invalid.","title":"Unauthorized."} is not an example of any response of the contract' },
        { where: `PATCH ${OUS} › response example 4`, message: '{"code":"00000000","detail":"An internal server error occurred.","title":"Internal Server Error."} is not an example of any response of the contract' },
      ],
    },
    {
      title: 'an unmarked column and an unmarked attribute',
      mutate: (doc) => {
        node(doc, 'components', 'schemas', 'AdOu', 'properties').OU_PATH = { type: 'string' };
        node(doc, 'components', 'schemas', 'AdOuAttributes', 'properties').city = { type: 'string' };
      },
      expected: [
        { where: `GET ${OUS} › response example 1 (200).data[] › OU_PATH`, message: 'property is not on the seed page and not marked x-ou-additive' },
        { where: `PATCH ${OUS} › the page's curl example › body.data.attributes › city`, message: 'property is not on the seed page and not marked x-ou-additive' },
      ],
    },
    {
      title: 'a renamed summary, and an unmarked extra operation',
      mutate: (doc) => {
        node(doc, 'paths', OUS, 'get').summary = 'List OUs';
        node(doc, 'paths', OUS).delete = { responses: {} };
      },
      expected: [
        { where: `GET ${OUS}`, message: 'summary is "List OUs", the page says "List AD OUs"' },
        { where: `DELETE ${OUS}`, message: 'operation is not on the seed page and not marked x-ou-additive' },
      ],
    },
  ])('detects $title in a mutated copy of the contract', ({ mutate, expected }) => {
    const doc = contract();
    mutate(doc);
    expect(compareAdWithContract(page, doc)).toEqual(expected);
  });
});
