import { describe, expect, it } from 'vitest';
import { TestDirectory as Directory } from './helpers.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../mock/http/typed-errors.ts';
import type { OuSnapshot, Snapshot, TenantSnapshot } from '../../../mock/core/index.ts';
import { build, issuesOf, makeDirectory, violations } from './helpers.ts';

const AT = '2024-05-01T10:00:00Z';

function ou(id: string, name: string, parent_id: string | null, extra: Partial<OuSnapshot> = {}): OuSnapshot {
  return { id, name, description: null, parent_id, custom_attributes: null, created_at: AT, updated_at: null, ...extra };
}

/** Listed children-first on purpose: the loader accepts any order. */
function tenantSnap(): TenantSnapshot {
  return {
    tenant_id: 'acme',
    ous: [ou('c', 'Platform', 'b'), ou('b', 'Engineering', 'a'), ou('a', 'Company', null, { description: 'top' }), ou('d', 'Sales', null)],
    users: [
      { id: 'u1', email: 'x@acme.io', display_name: 'X', ou_id: 'c' },
      { id: 'u2', email: 'y@acme.io', display_name: 'Y', ou_id: null },
    ],
  };
}

describe('snapshots', () => {
  it('loads OUs in any order, computes paths and counts, exports parents first with a stable key order', () => {
    const dir = makeDirectory();
    const t = dir.loadTenant(tenantSnap());
    expect(t.listOus({}).data.map((o) => [o.id, o.path])).toEqual([
      ['a', '/Company'], ['b', '/Company/Engineering'], ['c', '/Company/Engineering/Platform'], ['d', '/Sales'],
    ]);
    expect(t.getOu('c')).toMatchObject({ user_count: 1, created_at: AT, updated_at: null });
    expect(t.counts()).toEqual({ ous: 4, users: 2 });
    const out = t.toSnapshot();
    expect(out.ous.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.keys(out)).toEqual(['tenant_id', 'ous', 'users']);
    expect(Object.keys(out.ous[0]!)).toEqual(['id', 'name', 'description', 'parent_id', 'custom_attributes', 'created_at', 'updated_at']);
    expect(Object.keys(out.users[0]!)).toEqual(['id', 'email', 'display_name', 'ou_id']);
    expect(out.ous[0]).toEqual(ou('a', 'Company', null, { description: 'top' }));
    expect(violations(t)).toEqual([]);
  });

  it('round-trips: fromSnapshot(toSnapshot()) gives the same snapshot', () => {
    const dir = makeDirectory();
    const t = dir.createTenant('one');
    const m = build(t, 'A', 'A/B', 'C');
    t.updateOu(m['A/B']!.id, { custom_attributes: JSON.parse('{"__proto__": 1, "k": [1]}'), description: 'd' });
    t.addUser({ email: 'a@x.io', display_name: 'a', ou_id: m.A!.id });
    dir.loadTenant(tenantSnap());
    const snap = dir.toSnapshot();
    const again = Directory.fromSnapshot(JSON.parse(JSON.stringify(snap)) as Snapshot);
    expect(again.toSnapshot()).toEqual(snap);
    expect(again.tenantIds()).toEqual(['one', 'acme']);
    expect(Object.keys(again.tenant('one').getOu(m['A/B']!.id).custom_attributes!)).toEqual(['__proto__', 'k']);
  });

  it('loadTenant replaces a tenant\'s whole state; the existing Tenant object sees it', () => {
    const dir = makeDirectory();
    const t = dir.createTenant('acme');
    build(t, 'Old');
    const same = dir.loadTenant(tenantSnap());
    expect(same).toBe(t);
    expect(t.listOus({}).data.map((o) => o.name)).toEqual(['Company', 'Engineering', 'Platform', 'Sales']);
  });

  it.each([
    ['unknown parent', (s: TenantSnapshot) => { s.ous[1]!.parent_id = 'zz'; }, ['ous', 1, 'parent_id']],
    ['cycle', (s: TenantSnapshot) => { s.ous[2]!.parent_id = 'c'; }, ['ous', 0, 'parent_id']],
    ['self parent', (s: TenantSnapshot) => { s.ous[3]!.parent_id = 'd'; }, ['ous', 3, 'parent_id']],
    ['duplicate id', (s: TenantSnapshot) => { s.ous[3]!.id = 'a'; }, ['ous', 3, 'id']],
    ['sibling clash', (s: TenantSnapshot) => { s.ous[3]!.name = ' COMPANY '; }, ['ous', 3, 'name']],
    ['bad name', (s: TenantSnapshot) => { s.ous[2]!.name = 'a/b'; }, ['ous', 2, 'name']],
    ['bad created_at', (s: TenantSnapshot) => { s.ous[0]!.created_at = 'yesterday'; }, ['ous', 0, 'created_at']],
    ['bad attributes', (s: TenantSnapshot) => { s.ous[0]!.custom_attributes = [] as never; }, ['ous', 0, 'custom_attributes']],
    ['user unknown OU', (s: TenantSnapshot) => { s.users[1]!.ou_id = 'zz'; }, ['users', 1, 'ou_id']],
    ['duplicate user', (s: TenantSnapshot) => { s.users[1]!.id = 'u1'; }, ['users', 1, 'id']],
    ['bad email', (s: TenantSnapshot) => { s.users[0]!.email = ''; }, ['users', 0, 'email']],
    ['missing tenant_id', (s: TenantSnapshot) => { s.tenant_id = ''; }, ['tenant_id']],
    ['ous not a list', (s: TenantSnapshot) => { s.ous = {} as never; }, ['ous']],
  ])('OU-H1 / OU-H4 / OU-H5: an invalid snapshot (%s) is a ValidationError naming the item and changes nothing', (_what, spoil, loc) => {
    const dir = makeDirectory();
    const t = dir.createTenant('acme');
    build(t, 'Keep');
    const s = tenantSnap();
    spoil(s);
    expect(issuesOf(() => dir.loadTenant(s))[0]!.loc).toEqual(loc);
    expect(t.listOus({}).data.map((o) => o.name)).toEqual(['Keep']);
  });

  it('fromSnapshot checks version and tenants, prefixing locations with the tenant index', () => {
    expect(issuesOf(() => Directory.fromSnapshot({ version: 2, tenants: [] } as never))[0]!.loc).toEqual(['version']);
    const bad = tenantSnap();
    bad.ous[0]!.name = '';
    const ok = { ...tenantSnap(), tenant_id: 'ok' };
    expect(issuesOf(() => Directory.fromSnapshot({ version: 1, tenants: [ok, bad] }))[0]!.loc).toEqual(['tenants', 1, 'ous', 0, 'name']);
    expect(issuesOf(() => Directory.fromSnapshot({ version: 1, tenants: [ok, ok] }))[0]!.loc).toEqual(['tenants', 1, 'tenant_id']);
  });
});

describe('Directory', () => {
  it('creates, finds, lists and deletes tenants', () => {
    const dir = makeDirectory();
    dir.createTenant('b');
    dir.createTenant('a');
    expect(dir.tenantIds()).toEqual(['b', 'a']);
    expect(dir.hasTenant('a')).toBe(true);
    expect(() => dir.createTenant('a')).toThrow(ConflictError);
    expect(() => dir.createTenant('')).toThrow(ValidationError);
    expect(() => dir.tenant('zz')).toThrow(NotFoundError);
    dir.deleteTenant('a');
    expect(dir.hasTenant('a')).toBe(false);
    expect(() => dir.deleteTenant('a')).toThrow(NotFoundError);
    expect(dir.toSnapshot()).toEqual({ version: 1, tenants: [{ tenant_id: 'b', ous: [], users: [] }] });
  });

  it('defaults to the real clock and random UUIDs', () => {
    const t = new Directory().createTenant('t');
    const made = t.createOu({ name: 'A' });
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(made.created_at) - Date.now())).toBeLessThan(60_000);
  });
});
