/** GET /api/v2/organizational_units called directly on a Directory (AD-L1..L7). */
import { describe, expect, it } from 'vitest';
import { dataOf, list, makeDirectory, pageExample } from './helpers.ts';

describe('listAdOus', () => {
  it("answers the page's example columns and meta", () => {
    const dir = makeDirectory();
    const { one } = pageExample(dir.tenant('acme'));
    const res = list(dir, { filter: 'OU_NAME sw "acme.example.com/OUS/"' });
    expect(res.body).toEqual({
      data: [
        {
          NAME: 'OUAPI1',
          DISTINGUISHED_NAME: 'OU=OUAPI1,OU=OUS,DC=acme,DC=example,DC=com',
          OU_NAME: 'acme.example.com/OUS/OUAPI1',
          CITY: 'Chennai',
          COUNTRY: 'India',
          STATE_PROVINCE: '-',
          OBJECT_GUID: `{${one.id.toUpperCase()}}`,
          MANAGER: 'Manager 1',
        },
        expect.objectContaining({ NAME: 'OUAPI2', CITY: 'Bangalore' }),
      ],
      meta: { start_index: 1, limit: 10, total_no_of_objects: 2 },
    });
  });

  it('windows with 1-based from and limit; past the end is empty with the true total (AD-L1, AD-L2)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    for (let i = 0; i < 12; i++) t.createUnit({ name: `U${String(i).padStart(2, '0')}` });
    expect(dataOf(list(dir)).map((o) => o['NAME'])).toEqual(['U00', 'U01', 'U02', 'U03', 'U04', 'U05', 'U06', 'U07', 'U08', 'U09']);
    expect(dataOf(list(dir, { from: 11, limit: 5 })).map((o) => o['NAME'])).toEqual(['U10', 'U11']);
    expect(list(dir, { from: 13 }).body).toEqual({ data: [], meta: { start_index: 13, limit: 10, total_no_of_objects: 12 } });
    for (const bad of [{ from: 0 }, { from: -1 }, { limit: 0 }, { limit: 1001 }, { from: 'x' }, { limit: 2.5 }]) {
      expect(list(dir, bad), JSON.stringify(bad)).toMatchObject({ status: 400, body: { code: '00000107' } });
    }
  });

  it('shows the fields asked for, in that order, case-insensitively (AD-L4)', () => {
    const dir = makeDirectory();
    pageExample(dir.tenant('acme'));
    const [first] = dataOf(list(dir, { fields: 'object_guid,Name,PREVENT_DELETION,COUNTRY_CODE', limit: 1 }));
    expect(Object.keys(first ?? {})).toEqual(['OBJECT_GUID', 'NAME', 'PREVENT_DELETION', 'COUNTRY_CODE']);
    expect(first).toMatchObject({ PREVENT_DELETION: false, COUNTRY_CODE: '-' });
    expect(list(dir, { fields: 'NAME,BOGUS' })).toEqual({
      status: 400,
      body: { code: '00000100', detail: 'Some columns given in fields parameter are invalid: "BOGUS"', title: 'Bad Request.' },
    });
  });

  it("filters with the page's bare example and says where a filter is wrong (AD-L5)", () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    t.createUnit({ name: 'Finance', fields: { ad: { l: 'New York' } } });
    t.createUnit({ name: 'finance EU', fields: { ad: { l: 'Paris' } } });
    t.createUnit({ name: 'Sales' });
    expect(dataOf(list(dir, { filter: '(FULL_NAME eq Finance) and (CITY eq New York)' })).map((o) => o['NAME'])).toEqual(['Finance']);
    expect(dataOf(list(dir, { filter: 'NAME sw "FINANCE"' })).map((o) => o['NAME'])).toEqual(['Finance', 'finance EU']);
    expect(dataOf(list(dir, { filter: 'not (CITY pr)' })).map((o) => o['NAME'])).toEqual(['Sales']);
    expect(dataOf(list(dir, { filter: 'CITY ne "Paris"' })).map((o) => o['NAME'])).toEqual(['Finance', 'Sales']);
    expect(list(dir, { filter: '(NAME eq x) or (FOO pr)' })).toMatchObject({ status: 400, body: { code: '00000107', detail: 'Invalid parameter filter: Invalid filter at position 17: unknown column FOO.' } });
    expect(list(dir, { filter: '(NAME eq x' })).toMatchObject({ status: 400, body: { code: '00000107' } });
  });

  it('sorts by a column, - for descending, ties by DN; descending is the exact reverse (AD-L6)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const b = t.createUnit({ name: 'B' });
    const a = t.createUnit({ name: 'A' });
    t.createUnit({ name: 'same', parentId: b.id });
    t.createUnit({ name: 'Same', parentId: a.id });
    const asc = dataOf(list(dir, { sort: 'name', fields: 'DISTINGUISHED_NAME' })).map((o) => o['DISTINGUISHED_NAME']);
    expect(asc).toEqual(['OU=A,DC=acme,DC=example,DC=com', 'OU=B,DC=acme,DC=example,DC=com', 'OU=Same,OU=A,DC=acme,DC=example,DC=com', 'OU=same,OU=B,DC=acme,DC=example,DC=com']);
    expect(dataOf(list(dir, { sort: '-NAME', fields: 'DISTINGUISHED_NAME' })).map((o) => o['DISTINGUISHED_NAME'])).toEqual([...asc].reverse());
    expect(list(dir, { sort: '-FOO' })).toMatchObject({ status: 400, body: { code: '00000107' } });
  });

  it('formats dates with X-Date-Time-Format, else ISO 8601, and accepts refresh (AD-L7)', () => {
    const dir = makeDirectory();
    dir.tenant('acme').createUnit({ name: 'A' });
    expect(dataOf(list(dir, { fields: 'WHEN_CREATED,WHEN_CHANGED', refresh: true }))[0]).toEqual({ WHEN_CREATED: '2026-03-07T14:05:09.042Z', WHEN_CHANGED: '2026-03-07T14:05:09.042Z' });
    expect(dataOf(list(dir, { fields: 'WHEN_CREATED' }, { headers: { 'x-date-time-format': 'dd/MM/yyyy HH:mm' } }))[0]).toEqual({ WHEN_CREATED: '07/03/2026 14:05' });
    expect(list(dir, { fields: 'WHEN_CREATED' }, { headers: { 'x-date-time-format': 'SOME_STRING_VALUE' } })).toMatchObject({ status: 400, body: { code: '00000107' } });
    expect(list(dir, {}, { headers: { 'x-date-time-format': 'SOME_STRING_VALUE' } }).status).toBe(200);
    expect(list(dir, { refresh: 'maybe' })).toMatchObject({ status: 400, body: { code: '00000107' } });
  });

  it('sees changes made through the core at once (the row cache follows the revision)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const a = t.createUnit({ name: 'A' });
    expect(dataOf(list(dir, { filter: 'NAME eq A' }))).toHaveLength(1);
    t.updateUnit(a.id, { name: 'B' });
    expect(dataOf(list(dir, { filter: 'NAME eq A' }))).toHaveLength(0);
    expect(dataOf(list(dir, { filter: 'NAME eq B', fields: 'DISTINGUISHED_NAME' }))).toEqual([{ DISTINGUISHED_NAME: 'OU=B,DC=acme,DC=example,DC=com' }]);
  });

  it('needs ous:read', () => {
    const dir = makeDirectory();
    expect(() => list(dir, {}, { claims: { tenantId: 'acme', scopes: ['ous:write'] } })).toThrow('forbidden');
  });
});
