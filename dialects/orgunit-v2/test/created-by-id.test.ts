/**
 * V2-L4's created_at sort against a server that sorts by org_unit_id instead, when the ids of the
 * check's first units come in creation order (as five random ids do 1 time in 120): the check
 * makes units until one id is below an earlier one's, and the server fails.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';
import { around } from './around.ts';
import type { Rewrites } from './around.ts';

/** How many ids of each mock count up (in creation order); the ones after start again from below. */
const ASCENDING = 16;

vi.mock('../../../mock/writes.ts', async (importOriginal) =>
  (await import('../../../test/id-order.ts')).withIds(await importOriginal(), (n) => `${(n <= ASCENDING ? n.toString(16) : '0').padStart(8, '0')}-abcd-4ef0-8abc-${n.toString(16).padStart(12, '0')}`),
);

const RULE = 'V2-L4';

/** Every index page sorted by created_at answered in org_unit_id order instead (`-` still reverses). */
const SORTED_BY_ID: Rewrites = {
  response: ({ request, headers, json }) => {
    const sort = (request.json as { sort?: unknown } | undefined)?.sort;
    if (!request.url.pathname.startsWith('/v2/org-unit/index') || (sort !== 'created_at' && sort !== '-created_at') || !Array.isArray(json)) return { headers, json };
    const byId = [...(json as Array<{ org_unit_id: string }>)].sort((a, b) => (a.org_unit_id < b.org_unit_id ? -1 : 1));
    return { headers, json: sort === 'created_at' ? byId : byId.reverse() };
  },
};

async function verify(rewrites?: Rewrites) {
  const { app, config } = await mockSetup(undefined, { dialect: 'orgunit-v2', rules: [RULE] });
  return runSuite({ ...config, app: rewrites === undefined ? app.handle : around(app.handle, rewrites) });
}

describe(`orgunit-v2 ${RULE} with ids counting up for the first ${ASCENDING} units`, () => {
  it('the mock hands out these ids', async () => {
    const { app } = await mockSetup(undefined, { dialect: 'orgunit-v2' });
    expect(app.directory.tenant('acme').createUnit({ name: 'probe' }).id).toMatch(/^[0-9a-f]{8}-abcd-4ef0-8abc-[0-9a-f]{12}$/);
  });

  it('the correct mock passes', async () => {
    const report = await verify();
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
  });

  it('a server sorting created_at by org_unit_id fails v2.index.sort', async () => {
    const report = await verify(SORTED_BY_ID);
    const sort = report.checks.find((c) => c.check === 'v2.index.sort');
    expect(sort?.status).toBe('failed');
    expect(sort?.message).toMatch(/sort=created_at oldest first/);
  });
});
