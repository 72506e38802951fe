/**
 * V2-L4's tie-break by org_unit_id against a server that breaks ties of equal names by creation
 * order instead, when the ids of the check's first equal names come in creation order (four
 * random ids do 1 time in 24): the check makes more until one id is out of that order.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSuite } from '../../../suites/index.ts';
import { mockSetup } from '../../../suites/test/target.ts';
import { around } from './around.ts';
import type { Rewrites } from './around.ts';

/** How many ids of each mock count up (in creation order); the ones after start again from below. */
const ASCENDING = 30;

vi.mock('../../../mock/writes.ts', async (importOriginal) =>
  (await import('../../../test/id-order.ts')).withIds(await importOriginal(), (n) => `${(n <= ASCENDING ? n.toString(16) : '0').padStart(8, '0')}-abcd-4ef0-8abc-${n.toString(16).padStart(12, '0')}`),
);

const RULE = 'V2-L4';

type Unit = { org_unit_id: string; name: string };

/** A server ordering equal names by when they were made (the 201s it answered), not by id; and what it made, by name. */
function tiesByCreation(): { rewrites: Rewrites; made: Map<string, string> } {
  const rank = new Map<string, number>();
  const made = new Map<string, string>();
  const rewrites: Rewrites = {
    response: ({ request, status, headers, json }) => {
      const path = request.url.pathname;
      if (path === '/v2/org-unit/create' && status === 201) {
        const unit = json as Unit;
        rank.set(unit.org_unit_id, rank.size);
        made.set(unit.name, unit.org_unit_id);
      }
      const sort = (request.json as { sort?: unknown } | undefined)?.sort ?? 'name';
      if (path !== '/v2/org-unit/index' || (sort !== 'name' && sort !== '-name') || !Array.isArray(json)) return { headers, json };
      const sign = sort === 'name' ? 1 : -1;
      const key = (u: Unit): string => u.name.toLowerCase();
      const order = [...(json as Unit[])].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || (rank.get(a.org_unit_id) ?? 0) - (rank.get(b.org_unit_id) ?? 0));
      return { headers, json: order };
    },
  };
  return { rewrites, made };
}

describe(`orgunit-v2 ${RULE} with ids counting up for the first ${ASCENDING} units`, () => {
  it('the correct mock passes', async () => {
    const { config } = await mockSetup(undefined, { dialect: 'orgunit-v2', rules: [RULE] });
    const report = await runSuite(config);
    expect(report.checks.filter((c) => c.status === 'failed').map((c) => `${c.check}: ${c.message}`)).toEqual([]);
  });

  it('a server breaking ties of equal names by creation order fails v2.index.sort', async () => {
    const { app, config } = await mockSetup(undefined, { dialect: 'orgunit-v2', rules: [RULE] });
    const broken = tiesByCreation();
    const report = await runSuite({ ...config, app: around(app.handle, broken.rewrites) });
    // The case that fooled the check: its first four equal names got ids in creation order.
    const first = [...broken.made].filter(([name]) => /^twin .* [0-3]$/.test(name)).map(([, id]) => id);
    expect(first).toHaveLength(4);
    expect(first).toEqual([...first].sort());
    const sort = report.checks.find((c) => c.check === 'v2.index.sort');
    expect(sort?.status).toBe('failed');
    expect(sort?.message).toMatch(/names equal lower-cased in ascending org_unit_id/);
  });
});
