/** PATCH /api/v2/organizational_units called directly on a Directory (AD-U1..U4). */
import { describe, expect, it } from 'vitest';
import { dataOf, list, makeDirectory, pageExample, patch } from './helpers.ts';

const OK = { status_code: 1, status_message: 'Successfully Updated.' };

describe('updateAdOus', () => {
  it("updates the page's example target: name inside OUName, without a filter (AD-U1, AD-U2)", () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const { one } = pageExample(t);
    const res = patch(dir, {}, { name: 'ouapi1', OUName: 'OU=ous,DC=acme,DC=example,DC=com', managedBy: 'Manager1', co: 'India', extensionAttribute1: 'Custom Value 1' });
    expect(res.body).toEqual({
      data: [
        {
          object: { 'Container Name': 'OU=OUS,DC=acme,DC=example,DC=com', 'OU Name': 'OUAPI1', 'Distinguished Name': 'OU=OUAPI1,OU=OUS,DC=acme,DC=example,DC=com', 'Managed by': 'Manager1' },
          status: OK,
        },
      ],
      meta: { start_index: 1, limit: 10, total_no_of_objects: 1 },
    });
    expect(t.getUnit(one.id).fields.ad).toEqual({ l: 'Chennai', co: 'India', managedBy: 'Manager1', extensionAttribute1: 'Custom Value 1' });
  });

  it('finds nothing without a filter when the name is missing or not unique: data [] (AD-U1)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    pageExample(t);
    t.createUnit({ name: 'OUAPI1' });
    expect(patch(dir, {}, { name: 'nope', l: 'x' }).body).toEqual({ data: [], meta: { start_index: 1, limit: 10, total_no_of_objects: 0 } });
    expect(dataOf(patch(dir, {}, { name: 'OUAPI1', l: 'x' }))).toEqual([]);
    expect(dataOf(patch(dir, {}, { name: 'OUAPI2', l: 'x' }))).toHaveLength(1);
    expect(dataOf(patch(dir, {}, { name: 'OUAPI1', OUName: 'OU=Missing,DC=acme,DC=example,DC=com', l: 'x' }))).toEqual([]);
    expect(patch(dir, {}, { l: 'x' })).toMatchObject({ status: 400, body: { code: '00000107' } });
  });

  it('targets the filter window in sort order (AD-U1)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    for (const name of ['d', 'a', 'c', 'b']) t.createUnit({ name });
    const items = dataOf(patch(dir, { filter: 'NAME pr', sort: '-NAME', from: 2, limit: 2 }, { description: 'hit' }));
    expect(items.map((i) => (i['object'] as Record<string, string>)['OU Name'])).toEqual(['c', 'b']);
    expect(dataOf(list(dir, { fields: 'NAME,DESCRIPTION' }))).toEqual([
      { NAME: 'a', DESCRIPTION: '-' },
      { NAME: 'b', DESCRIPTION: 'hit' },
      { NAME: 'c', DESCRIPTION: 'hit' },
      { NAME: 'd', DESCRIPTION: '-' },
    ]);
  });

  it('fails one object and changes the others: a bulk update is per object (AD-U2)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const p1 = t.createUnit({ name: 'P1' });
    const p2 = t.createUnit({ name: 'P2' });
    const x = t.createUnit({ name: 'x', parentId: p1.id });
    t.createUnit({ name: 'Target', parentId: p1.id });
    const z = t.createUnit({ name: 'z', parentId: p2.id });
    const res = patch(dir, { filter: '(NAME eq x) or (NAME eq z)' }, { name: 'Target', l: 'Oslo' });
    const items = dataOf(res) as Array<{ object: Record<string, string>; status: { status_code: number; status_message: string } }>;
    expect(items.map((i) => i.status.status_code)).toEqual([0, 1]);
    expect(items[0]?.status.status_message).toContain('already exists');
    expect(items[0]?.object['Distinguished Name']).toBe('OU=x,OU=P1,DC=acme,DC=example,DC=com');
    expect(t.getUnit(x.id)).toMatchObject({ name: 'x', fields: { ad: {} } });
    expect(t.getUnit(z.id)).toMatchObject({ name: 'Target', fields: { ad: { l: 'Oslo' } } });
  });

  it('renames and moves with a filter; DNs and paths below follow (AD-U3)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const a = t.createUnit({ name: 'A' });
    const b = t.createUnit({ name: 'B' });
    const child = t.createUnit({ name: 'child', parentId: a.id });
    const [item] = dataOf(patch(dir, { filter: 'NAME eq A' }, { name: 'A, renamed', OUName: 'OU=B,DC=acme,DC=example,DC=com' }));
    expect(item).toEqual({
      object: { 'Container Name': 'OU=B,DC=acme,DC=example,DC=com', 'OU Name': 'A, renamed', 'Distinguished Name': 'OU=A\\, renamed,OU=B,DC=acme,DC=example,DC=com', 'Managed by': '-' },
      status: OK,
    });
    expect(t.getUnit(child.id).path).toBe('/B/A, renamed/child');
    expect(dataOf(list(dir, { filter: 'NAME eq child', fields: 'DISTINGUISHED_NAME,OU_NAME' }))).toEqual([
      { DISTINGUISHED_NAME: 'OU=child,OU=A\\, renamed,OU=B,DC=acme,DC=example,DC=com', OU_NAME: 'acme.example.com/B/A, renamed/child' },
    ]);
    dataOf(patch(dir, { filter: 'NAME eq child' }, { OUName: 'DC=acme,DC=example,DC=com' }));
    expect(t.getUnit(child.id)).toMatchObject({ parentId: null, path: '/child' });
    expect(t.getUnit(b.id).childCount).toBe(1);
  });

  it('fails the item for a container inside the OU, a missing container, a bad country code (AD-U2, AD-U3)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const a = t.createUnit({ name: 'A' });
    t.createUnit({ name: 'inner', parentId: a.id });
    const status = (attrs: Record<string, unknown>) => (dataOf(patch(dir, { filter: 'NAME eq A' }, attrs))[0] as { status: { status_code: number; status_message: string } }).status;
    expect(status({ OUName: 'OU=inner,OU=A,DC=acme,DC=example,DC=com' })).toMatchObject({ status_code: 0, status_message: expect.stringContaining('inside it') });
    expect(status({ OUName: 'OU=nowhere,DC=acme,DC=example,DC=com' })).toMatchObject({ status_code: 0, status_message: expect.stringContaining('No such container') });
    expect(status({ OUName: 'OU=A,DC=globex,DC=example,DC=com' })).toMatchObject({ status_code: 0 });
    expect(status({ c: 'IND' })).toMatchObject({ status_code: 0, status_message: expect.stringContaining('two letters') });
    expect(status({ c: 'in' })).toEqual(OK);
    expect(t.getUnit(a.id)).toMatchObject({ parentId: null, fields: { ad: { c: 'IN' } } });
    expect(patch(dir, { filter: 'NAME eq A' }, { OUName: 'OU=a+CN=b' })).toMatchObject({ status: 400, body: { code: '00000107' } });
  });

  it('stores preventDeletion as the protection every delete honours (AD-U4)', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const a = t.createUnit({ name: 'A' });
    dataOf(patch(dir, { filter: 'NAME eq A' }, { preventDeletion: true }));
    expect(t.getUnit(a.id).fields.protected).toBe(true);
    expect(() => t.planDelete(a.id, 'cascade')).toThrow();
    expect(dataOf(list(dir, { fields: 'PREVENT_DELETION' }))).toEqual([{ PREVENT_DELETION: true }]);
    dataOf(patch(dir, { filter: 'NAME eq A' }, { preventDeletion: false }));
    expect(t.planDelete(a.id, 'block').units).toHaveLength(1);
  });

  it('refuses a bad body or parameter with 400 00000107 and changes nothing', () => {
    const dir = makeDirectory();
    const t = dir.tenant('acme');
    const a = t.createUnit({ name: 'A' });
    expect(patch(dir, { filter: 'NAME eq A' }, { bogus: 'x' })).toMatchObject({ status: 400, body: { code: '00000107', detail: expect.stringContaining('data.attributes.bogus') } });
    expect(patch(dir, { filter: 'NAME eq A', limit: 0 }, { l: 'x' })).toMatchObject({ status: 400, body: { code: '00000107' } });
    expect(patch(dir, { filter: 'NAME eq' }, { l: 'x' })).toMatchObject({ status: 400, body: { code: '00000107' } });
    expect(t.getUnit(a.id).fields.ad).toEqual({});
  });

  it('needs ous:write (AD-A2)', () => {
    const dir = makeDirectory();
    expect(() => patch(dir, { filter: 'NAME pr' }, { l: 'x' }, { claims: { tenantId: 'acme', scopes: ['ous:read'] } })).toThrow('forbidden');
  });
});
