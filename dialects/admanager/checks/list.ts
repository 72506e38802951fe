/** AD-L1..L7: the list's window, meta, domains, fields, filter, sort and dates. */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { DEFAULT_COLUMNS } from '../columns.ts';
import type { DriverUnit } from '../../types.ts';
import { adDriverOf, column, expectAdError, fixture, guidFilter, metaIs, objects, rdnsOf, sameDn, sameSet, setAttributes, within, type Fixture } from './support.ts';

/** Eleven units w01..w11 (one more than the default limit) under one box, shared by the window and meta checks (read-only). */
const UNITS = Array.from({ length: 11 }, (_, k) => `w${String(k + 1).padStart(2, '0')}`);

function windowUnits(ctx: CheckContext): Promise<Fixture> {
  return ctx.shared('ad.window-units', () => fixture(ctx, UNITS));
}

/** w<from>..w<to> (1-based, inclusive). */
const span = (from: number, to: number): string => UNITS.slice(from - 1, to).join();

export const windowCheck: Check = {
  id: 'ad.list.window',
  title: '`from` is the 1-based index of the first object (default 1), `limit` 1–1000 (default 10); anything else is 400 00000107',
  rules: ['AD-L1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await windowUnits(ctx);
    const page = async (from?: number, limit?: number) => ad.list({ filter: within(f), sort: 'NAME', fields: 'NAME', from, limit });
    // Eleven matches: the default limit, the exact last object, one past it and windows across the end.
    const cases: ReadonlyArray<[number | undefined, number | undefined, string]> = [
      [undefined, undefined, span(1, 10)],
      [10, undefined, span(10, 11)],
      [11, undefined, span(11, 11)],
      [1, 1, span(1, 1)],
      [2, 2, span(2, 3)],
      [10, 2, span(10, 11)],
      [11, 1, span(11, 11)],
      [1, 11, span(1, 11)],
      [4, 1000, span(4, 11)],
    ];
    for (const [from, limit, expected] of cases) {
      const ex = await page(from, limit);
      ctx.expect(column(ex).join() === expected, `from=${from ?? '(none)'}&limit=${limit ?? '(none)'}: ${expected}`, ex);
    }
    for (const bad of [{ from: 0 }, { from: -1 }, { from: 'first' }, { from: 1.5 }, { limit: 0 }, { limit: -1 }, { limit: 1001 }, { limit: 2.5 }, { limit: 'all' }]) {
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
    const f = await windowUnits(ctx);
    const total = UNITS.length;
    // How many objects a window holds is AD-L1's; past the end it is none.
    for (const [from, limit, size] of [[undefined, undefined, undefined], [2, 2, undefined], [total, 3, undefined], [total + 1, 3, 0], [total + 5, 1000, 0]] as const) {
      const ex = await ad.list({ filter: within(f), fields: 'NAME', from, limit });
      const meta = { start_index: from ?? 1, limit: limit ?? 10, total_no_of_objects: total };
      ctx.expect(metaIs(ex, meta) && (size === undefined || objects(ex).length === size), `from=${from ?? '-'}&limit=${limit ?? '-'}: meta ${JSON.stringify(meta)}${size === 0 ? ' and data []' : ''}`, ex);
    }
    const none = await ad.list({ filter: within(f, 'NAME eq "no such unit"'), fields: 'NAME' });
    ctx.expect(metaIs(none, { start_index: 1, limit: 10, total_no_of_objects: 0 }) && objects(none).length === 0, 'a filter matching nothing: data [] and total 0', none);
  },
};

export const domainsCheck: Check = {
  id: 'ad.list.domains',
  title: "`domains` names the token's domain (any case, repeated); an unknown domain, alone or next to a known one, or a missing one, is 400 00000107",
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
    const tag = ctx.runTag.toLowerCase().replace(/[^a-z0-9-]/g, '');
    const [label = ad.domain, ...rest] = ad.domain.split('.');
    // Near misses of the real name: another first label, the same first label elsewhere, the name extended.
    const unknown = [`unknown-${tag}.invalid`, `${label}.${tag}.invalid`, `${ad.domain}.${tag}.invalid`, `x${label}.${rest.join('.')}`];
    for (const domains of [...unknown, `${ad.domain},${unknown[0] as string}`, '']) {
      const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { ...query, domains } });
      expectAdError(ctx, ex, 400, '00000107', `domains=${domains === '' ? '(empty)' : domains} (no such domain)`);
    }
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

/**
 * Names with every character RFC 4514 escapes (`,` `+` `"` `\\` `<` `>` `;`, a leading `#`),
 * chained three deep so the escapes of every level show in the DN below.
 */
const SPECIAL_NAMES = ['a+b, c', '#hash', 'say "hi"; \\ <now>'] as const;

export const columnsCheck: Check = {
  id: 'ad.list.columns',
  title: 'each object shows its own values: DISTINGUISHED_NAME escaped per RFC 4514 at every depth, OU_NAME canonical, OBJECT_GUID {UPPER-CASE-UUID}, unset "-"',
  rules: ['AD-L4'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const paths = SPECIAL_NAMES.map((_, k) => SPECIAL_NAMES.slice(0, k + 1).join('/'));
    const f = await fixture(ctx, paths);
    const box = await ad.list({ filter: guidFilter(f.box.id), fields: 'OU_NAME' });
    const boxCanonical = String(objects(box)[0]?.['OU_NAME'] ?? '');
    let parentDn = f.dn;
    let parentCanonical = boxCanonical;
    for (const [k, path] of paths.entries()) {
      const name = SPECIAL_NAMES[k] as string;
      const unit = f.units[path];
      if (unit === undefined) throw new TypeError('fixture unit missing');
      const ex = await ad.list({ filter: `OBJECT_GUID eq "{${unit.id.toUpperCase()}}"`, fields: 'NAME,DISTINGUISHED_NAME,OU_NAME,OBJECT_GUID,CITY' });
      const [o] = objects(ex);
      const dn = o?.['DISTINGUISHED_NAME'];
      const rdns = rdnsOf(dn);
      const parentRdns = rdnsOf(parentDn) ?? [];
      ctx.expect(
        rdns !== undefined && rdns[0]?.type === 'OU' && rdns[0].value === name && rdns.length === parentRdns.length + 1 && parentRdns.every((r, i) => r.type === rdns[i + 1]?.type && r.value === rdns[i + 1]?.value),
        `${JSON.stringify(name)} at depth ${k + 1}: its DISTINGUISHED_NAME reads back (RFC 4514) as OU=${JSON.stringify(name)} inside ${parentDn} (got ${String(dn)})`,
        ex,
      );
      const canonical = `${parentCanonical}/${name}`;
      ctx.expect(boxCanonical !== '' && o?.['OU_NAME'] === canonical, `its OU_NAME is ${canonical}`, ex);
      ctx.expect(o?.['OBJECT_GUID'] === `{${unit.id.toUpperCase()}}` && o['NAME'] === name && o['CITY'] === '-', `its OBJECT_GUID is {${unit.id.toUpperCase()}}, NAME ${JSON.stringify(name)}, CITY "-"`, ex);
      parentDn = typeof dn === 'string' ? dn : parentDn;
      parentCanonical = canonical;
    }
    await expectUpperGuid(ctx, f);
  },
};

/** Enough units that a counter in hex (ids of digits only for up to ten in a row) gives one with a letter. */
const LETTER_TRIES = 16;

/**
 * OBJECT_GUID's upper case shows only in an id with a letter: when none of the fixture's has one
 * (an id scheme counting in hex, say), units are made until one has, and its GUID is judged.
 */
async function expectUpperGuid(ctx: CheckContext, f: Fixture): Promise<void> {
  const lettered = (id: string): boolean => /[a-f]/i.test(id);
  if (Object.values(f.units).some((u) => lettered(u.id))) return;
  for (let k = 1; k <= LETTER_TRIES; k++) {
    const made = await ctx.driver.create({ name: `guid ${k}`, parentId: f.box.id });
    ctx.require(made.value !== undefined, `creating the unit "guid ${k}" (the fixture's ids have no letter)`, made.ex);
    if (!lettered(made.value.id)) continue;
    const ex = await adDriverOf(ctx).list({ filter: guidFilter(made.value.id), fields: 'OBJECT_GUID' });
    const want = `{${made.value.id.toUpperCase()}}`;
    ctx.expect(column(ex, 'OBJECT_GUID').join() === want, `the first unit whose id has a letter (${made.value.id}): its OBJECT_GUID is ${want}`, ex);
    return;
  }
  ctx.note(`none of ${LETTER_TRIES + Object.keys(f.units).length} ids had a letter: the upper case of OBJECT_GUID was not judged`);
}

/** Finance (New York), finance EU (Paris), Sales, Équipe and a name with quotes and a backslash (no city): the filter check's units. */
const FILTER_UNITS = [
  { path: 'Finance', attributes: { l: 'New York' } },
  { path: 'finance EU', attributes: { l: 'Paris' } },
  'Sales',
  'Équipe',
  'say "hi" \\ now',
] as const;
const NO_CITY = ['Sales', 'Équipe', 'say "hi" \\ now'];

export const filterCheck: Check = {
  id: 'ad.list.filter',
  title: "`filter` is a SCIM filter over the columns: every operator at its boundary, and/or/not precedence, quoted values exactly (escapes, spaces), the page's bare values, no case (also beyond ASCII); unset matches only ne and not; bad ones are 400 00000107",
  rules: ['AD-L5'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const f = await fixture(ctx, FILTER_UNITS);
    const scoped: Array<[string, readonly string[]]> = [
      ['(FULL_NAME eq Finance) and (CITY eq New York)', ['Finance']],
      ['(CITY eq   Paris  )', ['finance EU']],
      ['NAME eq "FINANCE"', ['Finance']],
      ['NAME eq " finance"', []],
      ['NAME eq "finance eu "', []],
      ['NAME co " "', ['finance EU', 'say "hi" \\ now']],
      ['NAME eq "say \\"HI\\" \\\\ now"', ['say "hi" \\ now']],
      ['NAME co "\\u0022hi\\u0022"', ['say "hi" \\ now']],
      ['name SW "fin"', ['Finance', 'finance EU']],
      ['NAME sw "ance"', []],
      ['NAME ew "EU"', ['finance EU']],
      ['NAME ew "finance"', ['Finance']],
      ['NAME co "ANC"', ['Finance', 'finance EU']],
      ['NAME eq "équipe"', ['Équipe']],
      ['NAME sw "ÉQU"', ['Équipe']],
      ['not (CITY pr)', NO_CITY],
      ['CITY ne "paris"', ['Finance', ...NO_CITY]],
      ['not (CITY eq "Paris")', ['Finance', ...NO_CITY]],
      ['CITY eq "-"', []],
      ['CITY co "-"', []],
      ['CITY lt "a"', []],
      ['(NAME eq Sales) or (CITY eq Paris)', ['finance EU', 'Sales']],
      ['CITY gt "o"', ['finance EU']],
      ['CITY gt "PARIS"', []],
      ['CITY ge "paris"', ['finance EU']],
      ['CITY lt "Paris"', ['Finance']],
      ['CITY le "NEW YORK"', ['Finance']],
      ['not ((NAME sw f) and (CITY le "O"))', ['finance EU', ...NO_CITY]],
    ];
    const s = f.scope;
    // Unbracketed, so precedence decides: `and` binds tighter than `or`; a bare value runs to the end.
    const unbracketed: Array<[string, readonly string[]]> = [
      [`${s} and NAME eq "Sales" or ${s} and NAME eq "Finance" and CITY eq "Paris"`, ['Sales']],
      [`${s} and NAME eq "Finance" or ${s} and NAME eq "Sales"`, ['Finance', 'Sales']],
      [`${s} and CITY pr and NAME sw "fin" or ${s} and not (CITY pr) and NAME ew "es"`, ['Finance', 'finance EU', 'Sales']],
      [`${s} and CITY eq New York`, ['Finance']],
    ];
    for (const [filter, expected] of [...scoped.map(([text, names]) => [within(f, text), names, text] as const), ...unbracketed.map(([text, names]) => [text, names, text.replaceAll(s, '<sandbox>')] as const)]) {
      const ex = await ad.list({ filter, fields: 'NAME' });
      ctx.expect(ex.status === 200 && sameSet(column(ex), expected), `filter ${filter}: ${expected.length === 0 ? 'nothing' : expected.join(', ')}`, ex);
    }
    for (const bad of ['(NAME eq Finance', 'NAME eq', 'NAME is "x"', 'NAME eq "open', 'NO_SUCH_COLUMN eq "x"', '(NAME pr) or (NO_SUCH_COLUMN eq "x")', 'not (NO_SUCH_COLUMN pr)']) {
      expectAdError(ctx, await ad.list({ filter: bad }), 400, '00000107', `filter ${bad}`);
    }
  },
};

const TIE_PARENTS = ['a', 'b', 'c', 'd', 'e'];

/**
 * Five units named k tie on NAME, each under its own parent. Lower-case ASCII names, so every
 * collation agrees (the page does not fix one). The parents are made as p0..p4, then renamed
 * a..e so that the k's DN order (the tie-break) is neither the order they were made in nor their
 * OBJECT_GUID order, whatever ids the server hands out (counting up, down, random): the reverse
 * of their making, or another order where that is their GUID order.
 */
async function tiedUnits(ctx: CheckContext): Promise<{ f: Fixture; parents: readonly string[] }> {
  const made = ['p0', 'p1', 'p2', 'p3', 'p4'];
  const f = await fixture(ctx, [...made, ...made.map((p) => `${p}/k`)]);
  const guid = (k: number): string => (f.units[`${made[k] as string}/k`]?.id ?? '').toUpperCase();
  const byGuid = [...made.keys()].sort((x, y) => (guid(x) < guid(y) ? -1 : 1));
  const reverse = [4, 3, 2, 1, 0];
  // dnOrder[j]: which of the k's (by when it was made) has the j-th DN.
  const dnOrder = byGuid.join() === reverse.join() ? [2, 0, 4, 1, 3] : reverse;
  for (const [j, k] of dnOrder.entries()) await setAttributes(ctx, (f.units[made[k] as string] as DriverUnit).id, { name: TIE_PARENTS[j] });
  return { f, parents: TIE_PARENTS };
}

export const sortCheck: Check = {
  id: 'ad.list.sort',
  title: '`sort` orders by a column (default NAME), `-` descending, ties by DN so `from` pages are stable; an unknown column is 400 00000107',
  rules: ['AD-L6'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const { f, parents } = await tiedUnits(ctx);
    const dn = (...names: string[]): string => [...names.map((n) => `OU=${n}`), f.dn].join(',');
    const ascending = [...parents.map((p) => dn(p)), ...parents.map((p) => dn('k', p))];
    const listed = async (sort: string | undefined, from?: number, limit?: number) => ad.list({ filter: within(f), sort, fields: 'NAME,DISTINGUISHED_NAME', from, limit: limit ?? 1000 });
    const dns = (ex: Exchange): unknown[] => column(ex, 'DISTINGUISHED_NAME');
    const inOrder = (got: readonly unknown[], expected: readonly string[]): boolean => got.length === expected.length && got.every((d, k) => sameDn(d, expected[k]));
    const short = (d: string): string => d.split(',').slice(0, 2).join(',');
    for (const sort of ['NAME', 'name', undefined]) {
      const ex = await listed(sort);
      ctx.expect(inOrder(dns(ex), ascending), `sort=${sort ?? '(none)'}: ${ascending.map(short).join('; ')} (ties by DN)`, ex);
    }
    const paged: unknown[] = [];
    for (let from = 1; from <= ascending.length; from += 4) paged.push(...dns(await listed('NAME', from, 4)));
    ctx.expect(inOrder(paged, ascending), 'sort=NAME paged 4 at a time with from gives the same order');
    const desc = await listed('-NAME');
    const names = column(desc).map(String);
    ctx.expect(names.join() === 'k,k,k,k,k,e,d,c,b,a', 'sort=-NAME: the five k first, then e to a', desc);
    const descPaged: unknown[] = [];
    for (let from = 1; from <= ascending.length; from += 4) descPaged.push(...dns(await listed('-NAME', from, 4)));
    ctx.expect(descPaged.length === 10 && descPaged.every((d, k) => d === dns(desc)[k]), 'sort=-NAME paged 4 at a time gives the same order as in one page (ties broken the same way)');
    for (const bad of ['-NO_SUCH_COLUMN', 'NO_SUCH_COLUMN', '-']) {
      expectAdError(ctx, await ad.list({ filter: within(f), sort: bad }), 400, '00000107', `sort=${bad} (not one known column)`);
    }
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
    const formatted = await ad.list({ filter: within(f), fields: 'WHEN_CREATED,WHEN_CHANGED' }, { 'X-Date-Time-Format': 'dd/MM/yyyy HH:mm' });
    // The page names no time zone: the formatted time may be in any zone (up to 14 hours off UTC).
    const PATTERN = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;
    for (const col of ['WHEN_CREATED', 'WHEN_CHANGED']) {
      const at = new Date(String(plain[col]));
      const got = PATTERN.exec(String(column(formatted, col)[0] ?? ''));
      const shown = got === null ? NaN : Date.UTC(Number(got[3]), Number(got[2]) - 1, Number(got[1]), Number(got[4]), Number(got[5]));
      const off = (shown - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes())) / 60_000;
      ctx.expect(Math.abs(off) <= 14 * 60 && off % 15 === 0, `X-Date-Time-Format: dd/MM/yyyy HH:mm shows ${col} (${at.toISOString()}) as dd/MM/yyyy HH:mm in some time zone`, formatted);
    }
  },
};
