/**
 * OU-L4 makes the list order a MUST only as "stable and total"; lower-cased path order is its
 * SHOULD. A server whose lists come in id order is certified at core: model.differential used to
 * fail it (a page in another order than the model's counted under OU-L4, at core) as soon as a
 * random sequence listed two OUs on one page, so its verdict hung on the sequences drawn.
 */
import { describe, expect, it } from 'vitest';
import { around } from '../../../dialects/orgunit-v2/test/around.ts';
import { listItem } from '../../../dialects/ou-api/views.ts';
import type { UnitQuery } from '../../../mock/core/index.ts';
import { isRecord } from '../../contract-model.ts';
import { CHECKS, runSuite } from '../../index.ts';
import type { TargetConfig } from '../../config.ts';
import { mockSetup } from '../../test/target.ts';

/** The mock with every OU list ordered by id (plain string order): same matches and totals, another stable total order. */
async function idOrderedLists(overrides: Partial<TargetConfig>): Promise<TargetConfig> {
  const { app, config } = await mockSetup(undefined, overrides);
  const handle = around(app.handle, {
    response: ({ request, status, headers, json }) => {
      const list = /^\/api\/v1\/tenants\/([^/]+)\/ous$/.exec(request.url.pathname);
      if (request.method !== 'GET' || status !== 200 || list === null || !isRecord(json)) return { headers, json };
      const q = request.url.searchParams;
      const page = Number(q.get('page') ?? 1);
      const perPage = Number(q.get('per_page') ?? 20);
      const search = q.get('search') ?? '';
      const where: NonNullable<UnitQuery['where']> = {
        ...(q.has('parent_id') ? { parentId: q.get('parent_id') } : {}),
        ...(search !== '' ? { nameContains: search } : {}),
      };
      const units = app.directory.tenant(decodeURIComponent(list[1] as string));
      const { items } = units.queryUnits({ where, orderBy: [{ key: 'id' }], window: { offset: (page - 1) * perPage, limit: perPage } });
      return { headers, json: { ...json, data: items.map(listItem) } };
    },
  });
  return { ...config, app: handle };
}

describe('a server whose OU lists come in id order', () => {
  it.each([1, 2, 3])('passes model.differential (seed %i)', async (seed) => {
    const report = await runSuite(await idOrderedLists({ seed, differential: { budget: 1500 } }), {}, CHECKS.filter((c) => c.id === 'model.differential'));
    const result = report.checks.find((c) => c.check === 'model.differential');
    expect(result?.status, result?.message).toBe('passed');
  }, 120_000);

  it('is certified at core; only the SHOULD of the order (pagination.order, profile) fails', async () => {
    const report = await runSuite(await idOrderedLists({ differential: { budget: 300 } }));
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => c.check)).toEqual(['pagination.order']);
    expect(report.verdict.core).toBe('passed');
  }, 120_000);
});
