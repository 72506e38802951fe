/** GetOrganizationalUnit (ID-G1) and ListOrganizationalUnits (ID-L1). */
import type { Check } from '../../../suites/check.ts';
import { canonical, fieldsOf, fixture, idaas, recordOf, sandbox } from './support.ts';

/** 1973-03-03 in Unix milliseconds, the year 5138 in seconds: a time of a unit made today below it is not in milliseconds. */
const MS_FLOOR = 1e11;

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
    const created = unit['createTime'];
    const updated = unit['updateTime'];
    ctx.expect(Number.isSafeInteger(created) && Number.isSafeInteger(updated), 'createTime and updateTime are Unix milliseconds (integers)', ex);
    ctx.expect(typeof created === 'number' && created > MS_FLOOR, `createTime of a unit made now is in milliseconds, not seconds (got ${String(created)})`, ex);
    ctx.expect(typeof created === 'number' && typeof updated === 'number' && updated >= created, `updateTime is not before createTime (${String(created)} → ${String(updated)})`, ex);
    const root = await d.getRaw(d.topParent);
    if (ctx.expectStatus(root, 200, `GET of the root ${d.topParent}`)) {
      const r = fieldsOf(root) ?? {};
      ctx.expect(r['organizationalUnitId'] === d.topParent && !('parentId' in r), 'the root is shown with its id and without parentId', root);
    }
    ctx.expectStatus(await d.getRaw(`${id}-unknown`), 404, 'GET of an unknown id');
  },
};

/**
 * Names whose lower-cased order differs from their order as written, and ("kilo_x", "Kiloa")
 * from their upper-cased order: `_` sorts between the upper- and the lower-case letters.
 */
const NAMES = [
  'alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf', 'Hotel', 'india', 'Juliett', 'kilo', 'kilo_x', 'Kiloa',
  'Lima', 'mike', 'November', 'oscar', 'Papa', 'quebec', 'Romeo', 'sierra', 'Tango', 'uniform', 'Victor',
];
const byLowerName = (a: string, b: string): number => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);

/** Page sizes that hit the boundaries for NAMES.length (24): the lower bound, dividing it, not dividing it, one short, exact, the default, the upper bound. */
const PAGE_SIZES = [1, 5, 7, 12, 23, 24, 20, 100];

const listCheck: Check = {
  id: 'idaas.list',
  title: 'List pages through the direct children by lower-cased name, every page size from 1 to 100 (default 20), the exact last page and past it; each unit as Get shows it; bad paging 400; unknown or deleted parent 404',
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
    for (const name of shuffled) ids.set(name, await fixture(ctx, parent, name, { description: `about ${name}` }));
    const alpha = ids.get('alpha') ?? parent;
    await fixture(ctx, alpha, 'grandchild');
    const expected = [...NAMES].sort(byLowerName);
    const total = expected.length;

    const page = async (query: Record<string, number>): Promise<Array<Record<string, unknown>> | undefined> => {
      const ex = await d.listRaw({ parentId: parent, ...query });
      const body = fieldsOf(ex);
      const data = body?.['data'];
      if (!ctx.expect(ex.status === 200 && Array.isArray(data), `listing with ${JSON.stringify(query)} answers 200 {totalCount, data}`, ex)) return undefined;
      ctx.expect(body?.['totalCount'] === total, `listing with ${JSON.stringify(query)}: totalCount is ${total}, the direct children`, ex);
      return (data as unknown[]).map((u) => recordOf(u) ?? {});
    };
    const namesOf = (units: ReadonlyArray<Record<string, unknown>> | undefined): string[] => (units ?? []).map((u) => String(u['organizationalUnitName']));

    const first = await page({});
    ctx.expect(JSON.stringify(namesOf(first)) === JSON.stringify(expected.slice(0, 20)), `without pageNumber and pageSize: the first 20 direct children, by lower-cased name (got ${namesOf(first).join(', ')})`);
    for (const size of PAGE_SIZES) {
      const pages = Math.ceil(total / size);
      const walked: string[] = [];
      for (let n = 1; n <= pages; n++) {
        const got = namesOf(await page({ pageNumber: n, pageSize: size }));
        ctx.expect(got.length === Math.min(size, total - (n - 1) * size), `page ${n} of size ${size} holds ${Math.min(size, total - (n - 1) * size)} units (got ${got.length})`);
        walked.push(...got);
      }
      ctx.expect(JSON.stringify(walked) === JSON.stringify(expected), `pages of ${size} give every direct child once, by lower-cased name (got ${walked.join(', ')})`);
      const past = await page({ pageNumber: pages + 1, pageSize: size });
      ctx.expect(past !== undefined && past.length === 0, `page ${pages + 1} of size ${size}, just past the last, gives data []`);
    }
    const far = await page({ pageNumber: 2147483647, pageSize: 100 });
    ctx.expect(far !== undefined && far.length === 0, 'pageNumber 2147483647 (far past the last) gives data [] and the true count');

    // Each unit of the list is the unit Get shows (key order aside).
    for (const unit of first ?? []) {
      const id = unit['organizationalUnitId'];
      if (typeof id !== 'string') continue;
      const got = fieldsOf(await d.getRaw(id));
      ctx.expect(got !== undefined && canonical(got) === canonical(unit), `the list shows ${id} as Get does (list ${JSON.stringify(unit)}, Get ${JSON.stringify(got)})`);
    }

    for (const query of [{ pageSize: 0 }, { pageSize: 101 }, { pageNumber: 0 }, { pageNumber: -1 }, { pageSize: 'many' }]) {
      ctx.expectStatus(await d.listRaw({ parentId: parent, ...query }), 400, `listing with ${JSON.stringify(query)}`);
    }
    ctx.expectStatus(await d.listRaw({}), 400, 'listing without parentId');
    ctx.expectStatus(await d.listRaw({ parentId: `${parent}-unknown` }), 404, 'listing the children of an unknown parentId');
    const gone = await fixture(ctx, alpha, 'gone');
    if ((await d.deleteRaw(gone)).status === 200) ctx.expectStatus(await d.listRaw({ parentId: gone }), 404, 'listing the children of a deleted unit');
    const { ex, value } = await d.children(d.topParent);
    ctx.expect(value?.some((u) => u.id === ctx.rootId) === true, `the list of the root ${d.topParent} shows the run's top-level unit`, ex);
  },
};

export const readChecks: readonly Check[] = [getCheck, listCheck];
