import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../mock/http/typed-errors.ts';
import type { Tenant } from './helpers.ts';
import { build, issuesOf, makeTenant } from './helpers.ts';

/** 45 top-level OUs "ou-00".."ou-44" (lower-cased path order = name order). */
function many(n = 45): Tenant {
  const t = makeTenant();
  for (let i = 0; i < n; i++) t.createOu({ name: `ou-${String(i).padStart(2, '0')}` });
  return t;
}

describe('listOus', () => {
  it('OU-L1: defaults are page 1 and per_page 20', () => {
    const res = many().listOus({});
    expect(res.pagination).toEqual({ page: 1, per_page: 20, total_items: 45, total_pages: 3 });
    expect(res.data).toHaveLength(20);
    expect(res.data[0]!.name).toBe('ou-00');
    expect(many().listOus().pagination.per_page).toBe(20);
  });

  it.each([
    [{ page: 0 }, 'page', 'greater_than_equal'],
    [{ page: -1 }, 'page', 'greater_than_equal'],
    [{ page: 1.5 }, 'page', 'int_type'],
    [{ page: '2' }, 'page', 'int_type'],
    [{ per_page: 0 }, 'per_page', 'greater_than_equal'],
    [{ per_page: 101 }, 'per_page', 'less_than_equal'],
    [{ per_page: Number.NaN }, 'per_page', 'int_type'],
  ])('OU-L1: %j is a ValidationError at query.%s (%s)', (q, field, type) => {
    expect(issuesOf(() => many(1).listOus(q as never))).toEqual([{ loc: ['query', field], msg: expect.any(String), type }]);
  });

  it('OU-L1: per_page 1 and 100 are accepted', () => {
    expect(many().listOus({ per_page: 1 }).data).toHaveLength(1);
    expect(many().listOus({ per_page: 100 }).data).toHaveLength(45);
  });

  it('OU-L2: pagination math: echoes, total_pages = ceil, data = min(per_page, rest)', () => {
    const t = many();
    expect(t.listOus({ page: 3, per_page: 20 })).toMatchObject({
      pagination: { page: 3, per_page: 20, total_items: 45, total_pages: 3 },
    });
    expect(t.listOus({ page: 3, per_page: 20 }).data.map((o) => o.name)).toEqual(['ou-40', 'ou-41', 'ou-42', 'ou-43', 'ou-44']);
    expect(t.listOus({ page: 5, per_page: 9 }).pagination).toEqual({ page: 5, per_page: 9, total_items: 45, total_pages: 5 });
    expect(t.listOus({ page: 5, per_page: 9 }).data).toHaveLength(9);
    expect(t.listOus({ per_page: 7 }).pagination.total_pages).toBe(7);
    expect(makeTenant().listOus({}).pagination).toEqual({ page: 1, per_page: 20, total_items: 0, total_pages: 0 });
  });

  it('OU-L3: a page past the last has empty data and the true totals', () => {
    const t = many();
    expect(t.listOus({ page: 4 })).toEqual({ data: [], pagination: { page: 4, per_page: 20, total_items: 45, total_pages: 3 } });
    expect(t.listOus({ page: Number.MAX_SAFE_INTEGER }).data).toEqual([]);
  });

  it('OU-L4: walking all pages returns every OU exactly once, ordered by lower-cased path then id', () => {
    const t = makeTenant();
    const m = build(t, 'b', 'B2', 'a', 'a/Z', 'a/y', 'A b', 'a/y/X', '_');
    const walked: string[] = [];
    for (let page = 1; page <= 4; page++) walked.push(...t.listOus({ page, per_page: 3 }).data.map((o) => o.path));
    expect(walked).toEqual(['/_', '/a', '/A b', '/a/y', '/a/y/X', '/a/Z', '/b', '/B2']);
    expect(t.listOus({ page: 1, per_page: 3 }).data[1]).toEqual({ id: m.a!.id, name: 'a', path: '/a', parent_id: null, user_count: 0 });
  });

  it('OU-L4: order stays right after creates, renames, moves and deletes', () => {
    const t = makeTenant();
    const m = build(t, 'm', 'm/c', 'z');
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/m', '/m/c', '/z']);
    t.createOu({ name: 'a' });
    t.updateOu(m.z!.id, { name: 'B' });
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/a', '/B', '/m', '/m/c']);
    t.updateOu(m['m/c']!.id, { parent_id: null });
    t.deleteOu(m.m!.id);
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/a', '/B', '/c']);
  });

  it('OU-L4: order stays right after changes too large to patch in place (the sorted index is rebuilt)', () => {
    const t = makeTenant();
    const { Big: big, Small: small } = build(t, 'Big', 'Small');
    for (let i = 0; i < 80; i++) t.createOu({ name: `c${String(i).padStart(2, '0')}`, parent_id: big!.id });
    expect(t.listOus({ per_page: 2 }).data.map((o) => o.path)).toEqual(['/Big', '/Big/c00']);
    t.updateOu(big!.id, { name: 'Zed' });
    expect(t.listOus({ per_page: 3 }).data.map((o) => o.path)).toEqual(['/Small', '/Zed', '/Zed/c00']);
    t.updateOu(big!.id, { parent_id: small!.id });
    expect(t.listOus({ per_page: 3 }).data.map((o) => o.path)).toEqual(['/Small', '/Small/Zed', '/Small/Zed/c00']);
    t.deleteOu(big!.id, 'MOVE_UP');
    expect(t.listOus({ page: 27, per_page: 3 }).data.map((o) => o.path)).toEqual(['/Small/c77', '/Small/c78', '/Small/c79']);
    t.deleteOu(small!.id, 'CASCADE');
    expect(t.listOus({})).toEqual({ data: [], pagination: { page: 1, per_page: 20, total_items: 0, total_pages: 0 } });
  });

  it('OU-L5: search keeps names containing the text, case-insensitively, as plain text', () => {
    const t = makeTenant();
    build(t, 'Engineering', 'Engineering/Platform Eng', 'Sales', 'a.b', 'axb', '(x)', 'x*');
    const names = (search: string) => t.listOus({ search }).data.map((o) => o.name);
    expect(names('ENG')).toEqual(['Engineering', 'Platform Eng']);
    expect(names('a.b')).toEqual(['a.b']);
    expect(names('(x')).toEqual(['(x)']);
    expect(names('x*')).toEqual(['x*']);
    expect(names('.*')).toEqual([]);
    expect(names('ineer')).toEqual(['Engineering']);
    expect(t.listOus({ search: 'eng', per_page: 1, page: 2 })).toMatchObject({
      data: [{ name: 'Platform Eng' }],
      pagination: { total_items: 2, total_pages: 2 },
    });
    expect(t.listOus({ search: null }).pagination.total_items).toBe(7);
  });

  it('OU-L5: search follows creates, renames and deletes; a name matching twice is listed once; "/" matches nothing', () => {
    const t = makeTenant();
    const m = build(t, 'abab', 'ab', 'x', 'x/zab');
    const paths = (search: string) => t.listOus({ search }).data.map((o) => o.path);
    expect(paths('ab')).toEqual(['/ab', '/abab', '/x/zab']);
    expect(paths('b')).toEqual(['/ab', '/abab', '/x/zab']);
    expect(paths('x/z')).toEqual([]);
    expect(paths('/')).toEqual([]);
    t.updateOu(m.ab!.id, { name: 'cd' });
    t.createOu({ name: 'AB2', parent_id: m.x!.id });
    t.deleteOu(m.abab!.id);
    expect(paths('ab')).toEqual(['/x/AB2', '/x/zab']);
    expect(paths('CD')).toEqual(['/cd']);
  });

  it('OU-L6: parent_id keeps only direct children; an unknown parent_id gives an empty list', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/c', 'A/B', 'A/B/deep', 'X');
    expect(t.listOus({ parent_id: m.A!.id }).data.map((o) => o.path)).toEqual(['/A/B', '/A/c']);
    expect(t.listOus({ parent_id: m.A!.id, search: 'C' }).data.map((o) => o.path)).toEqual(['/A/c']);
    expect(t.listOus({ parent_id: 'nope' })).toEqual({ data: [], pagination: { page: 1, per_page: 20, total_items: 0, total_pages: 0 } });
    expect(t.listOus({ parent_id: m.X!.id }).pagination.total_items).toBe(0);
  });

  it('OU-L7: without parent_id the list spans every depth', () => {
    const t = makeTenant();
    build(t, 'A', 'A/B', 'A/B/C', 'A/B/C/D');
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/A', '/A/B', '/A/B/C', '/A/B/C/D']);
    expect(t.listOus({ parent_id: null }).pagination.total_items).toBe(4);
  });

  it('OU-E3: search and parent_id of the wrong type name the field', () => {
    const t = makeTenant();
    expect(issuesOf(() => t.listOus({ search: 3 as never }))[0]!.loc).toEqual(['query', 'search']);
    expect(issuesOf(() => t.listOus({ parent_id: {} as never }))[0]!.loc).toEqual(['query', 'parent_id']);
    expect(() => t.listOus({ page: 0, search: 3 as never })).toThrow(ValidationError);
  });
});
