import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import parsers from '@stoplight/spectral-parsers';
import owaspExport from '@stoplight/spectral-owasp-ruleset';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CONTRACT_PATH } from '../index.ts';
import { lintContract } from '../lint.ts';
import { OU_RULE_NAMES, ouRuleset } from '../ruleset.ts';
import { openapi } from './rule-tester.ts';

// Same interop note as in ruleset.ts: the package's types describe `exports.default`.
const owasp = owaspExport as unknown as RulesetDefinition;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function codesFor(doc: Record<string, unknown>, ruleset: RulesetDefinition = ouRuleset): Promise<{ code: string; path: string }[]> {
  const spectral = new Spectral();
  spectral.setRuleset(new Ruleset(ruleset));
  const results = await spectral.run(new Document(stringify(doc), parsers.Yaml, 'test.yaml'));
  return results.map((r) => ({ code: String(r.code), path: r.path.join('.') }));
}

describe('ouRuleset', () => {
  it('builds (every rule and function option validates) and holds our rules plus spectral:oas and OWASP', () => {
    const names = Object.keys(new Ruleset(ouRuleset).rules);
    expect(names).toEqual(expect.arrayContaining([...OU_RULE_NAMES, 'operation-operationId', 'owasp:api4:2023-string-limit']));
  });

  it('applies OWASP API4 array limits to request input but not to response fields', async () => {
    const list = { type: 'array', items: { type: 'string', enum: ['a'] } };
    const doc = openapi({
      '/things': {
        post: {
          operationId: 'createThing',
          parameters: [{ name: 'q', in: 'query', schema: list }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { tags: list } } } } },
          responses: { '201': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { echo: list } } } } } },
        },
      },
    });
    const limits = (await codesFor(doc)).filter((r) => r.code === 'owasp:api4:2023-array-limit').map((r) => r.path);
    expect(limits.sort()).toEqual([
      'paths./things.post.parameters.0.schema',
      'paths./things.post.requestBody.content.application/json.schema.properties.tags',
    ]);
  });

  it('switches off the OWASP rules that do not fit the OU API (invented bounds, rate limits, refresh tokens, CORS, 500, http server)', async () => {
    const ok = { description: 'ok', headers: { 'X-Trace': { schema: { type: 'string', maxLength: 8 } } }, content: { 'application/json': { schema: { type: 'string' } } } };
    const params = [
      { name: 'q', in: 'query', schema: { type: 'string' } },
      { name: 'n', in: 'query', schema: { type: 'integer' } },
    ];
    const base = openapi({ '/things': { get: { parameters: params, responses: { '200': ok } } } });
    const oauth = { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { read: 'read' } } } };
    const doc = {
      ...base,
      servers: [{ url: 'http://127.0.0.1:4010' }],
      security: [{ oauth: [] }],
      components: { ...((base as { components?: object }).components ?? {}), securitySchemes: { oauth } },
    };
    const off = [
      'owasp:api4:2023-rate-limit',
      'owasp:api8:2023-define-cors-origin',
      'owasp:api8:2023-define-error-responses-500',
      'owasp:api8:2023-no-server-http',
      'owasp:api4:2023-string-restricted',
      'owasp:api4:2023-string-limit',
      'owasp:api4:2023-integer-limit',
      'owasp:api4:2023-integer-format',
      'owasp:api4:2023-rate-limit-responses-429',
      'owasp:api2:2023-short-lived-access-tokens',
    ];
    // Control: plain OWASP does report all of them on this document.
    const plain = new Set((await codesFor(doc, { extends: [owasp] })).map((r) => r.code));
    expect([...plain]).toEqual(expect.arrayContaining(off));
    const ours = new Set((await codesFor(doc)).map((r) => r.code));
    expect(off.filter((code) => ours.has(code))).toEqual([]);
    expect(ours).toContain('owasp:api9:2023-inventory-access');
  });

  it('the plain Spectral CLI with contracts/.spectral.mjs reports exactly what `ou-contract lint` reports', async () => {
    const cli = fileURLToPath(new URL('../../node_modules/@stoplight/spectral-cli/dist/index.js', import.meta.url));
    const run = promisify(execFile)(process.execPath, [cli, 'lint', CONTRACT_PATH, '--ruleset', 'contracts/.spectral.mjs', '-f', 'json', '-q'], { cwd: ROOT });
    // The CLI exits 1 when there are errors; its JSON is on stdout either way.
    const { stdout } = await run.catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const fromCli = (JSON.parse(stdout) as { code: string; range: { start: { line: number } } }[]).map((r) => `${r.range.start.line + 1} ${r.code}`);
    const ours = (await lintContract()).results.map((f) => `${f.line} ${f.rule}`);
    expect(fromCli.sort()).toEqual(ours.sort());
  });
});
