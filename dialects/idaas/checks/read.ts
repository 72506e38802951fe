/** GetOrganizationalUnit (ID-G1) and ListOrganizationalUnits (ID-L1). */
import type { Check } from '../../../suites/check.ts';
import { fieldsOf, fixture, idaas, recordOf, sandbox } from './support.ts';

const getCheck: Check = {
  id: 'idaas.get',
  title: 'Get answers 200 with the OrganizationalUnit (the root included, without parentId), 404 for an unknown id',
  rules: ['ID-G1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const id = await fixture(ctx, parent, 'Readable', { description: 'to be read' });
    const ex = await d.getRaw(id);
    ctx.requireStatus(ex, 200, 'GET of a unit');
    const unit = fieldsOf(ex) ?? {};
    ctx.expect(!ex.issues.some((i) => i.kind === 'schema'), 'the unit is an OrganizationalUnit of the contract', ex);
    ctx.expect(
      unit['organizationalUnitId'] === id && unit['organizationalUnitName'] === 'Readable' && unit['parentId'] === parent && unit['description'] === 'to be read' && unit['instanceId'] === d.tenantId,
      'GET shows the unit\'s id, name, parent, description and instance',
      ex,
    );
    ctx.expect(Number.isSafeInteger(unit['createTime']) && Number.isSafeInteger(unit['updateTime']), 'createTime and updateTime are Unix milliseconds (integers)', ex);
    const root = await d.getRaw(d.topParent);
    if (ctx.expectStatus(root, 200, `GET of the root ${d.topParent}`)) {
      const r = fieldsOf(root) ?? {};
      ctx.expect(r['organizationalUnitId'] === d.topParent && !('parentId' in r), 'the root is shown with its id and without parentId', root);
    }
    ctx.expectStatus(await d.getRaw(`${id}-unknown`), 404, 'GET of an unknown id');
  },
};

/** Names whose lower-cased order differs from their order as written. */
const NAMES = [
  'alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf', 'Hotel', 'india', 'Juliett', 'kilo',
  'Lima', 'mike', 'November', 'oscar', 'Papa', 'quebec', 'Romeo', 'sierra', 'Tango', 'uniform', 'Victor',
];
const byLowerName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

const listCheck: Check = {
  id: 'idaas.list',
  title: 'List pages through the direct children by lower-cased name (pageSize default 20, max 100); past the last page data is []; bad paging 400; unknown parent 404',
  rules: ['ID-L1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    // Created in a seeded random order, so the order of creation cannot pass for the order by name.
    const shuffled = [...NAMES];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = ctx.rng.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
    }
    const ids = new Map<string, string>();
    for (const name of shuffled) ids.set(name, await fixture(ctx, parent, name));
    await fixture(ctx, ids.get('alpha') ?? parent, 'grandchild');
    const expected = [...NAMES].sort(byLowerName);
    const total = expected.length;

    const page = async (query: Record<string, number>): Promise<string[] | undefined> => {
      const ex = await d.listRaw({ parentId: parent, ...query });
      const body = fieldsOf(ex);
      const data = body?.['data'];
      if (!ctx.expect(ex.status === 200 && Array.isArray(data), `listing with ${JSON.stringify(query)} answers 200 {totalCount, data}`, ex)) return undefined;
      ctx.expect(body?.['totalCount'] === total, `listing with ${JSON.stringify(query)}: totalCount is ${total}, the direct children`, ex);
      const names = (data as unknown[]).map((u) => recordOf(u)?.['organizationalUnitName']);
      return names.filter((n): n is string => typeof n === 'string');
    };
    const first = await page({});
    ctx.expect(JSON.stringify(first) === JSON.stringify(expected.slice(0, 20)), 'without pageNumber and pageSize: the first 20 direct children, by lower-cased name');
    const walked: string[] = [];
    for (let n = 1; n <= 5; n++) walked.push(...((await page({ pageNumber: n, pageSize: 5 })) ?? []));
    ctx.expect(JSON.stringify(walked) === JSON.stringify(expected), `pages of 5 give every direct child once, by lower-cased name then id (got ${walked.join(', ')})`);
    const past = await page({ pageNumber: 6, pageSize: 5 });
    ctx.expect(past !== undefined && past.length === 0, 'a page past the last gives data []');
    const all = await page({ pageSize: 100 });
    ctx.expect(all?.length === total, 'pageSize 100 gives them all');

    for (const query of [{ pageSize: 0 }, { pageSize: 101 }, { pageNumber: 0 }, { pageSize: 'many' }]) {
      ctx.expectStatus(await d.listRaw({ parentId: parent, ...query }), 400, `listing with ${JSON.stringify(query)}`);
    }
    ctx.expectStatus(await d.listRaw({}), 400, 'listing without parentId');
    ctx.expectStatus(await d.listRaw({ parentId: `${parent}-unknown` }), 404, 'listing the children of an unknown parentId');
    const { ex, value } = await d.children(d.topParent);
    ctx.expect(value?.some((u) => u.id === ctx.rootId) === true, `the list of the root ${d.topParent} shows the run's top-level unit`, ex);
  },
};

export const readChecks: readonly Check[] = [getCheck, listCheck];
