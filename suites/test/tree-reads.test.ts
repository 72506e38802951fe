/**
 * tree.matches_list reads the whole tenant's tree while other checks, and other runs on the
 * tenant, move their OUs: a unit caught mid-move may show twice in a tree built without a
 * snapshot. Its verdict counts only the OUs no one else changes (its own, the run root), so it
 * does not hang on that timing, and still fails a tree that repeats one of them.
 */
import { describe, expect, it } from 'vitest';
import { around } from '../../dialects/orgunit-v2/test/around.ts';
import { isRecord } from '../contract-model.ts';
import { CHECKS, runSuite } from '../index.ts';
import { mockSetup } from './target.ts';

const CHECK = CHECKS.filter((c) => c.id === 'tree.matches_list');

/** The mock whose tree answers repeat, at the top level, the first top-level OU that `pick` takes (searched at every depth). */
async function repeating(pick: (node: Record<string, unknown>) => boolean) {
  const { app, config } = await mockSetup();
  const find = (nodes: unknown): Record<string, unknown> | undefined => {
    if (!Array.isArray(nodes)) return undefined;
    for (const n of nodes) {
      if (!isRecord(n)) continue;
      if (pick(n)) return n;
      const deeper = find(n['children']);
      if (deeper !== undefined) return deeper;
    }
    return undefined;
  };
  const handle = around(app.handle, {
    response: ({ request, status, headers, json }) => {
      if (request.method !== 'GET' || status !== 200 || !/\/ous\/tree$/.test(request.url.pathname) || !isRecord(json) || !Array.isArray(json['data'])) return { headers, json };
      const twice = find(json['data']);
      return { headers, json: twice === undefined ? json : { ...json, data: [...json['data'], twice] } };
    },
  });
  return { ...config, app: handle };
}

describe('tree.matches_list and OUs it does not own', () => {
  it('passes when an OU of the seed data (another writer\'s) shows twice', async () => {
    const report = await runSuite(await repeating((n) => typeof n['name'] === 'string' && !String(n['name']).startsWith('ouc-') && n['id'] !== undefined), {}, CHECK);
    expect(report.checks.map((c) => [c.check, c.status, c.message])).toEqual([['tree.matches_list', 'passed', expect.any(String)]]);
  });

  it('fails when one of its own OUs shows twice', async () => {
    const report = await runSuite(await repeating((n) => n['name'] === 'n000'), {}, CHECK);
    expect(report.checks[0]?.status).toBe('failed');
    expect(report.checks[0]?.message).toMatch(/every OU appears once in the tree; repeated/);
  });
});
