/** AD-L1..L7: the list's window, meta, domains, fields, filter, sort and dates. */
import { isDeepStrictEqual } from 'node:util';
import type { Check, CheckContext } from '../../../suites/check.ts';
import { DEFAULT_COLUMNS } from '../columns.ts';
import { adDriverOf, column, expectAdError, fixture, objects, within, type Fixture } from './support.ts';

const FIVE = ['w1', 'w2', 'w3', 'w4', 'w5'];

/** Five units w1..w5 under one box, shared by the window and meta checks (read-only). */
function fiveUnits(ctx: CheckContext): Promise<Fixture> {
  return ctx.shared('ad.five', () => fixture(ctx, FIVE));
}

export const windowCheck: Check = {
  id: 'ad.list.window',
  title: '`from` is the 1-based index of the first object (default 1), `limit` 1–1000 (default 10); anything else is 400 00000107',
  rules: ['AD-L1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fiveUnits(ctx);
    const page = async (from?: number, limit?: number) => ad.list({ filter: within(f), sort: 'NAME', fields: 'NAME', from, limit });
    const all = await page();
    ctx.expect(column(all).join() === FIVE.join(), 'without from and limit: all five, from the first', all);
    for (const [from, limit, expected] of [[1, 2, 'w1,w2'], [2, 2, 'w2,w3'], [5, 2, 'w5'], [4, 1000, 'w4,w5']] as const) {
      const ex = await page(from, limit);
      ctx.expect(column(ex).join() === expected, `from=${from}&limit=${limit}: ${expected}`, ex);
    }
    for (const bad of [{ from: 0 }, { from: -1 }, { from: 'first' }, { limit: 0 }, { limit: 1001 }, { limit: 2.5 }]) {
      expectAdError(ctx, await ad.list({ filter: within(f), ...bad }), 400, '00000107', `a list with ${Object.entries(bad).map(([k, v]) => `${k}=${String(v)}`).join('&')}`);
    }
  },
};

export const metaCheck: Check = {
  id: 'ad.list.meta',
  title: 'the answer is {data, meta: {start_index, limit, total_no_of_objects}}; a `from` past the end is data [] with the true total',
  rules: ['AD-L2'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fiveUnits(ctx);
    for (const [from, limit, size] of [[undefined, undefined, 5], [2, 2, 2], [9, 3, 0]] as const) {
      const ex = await ad.list({ filter: within(f), fields: 'NAME', from, limit });
      const meta = { start_index: from ?? 1, limit: limit ?? 10, total_no_of_objects: 5 };
      const body = ex.body as { meta?: unknown } | undefined;
      ctx.expect(ex.status === 200 && isDeepStrictEqual(body?.meta, meta) && objects(ex).length === size, `from=${from ?? '-'}&limit=${limit ?? '-'}: ${size} objects and meta ${JSON.stringify(meta)}`, ex);
    }
  },
};

export const domainsCheck: Check = {
  id: 'ad.list.domains',
  title: "`domains` names the token's domain (any case, repeated); an unknown domain is 400 00000107",
  rules: ['AD-L3'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['d1']);
    const query = { filter: within(f), fields: 'NAME' };
    for (const domains of [ad.domain.toUpperCase(), `${ad.domain},${ad.domain}`]) {
      const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { ...query, domains } });
      ctx.expect(column(ex).join() === 'd1', `domains=${domains} lists the domain's objects`, ex);
    }
    const unknown = `unknown-${ctx.runTag.toLowerCase().replace(/[^a-z0-9-]/g, '')}.invalid`;
    const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { ...query, domains: unknown } });
    expectAdError(ctx, ex, 400, '00000107', `domains=${unknown} (no such domain)`);
  },
};

export const fieldsCheck: Check = {
  id: 'ad.list.fields',
  title: "`fields` limits each object to those columns (any case); without it the page's eight columns; an unknown column is 400 00000100",
  rules: ['AD-L4'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['f1']);
    const keys = async (fields: string | undefined): Promise<string> => {
      const ex = await ad.list({ filter: within(f), fields });
      return ex.status === 200 ? objects(ex).map((o) => Object.keys(o).sort().join(',')).join(';') : `status ${ex.status}`;
    };
    const cases: Array<[string | undefined, readonly string[]]> = [
      ['NAME,OBJECT_GUID', ['NAME', 'OBJECT_GUID']],
      ['name,City', ['CITY', 'NAME']],
      [undefined, DEFAULT_COLUMNS],
    ];
    for (const [fields, expected] of cases) {
      const got = await keys(fields);
      ctx.expect(got === [...expected].sort().join(','), `fields=${fields ?? '(none)'}: each object has exactly ${[...expected].sort().join(', ')} (got ${got})`);
    }
    const bad = await ad.list({ filter: within(f), fields: 'NAME,NO_SUCH_COLUMN' });
    expectAdError(ctx, bad, 400, '00000100', 'fields with an unknown column');
  },
};

/** Finance (New York), finance EU (Paris), Sales (no city): the filter check's units. */
const FILTER_UNITS = [
  { path: 'Finance', attributes: { l: 'New York' } },
  { path: 'finance EU', attributes: { l: 'Paris' } },
  'Sales',
] as const;

export const filterCheck: Check = {
  id: 'ad.list.filter',
  title: "`filter` is a SCIM filter over the columns: operators, and/or/not, the page's bare values, no case; unset matches only ne and not; bad ones are 400 00000107",
  rules: ['AD-L5'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, FILTER_UNITS);
    const cases: Array<[string, string]> = [
      ['(FULL_NAME eq Finance) and (CITY eq New York)', 'Finance'],
      ['NAME eq "FINANCE"', 'Finance'],
      ['name SW "fin"', 'Finance,finance EU'],
      ['NAME ew "EU"', 'finance EU'],
      ['NAME co "ANC"', 'Finance,finance EU'],
      ['not (CITY pr)', 'Sales'],
      ['CITY ne "paris"', 'Finance,Sales'],
      ['CITY eq "-"', ''],
      ['(NAME eq Sales) or (CITY eq Paris)', 'finance EU,Sales'],
      ['CITY gt "o"', 'finance EU'],
      ['not ((NAME sw f) and (CITY le "O"))', 'finance EU,Sales'],
    ];
    for (const [filter, expected] of cases) {
      const ex = await ad.list({ filter: within(f, filter), sort: 'NAME', fields: 'NAME' });
      ctx.expect(column(ex).join() === expected, `filter ${filter}: ${expected === '' ? 'nothing' : expected}`, ex);
    }
    for (const bad of ['(NAME eq Finance', 'NAME eq', 'NAME is "x"', 'NO_SUCH_COLUMN eq "x"']) {
      expectAdError(ctx, await ad.list({ filter: bad }), 400, '00000107', `filter ${bad}`);
    }
  },
};

export const sortCheck: Check = {
  id: 'ad.list.sort',
  title: '`sort` orders by a column without case, `-` descending, ties by DN so `from` pages are stable; an unknown column is 400 00000107',
  rules: ['AD-L6'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['b', 'A', 'm', 'A/Same', 'b/same']);
    const dns = async (sort: string, from?: number, limit?: number): Promise<string[]> => column(await ad.list({ filter: within(f), sort, fields: 'DISTINGUISHED_NAME', from, limit }), 'DISTINGUISHED_NAME').map(String);
    const dn = (...names: string[]): string => [...names.map((n) => `OU=${n}`), f.dn].join(',');
    const ascending = [dn('A'), dn('b'), dn('m'), dn('Same', 'A'), dn('same', 'b')];
    const asc = await dns('NAME');
    ctx.expect(asc.join('|') === ascending.join('|'), `sort=NAME: ${ascending.map((d) => d.split(',').slice(0, 2).join(',')).join('; ')} (names without case, then by DN)`);
    const paged = [...(await dns('name', 1, 2)), ...(await dns('name', 3, 2)), ...(await dns('name', 5, 2))];
    ctx.expect(paged.join('|') === ascending.join('|'), 'sort=name paged 2 at a time with from gives the same order');
    const desc = await ad.list({ filter: within(f), sort: '-NAME', fields: 'NAME,DISTINGUISHED_NAME' });
    const names = column(desc).map((n) => String(n).toLowerCase());
    const nonIncreasing = names.every((n, i) => i === 0 || (names[i - 1] as string) >= n);
    ctx.expect(names.length === 5 && nonIncreasing && names[0] === 'same' && names[4] === 'a', 'sort=-NAME: names from z to a', desc);
    expectAdError(ctx, await ad.list({ filter: within(f), sort: '-NO_SUCH_COLUMN' }), 400, '00000107', 'sort by an unknown column');
  },
};

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const datesCheck: Check = {
  id: 'ad.list.dates',
  title: '`X-Date-Time-Format` (a Java pattern) formats WHEN_CREATED/WHEN_CHANGED, ISO 8601 without it; `refresh=true` is accepted',
  rules: ['AD-L7'],
  level: 'profile',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, ['dated']);
    const iso = await ad.list({ filter: within(f), fields: 'WHEN_CREATED,WHEN_CHANGED', refresh: 'true' });
    const [plain] = objects(iso);
    ctx.require(plain !== undefined && ISO_8601.test(String(plain['WHEN_CREATED'])) && ISO_8601.test(String(plain['WHEN_CHANGED'])), 'with refresh=true and no pattern: both dates in ISO 8601', iso);
    const formatted = await ad.list({ filter: within(f), fields: 'WHEN_CREATED' }, { 'X-Date-Time-Format': 'dd/MM/yyyy HH:mm' });
    const created = new Date(String(plain['WHEN_CREATED']));
    const two = (n: number): string => String(n).padStart(2, '0');
    const expected = `${two(created.getUTCDate())}/${two(created.getUTCMonth() + 1)}/${created.getUTCFullYear()} ${two(created.getUTCHours())}:${two(created.getUTCMinutes())}`;
    ctx.expect(column(formatted, 'WHEN_CREATED').join() === expected, `X-Date-Time-Format: dd/MM/yyyy HH:mm gives ${expected}`, formatted);
  },
};
