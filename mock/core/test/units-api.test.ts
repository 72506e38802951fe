/** The neutral UnitsApi of a Tenant (units.ts): views, dialect fields and their unique indexes, queries, delete plans. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../directory.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import type { UnitView } from '../units.ts';
import { makeDirectory, makeTenant, tick } from './helpers.ts';

/** The DomainError `fn` throws, as kind/reason/field. */
function domainError(fn: () => unknown): { kind: string; reason: string; field?: string } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { kind: e.kind, reason: e.reason, ...(e.field === undefined ? {} : { field: e.field }) };
  }
  throw new Error('expected a DomainError');
}

/** A/B/C, A/D, E; the units by name. */
function sample(t: Tenant): Record<string, UnitView> {
  const a = t.createUnit({ name: 'A', fields: { code: 'a' } });
  const b = t.createUnit({ name: 'B', parentId: a.id });
  const c = t.createUnit({ name: 'c', parentId: b.id, fields: { code: 'c' } });
  const d = t.createUnit({ name: 'D', parentId: a.id });
  const e = t.createUnit({ name: 'E' });
  return { a, b, c, d, e };
}

describe('createUnit / getUnit / updateUnit', () => {
  it('answers a full view: path, lineage, depth, counts, stamps, fields', () => {
    const t = makeTenant();
    const { a, c } = sample(t);
    expect(t.getUnit(c.id)).toEqual({
      id: c.id,
      name: 'c',
      description: null,
      parentId: t.queryUnits({ where: { nameContains: 'B' } }).items[0]!.id,
      path: '/A/B/c',
      lineage: ['A', 'B', 'c'],
      depth: 3,
      createdAt: c.createdAt,
      updatedAt: null,
      childCount: 0,
      userCount: 0,
      customAttributes: null,
      fields: { code: 'c', externalId: null, ad: {}, protected: false },
    });
    expect(t.getUnit(a.id)).toMatchObject({ childCount: 2, depth: 1, lineage: ['A'] });
    expect(t.findUnit('nope')).toBeUndefined();
  });

  it('throws neutral DomainErrors naming the field', () => {
    const t = makeTenant();
    const { a, b } = sample(t);
    expect(domainError(() => t.getUnit('x'))).toEqual({ kind: 'not_found', reason: 'unit_not_found', field: 'id' });
    expect(domainError(() => t.createUnit({ name: ' ' }))).toEqual({ kind: 'invalid', reason: 'name_blank', field: 'name' });
    expect(domainError(() => t.createUnit({ name: 'a/b' }))).toEqual({ kind: 'invalid', reason: 'name_slash', field: 'name' });
    expect(domainError(() => t.createUnit({ name: 'x'.repeat(256) }))).toEqual({ kind: 'invalid', reason: 'name_too_long', field: 'name' });
    expect(domainError(() => t.createUnit({ name: 'X', parentId: 'x' }))).toEqual({ kind: 'not_found', reason: 'parent_not_found', field: 'parent' });
    expect(domainError(() => t.createUnit({ name: 'a' }))).toEqual({ kind: 'conflict', reason: 'name_taken', field: 'name' });
    expect(domainError(() => t.updateUnit(a.id, { parentId: b.id }))).toEqual({ kind: 'conflict', reason: 'cycle', field: 'parent' });
    expect(domainError(() => t.createUnit({ name: 'Z', fields: { code: '' } }))).toEqual({ kind: 'invalid', reason: 'bad_value', field: 'code' });
  });

  it('updates only what the patch names, stamps updatedAt and carries paths along', () => {
    const t = makeTenant();
    const { b, c, e } = sample(t);
    const moved = t.updateUnit(b.id, { parentId: e.id, name: 'Bee', fields: { ad: { l: 'Paris' } } });
    expect(moved).toMatchObject({ path: '/E/Bee', lineage: ['E', 'Bee'], updatedAt: tick(5) });
    expect(moved.fields).toEqual({ code: null, externalId: null, ad: { l: 'Paris' }, protected: false });
    expect(t.getUnit(c.id).path).toBe('/E/Bee/c');
    expect(t.getUnit(c.id).fields.code).toBe('c');
    const top = t.updateUnit(c.id, { parentId: null, description: 'd' });
    expect(top).toMatchObject({ parentId: null, path: '/c', description: 'd', depth: 1 });
  });

  it('copies custom attributes in and out', () => {
    const t = makeTenant();
    const attrs = { cost: { center: 1 } };
    const u = t.createUnit({ name: 'A', customAttributes: attrs });
    attrs.cost.center = 2;
    expect(t.getUnit(u.id).customAttributes).toEqual({ cost: { center: 1 } });
  });
});

describe('codes and external ids are unique per tenant', () => {
  it('code: exact match, refused when taken, freed when the unit goes or changes code', () => {
    const t = makeTenant();
    const { a, c } = sample(t);
    expect(t.unitByCode('a')?.id).toBe(a.id);
    expect(t.unitByCode('A')).toBeUndefined();
    expect(t.createUnit({ name: 'A2', fields: { code: 'A' } }).fields.code).toBe('A');
    expect(domainError(() => t.createUnit({ name: 'X', fields: { code: 'a' } }))).toEqual({ kind: 'conflict', reason: 'code_taken', field: 'code' });
    expect(domainError(() => t.updateUnit(c.id, { fields: { code: 'a' } }))).toMatchObject({ reason: 'code_taken' });
    t.updateUnit(a.id, { fields: { code: null } });
    expect(t.unitByCode('a')).toBeUndefined();
    t.updateUnit(c.id, { fields: { code: 'a' } });
    expect(t.unitByCode('a')?.id).toBe(c.id);
    t.applyDelete(t.planDelete(c.id, 'block'));
    expect(t.unitByCode('a')).toBeUndefined();
    expect(t.createUnit({ name: 'Y', fields: { code: 'a' } }).fields.code).toBe('a');
  });

  it('the default external id is the unit id under (build_in, tenant id); explicit ids are per source', () => {
    const t = makeTenant();
    const { a, b } = sample(t);
    expect(t.unitByExternalId('build_in', 'acme', a.id)?.id).toBe(a.id);
    expect(t.unitByExternalId('build_in', 'other', a.id)).toBeUndefined();
    const ext = { sourceType: 'ldap', sourceId: 'corp', value: 'X1' };
    t.updateUnit(b.id, { fields: { externalId: ext } });
    expect(t.unitByExternalId('ldap', 'corp', 'X1')?.id).toBe(b.id);
    // b's default is gone while it has an explicit one.
    expect(t.unitByExternalId('build_in', 'acme', b.id)).toBeUndefined();
    expect(t.createUnit({ name: 'Z', fields: { externalId: { ...ext, sourceId: 'other' } } }).name).toBe('Z');
    expect(domainError(() => t.createUnit({ name: 'Q', fields: { externalId: ext } }))).toEqual({
      kind: 'conflict',
      reason: 'external_id_taken',
      field: 'externalId',
    });
  });

  it("an explicit (build_in, tenant, X) collides with unit X's default, both ways, and new ids avoid it", () => {
    let n = 0;
    const t = new Directory({ newId: () => `u${++n}` }).createTenant('acme');
    const u1 = t.createUnit({ name: 'One' });
    const claim = { sourceType: 'build_in', sourceId: 'acme', value: u1.id };
    expect(domainError(() => t.createUnit({ name: 'Two', fields: { externalId: claim } }))).toMatchObject({ reason: 'external_id_taken' });
    // u1 takes an explicit id of its own: its default is free, another unit may claim it.
    t.updateUnit(u1.id, { fields: { externalId: { sourceType: 'scim', sourceId: 's', value: 'v' } } });
    const two = t.createUnit({ name: 'Two', fields: { externalId: claim } });
    expect(t.unitByExternalId('build_in', 'acme', 'u1')?.id).toBe(two.id);
    // ... and u1 may no longer fall back to its default.
    expect(domainError(() => t.updateUnit(u1.id, { fields: { externalId: null } }))).toMatchObject({ reason: 'external_id_taken' });
    // A unit claims the next id the generator will hand out: the generator's id is skipped.
    t.createUnit({ name: 'Three', fields: { externalId: { sourceType: 'build_in', sourceId: 'acme', value: 'u4' } } });
    expect(t.createUnit({ name: 'Four' }).id).toBe('u5');
  });
});

describe('queryUnits', () => {
  it('filters by name (case-insensitive, literal), code, parent and a predicate; path order by default', () => {
    const t = makeTenant();
    const { a } = sample(t);
    const paths = (q: Parameters<Tenant['queryUnits']>[0]) => t.queryUnits(q).items.map((u) => u.path);
    expect(paths({})).toEqual(['/A', '/A/B', '/A/B/c', '/A/D', '/E']);
    expect(paths({ where: { nameContains: 'C' } })).toEqual(['/A/B/c']);
    expect(paths({ where: { nameContains: '.' } })).toEqual([]);
    expect(paths({ where: { code: 'c' } })).toEqual(['/A/B/c']);
    expect(paths({ where: { code: 'c', parentId: null } })).toEqual([]);
    expect(paths({ where: { parentId: null } })).toEqual(['/A', '/E']);
    expect(paths({ where: { parentId: a.id, nameContains: 'd' } })).toEqual(['/A/D']);
    expect(paths({ where: { parentId: 'unknown' } })).toEqual([]);
    expect(paths({ where: { test: (u) => u.depth === 2 } })).toEqual(['/A/B', '/A/D']);
  });

  it('orders by any key list, ties by ascending id, and windows after counting', () => {
    const t = makeTenant();
    sample(t);
    const names = (q: Parameters<Tenant['queryUnits']>[0]) => t.queryUnits(q).items.map((u) => u.name);
    expect(names({ orderBy: [{ key: 'name', desc: true }] })).toEqual(['E', 'D', 'c', 'B', 'A']);
    expect(names({ orderBy: [{ key: 'code' }, { key: 'name' }] })).toEqual(['A', 'c', 'B', 'D', 'E']);
    expect(names({ orderBy: [{ key: 'createdAt', desc: true }] })).toEqual(['E', 'D', 'c', 'B', 'A']);
    expect(names({ orderBy: [{ key: 'path', desc: true }] })).toEqual(['E', 'D', 'c', 'B', 'A']);
    const page = t.queryUnits({ window: { offset: 1, limit: 2 } });
    expect(page.total).toBe(5);
    expect(page.items.map((u) => u.name)).toEqual(['B', 'c']);
    expect(t.queryUnits({ window: { offset: 9, limit: 2 } })).toEqual({ total: 5, items: [] });
    expect(domainError(() => t.queryUnits({ window: { offset: -1, limit: 2 } }))).toEqual({ kind: 'invalid', reason: 'bad_value' });
  });

  it('property: every window of every order is a slice of the whole ordered result (total, stable)', () => {
    const dir = makeDirectory();
    const t = dir.createTenant('acme');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const parentId = i % 3 === 0 || ids.length === 0 ? null : ids[i % ids.length]!;
      ids.push(t.createUnit({ name: `N${(i * 7) % 13}-${i}`, parentId, fields: i % 4 === 0 ? { code: `k${i % 5}${i}` } : {} }).id);
    }
    const key = fc.constantFrom('path', 'name', 'createdAt', 'code', 'id' as const);
    fc.assert(
      fc.property(
        fc.array(fc.record({ key, desc: fc.boolean() }), { maxLength: 3 }),
        fc.option(fc.constantFrom('n', '1', '-', 'x'), { nil: undefined }),
        fc.nat(45),
        fc.nat(45),
        (orderBy, nameContains, offset, limit) => {
          const where = nameContains === undefined ? {} : { nameContains };
          const all = t.queryUnits({ where, orderBy });
          const page = t.queryUnits({ where, orderBy, window: { offset, limit } });
          expect(page.total).toBe(all.total);
          expect(all.items.length).toBe(all.total);
          expect(page.items).toEqual(all.items.slice(offset, offset + limit));
          expect(new Set(all.items.map((u) => u.id)).size).toBe(all.total);
          // Walking the pages visits every match exactly once.
          const walked: string[] = [];
          const size = Math.max(limit, 1);
          for (let at = 0; at < all.total; at += size) {
            walked.push(...t.queryUnits({ where, orderBy, window: { offset: at, limit: size } }).items.map((u) => u.id));
          }
          expect(walked).toEqual(all.items.map((u) => u.id));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('planDelete / applyDelete', () => {
  function withUsers(): { t: Tenant; u: Record<string, UnitView> } {
    const t = makeTenant();
    const u = sample(t);
    t.createUser({ id: 'ann', email: 'ann@x.test', displayName: 'Ann', unitId: u.b!.id });
    t.createUser({ id: 'cid', email: 'cid@x.test', displayName: 'Cid', unitId: u.c!.id });
    t.createUser({ id: 'eve', email: 'eve@x.test', displayName: 'Eve', unitId: u.e!.id });
    return { t, u };
  }

  it('a plan lists exactly what its delete removes; planning changes nothing', () => {
    const { t, u } = withUsers();
    const before = JSON.stringify(t.toSnapshot());
    const plan = t.planDelete(u.b!.id, 'force');
    expect(plan).toMatchObject({ unitId: u.b!.id, mode: 'force', leaf: false });
    expect(plan.units.map((x) => x.name)).toEqual(['B', 'c']);
    expect(plan.users).toEqual([
      { id: 'ann', email: 'ann@x.test' },
      { id: 'cid', email: 'cid@x.test' },
    ]);
    expect(JSON.stringify(t.toSnapshot())).toBe(before);
    t.applyDelete(plan);
    expect(t.findUnit(u.b!.id)).toBeUndefined();
    expect(t.findUnit(u.c!.id)).toBeUndefined();
    expect(t.toSnapshot().users.map((x) => x.id)).toEqual(['eve']);
    expect(t.getUnit(u.a!.id).childCount).toBe(1);
  });

  it('block refuses children and users; move_up and cascade keep the users', () => {
    const { t, u } = withUsers();
    expect(domainError(() => t.planDelete(u.a!.id, 'block'))).toEqual({ kind: 'conflict', reason: 'has_children', field: 'id' });
    expect(domainError(() => t.planDelete(u.e!.id, 'block'))).toEqual({ kind: 'conflict', reason: 'has_users', field: 'id' });
    expect(t.planDelete(u.d!.id, 'block')).toMatchObject({ leaf: true, users: [] });
    t.applyDelete(t.planDelete(u.b!.id, 'move_up'));
    expect(t.getUnit(u.c!.id).path).toBe('/A/c');
    expect(t.usersOf(u.a!.id, false).map((x) => x.id)).toEqual(['ann']);
    t.applyDelete(t.planDelete(u.a!.id, 'cascade'));
    expect(t.toSnapshot().users.map((x) => [x.id, x.ou_id])).toEqual([
      ['ann', null],
      ['cid', null],
      ['eve', u.e!.id],
    ]);
  });

  it('protected: refuses every mode, for the unit and for a protected unit in the subtree', () => {
    const { t, u } = withUsers();
    t.updateUnit(u.c!.id, { fields: { protected: true } });
    for (const mode of ['block', 'move_up', 'cascade', 'force'] as const) {
      expect(domainError(() => t.planDelete(u.c!.id, mode))).toMatchObject({ kind: 'conflict', reason: 'protected' });
    }
    expect(domainError(() => t.planDelete(u.a!.id, 'cascade'))).toMatchObject({ reason: 'protected' });
    expect(t.planDelete(u.b!.id, 'move_up').units.map((x) => x.name)).toEqual(['B']);
  });

  it('a stale plan is made again on the current state before it is applied', () => {
    const { t, u } = withUsers();
    const plan = t.planDelete(u.b!.id, 'force');
    t.createUnit({ name: 'Late', parentId: u.c!.id });
    t.updateUnit(u.c!.id, { fields: { protected: true } });
    expect(domainError(() => t.applyDelete(plan))).toMatchObject({ reason: 'protected' });
    t.updateUnit(u.c!.id, { fields: { protected: false } });
    t.applyDelete(plan);
    expect(t.queryUnits().items.map((x) => x.path)).toEqual(['/A', '/A/D', '/E']);
    // A plan of another tenant is never applied as such.
    const other = new Directory({ newId: () => 'g1' }).createTenant('globex');
    const d = other.createUnit({ name: 'A' });
    expect(domainError(() => t.applyDelete(other.planDelete(d.id, 'block')))).toMatchObject({ reason: 'unit_not_found' });
  });

  it('usersOf: direct or the whole subtree, in list order', () => {
    const { t, u } = withUsers();
    expect(t.usersOf(u.a!.id, false)).toEqual([]);
    expect(t.usersOf(u.a!.id, true)).toEqual([
      { id: 'ann', email: 'ann@x.test', displayName: 'Ann', unitId: u.b!.id },
      { id: 'cid', email: 'cid@x.test', displayName: 'Cid', unitId: u.c!.id },
    ]);
    expect(domainError(() => t.usersOf('x', true))).toMatchObject({ reason: 'unit_not_found' });
  });
});

describe('snapshots keep the dialect fields', () => {
  it('round-trips them, writes nothing for units without any, and refuses duplicates', () => {
    const t = makeTenant();
    const { b, e } = sample(t);
    t.updateUnit(b.id, { fields: { externalId: { sourceType: 'ldap', sourceId: 'corp', value: 'x' }, ad: { l: 'Paris' }, protected: true } });
    const snap = t.toSnapshot();
    expect(snap.ous.find((o) => o.id === e.id)).not.toHaveProperty('code');
    expect(snap.ous.find((o) => o.id === b.id)).toMatchObject({
      external_id: { source_type: 'ldap', source_id: 'corp', value: 'x' },
      ad_attributes: { l: 'Paris' },
      protected: true,
    });
    const back = new Directory().loadTenant(snap);
    expect(back.getUnit(b.id).fields).toEqual(t.getUnit(b.id).fields);
    expect(back.unitByCode('c')?.path).toBe('/A/B/c');
    const dup = { ...snap, ous: snap.ous.map((o) => (o.id === e.id ? { ...o, code: 'a' } : o)) };
    expect(() => new Directory().loadTenant(dup)).toThrow(/code "a" is already used/);
  });
});
