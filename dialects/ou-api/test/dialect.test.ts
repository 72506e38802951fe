/**
 * The ou-api Dialect served by the generic host answers byte for byte as the OU API's own
 * pipeline did (mock/http/ou-api.ts, removed once the host served the OU API): the same
 * requests, clean and under the OU API's defect switches, give the status, the headers
 * that matter and the body recorded from that pipeline in pipeline-answers.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Defect } from '../../../mock/defects.ts';
import { tinyApp } from '../../../mock/http/test/helpers.ts';
import { ouApiDialect } from '../index.ts';
import { answers, CALLS, sameIds, type Seen } from './pipeline-calls.ts';

/** Answers of the OU API's own pipeline, by the defect switches that were on (comma-joined). */
const RECORDED = JSON.parse(readFileSync(new URL('./pipeline-answers.json', import.meta.url), 'utf8')) as Record<string, Seen[]>;

async function compare(defects: readonly Defect[]): Promise<void> {
  const recorded = RECORDED[defects.join(',')];
  if (recorded === undefined) throw new Error(`no recorded answers for defects "${defects.join(',')}"`);
  const hosted = sameIds(await answers(tinyApp({ dialects: [ouApiDialect], defects: new Set(defects) })));
  expect(hosted).toHaveLength(CALLS.length);
  for (let i = 0; i < CALLS.length; i++) {
    expect({ call: CALLS[i], ...hosted[i] }).toEqual({ call: CALLS[i], ...recorded[i] });
  }
}

describe('the ou-api dialect through the host answers as the OU API pipeline did', () => {
  it('clean: every status, header and body byte', async () => {
    await compare([]);
  });

  it.each<Defect[]>([
    ['error-detail-shape'],
    ['validation-error-shape'],
    ['no-envelope'],
    ['response-schema-break'],
    ['tree-depth-2', 'default-per-page-10', 'overlapping-pages'],
    ['stale-parent-counts', 'case-sensitive-siblings'],
    ['delete-unknown-204', 'users-unknown-ou-empty'],
    ['tenant-leak'],
    ['get-unknown-crash', 'include-nested-ignored'],
    ['ignore-scopes', 'ignore-token-tenant'],
    ['allow-cycles', 'block-ignores-users', 'create-unknown-parent-top-level'],
  ])('under defects %s', async (...defects) => {
    await compare(defects);
  });
});
