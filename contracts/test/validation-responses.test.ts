import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ouRuleset } from '../ruleset.ts';
import { openapi } from './rule-tester.ts';

const RULE = 'owasp:api8:2023-define-error-validation';

async function hits(doc: Record<string, unknown>): Promise<string[]> {
  const spectral = new Spectral();
  spectral.setRuleset(new Ruleset(ouRuleset as RulesetDefinition));
  const results = await spectral.run(new Document(stringify(doc), parsers.Yaml, 'test.yaml'));
  return results.filter((r) => r.code === RULE).map((r) => r.path.join('.'));
}

const ok = { '200': { description: 'ok' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const q = { name: 'q', in: 'query', schema: { type: 'string' } };

describe(`${RULE} (narrowed to operations with input to validate)`, () => {
  it('fires on a query parameter, a path-level query parameter or a body without 400/422/4XX', async () => {
    const doc = openapi({
      '/a': { get: { operationId: 'a', parameters: [q], responses: ok } },
      '/b': { parameters: [q], get: { operationId: 'b', responses: ok } },
      '/c': { post: { operationId: 'c', requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } },
    });
    expect(await hits(doc)).toEqual(['paths./a.get.responses', 'paths./b.get.responses', 'paths./c.post.responses']);
  });

  it('is quiet on a path-only read, and where a 400, 422 or 4XX is documented', async () => {
    const bad = { description: 'bad', content: { 'application/json': { schema: { type: 'object' } } } };
    const doc = openapi({
      '/view/{id}': { get: { operationId: 'view', parameters: [id], responses: ok } },
      '/a': { get: { operationId: 'a', parameters: [q], responses: { ...ok, '422': bad } } },
      '/b': { get: { operationId: 'b', parameters: [q], responses: { ...ok, '4XX': bad } } },
      '/c': { get: { operationId: 'c', parameters: [q], responses: { ...ok, '400': bad } } },
    });
    expect(await hits(doc)).toEqual([]);
  });
});
