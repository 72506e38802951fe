import { describe, expect, it } from 'vitest';
import { TestDirectory as Directory } from './helpers.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../mock/http/typed-errors.ts';
import { build, issuesOf, makeTenant, tick } from './helpers.ts';

describe('createOu', () => {
  it('OU-C1: answers the new OU with created_at set, updated_at null and zero counts', () => {
    const t = makeTenant();
    expect(t.createOu({ name: 'Engineering', description: 'R&D' })).toEqual({
      name: 'Engineering',
      description: 'R&D',
      id: 'id-1',
      path: '/Engineering',
      parent_id: null,
      child_ou_count: 0,
      user_count: 0,
      children: [],
      custom_attributes: null,
      created_at: tick(0),
      updated_at: null,
    });
  });

  it('OU-C1: keys come in the schema order of OUResponse', () => {
    expect(Object.keys(makeTenant().createOu({ name: 'A' }))).toEqual([
      'name', 'description', 'id', 'path', 'parent_id', 'child_ou_count', 'user_count',
      'children', 'custom_attributes', 'created_at', 'updated_at',
    ]);
  });

  it('OU-C2: a parent_id naming no OU of this tenant is NotFoundError and creates nothing', () => {
    const t = makeTenant();
    expect(() => t.createOu({ name: 'A', parent_id: 'nope' })).toThrow(NotFoundError);
    expect(t.counts()).toEqual({ ous: 0, users: 0 });
  });

  it('OU-C2 / OU-H2: a child gets the parent path plus its name', () => {
    const t = makeTenant();
    const { 'A/B': b } = build(t, 'A', 'A/B');
    expect(t.createOu({ name: 'C', parent_id: b!.id }).path).toBe('/A/B/C');
  });

  it('OU-C3: custom_attributes are stored and returned as given, __proto__ key included, nothing polluted', () => {
    const t = makeTenant();
    const given = JSON.parse('{"__proto__": {"polluted": true}, "nested": {"list": [1, "two", null]}, "n": 1.5}');
    const made = t.createOu({ name: 'A', custom_attributes: given });
    const read = t.getOu(made.id).custom_attributes!;
    expect(Object.keys(read)).toEqual(['__proto__', 'nested', 'n']);
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toEqual({ polluted: true });
    expect(JSON.stringify(read)).toBe('{"__proto__":{"polluted":true},"nested":{"list":[1,"two",null]},"n":1.5}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });

  it('OU-C3: stored attributes never alias the caller object, and the returned ones cannot change the store', () => {
    const t = makeTenant();
    const given = { a: { b: 1 } };
    const made = t.createOu({ name: 'A', custom_attributes: given });
    given.a.b = 2;
    // Shared with the store, deep-frozen: a write throws (ESM is strict) instead of changing it.
    expect(() => {
      (made.custom_attributes as { a: { b: number } }).a.b = 3;
    }).toThrow(TypeError);
    expect(t.getOu(made.id).custom_attributes).toEqual({ a: { b: 1 } });
  });

  it('OU-C3: non-object custom_attributes is a ValidationError at body.custom_attributes', () => {
    const t = makeTenant();
    for (const bad of [[1], 'x', 3]) {
      expect(issuesOf(() => t.createOu({ name: 'A', custom_attributes: bad as never }))).toEqual([
        { loc: ['body', 'custom_attributes'], msg: expect.any(String), type: 'dict_type' },
      ]);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(issuesOf(() => t.createOu({ name: 'A', custom_attributes: cyclic }))).toEqual([
      { loc: ['body', 'custom_attributes'], msg: expect.any(String), type: 'json_invalid' },
    ]);
    expect(t.counts().ous).toBe(0);
  });

  it('OU-H5: the name is stored trimmed', () => {
    expect(makeTenant().createOu({ name: ' \t Sales \n' })).toMatchObject({ name: 'Sales', path: '/Sales' });
  });

  it.each([
    ['', 'string_too_short'],
    ['   ', 'string_too_short'],
    ['a/b', 'string_pattern_mismatch'],
    ['x'.repeat(256), 'string_too_long'],
    [42, 'string_type'],
    [null, 'string_type'],
  ])('OU-H5: name %j is a ValidationError at body.name (%s)', (name, type) => {
    const t = makeTenant();
    expect(issuesOf(() => t.createOu({ name: name as string }))).toEqual([{ loc: ['body', 'name'], msg: expect.any(String), type }]);
    expect(t.counts().ous).toBe(0);
  });

  it('OU-H5: 255 characters after trimming is the limit, counted in code points', () => {
    const t = makeTenant();
    expect(t.createOu({ name: ` ${'x'.repeat(255)} ` }).name).toHaveLength(255);
    expect(Array.from(t.createOu({ name: '😀'.repeat(255) }).name)).toHaveLength(255);
    expect(() => t.createOu({ name: '😀'.repeat(256) })).toThrow(ValidationError);
  });

  it('OU-E3: a missing name, a non-object body and wrong field types name the field', () => {
    const t = makeTenant();
    expect(issuesOf(() => t.createOu({} as never))).toEqual([{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }]);
    expect(issuesOf(() => t.createOu(null as never))).toEqual([{ loc: ['body'], msg: expect.any(String), type: 'model_attributes_type' }]);
    expect(issuesOf(() => t.createOu({ name: 'A', description: 5 as never }))).toEqual([
      { loc: ['body', 'description'], msg: expect.any(String), type: 'string_type' },
    ]);
    expect(issuesOf(() => t.createOu({ name: 'A', parent_id: 5 as never }))).toEqual([
      { loc: ['body', 'parent_id'], msg: expect.any(String), type: 'string_type' },
    ]);
  });

  it('OU-H4: a sibling name equal case-insensitively is a ConflictError and creates nothing; cousins may share it', () => {
    const t = makeTenant();
    const { A: a, B: b } = build(t, 'A', 'B', 'A/Ops');
    expect(() => t.createOu({ name: 'a' })).toThrow(ConflictError);
    expect(() => t.createOu({ name: ' OPS ', parent_id: a!.id })).toThrow(ConflictError);
    expect(t.counts().ous).toBe(3);
    expect(t.createOu({ name: 'ops', parent_id: b!.id }).path).toBe('/B/ops');
  });

  it('ids are never reused in a tenant, even when newId repeats one', () => {
    const ids = ['x', 'x', 'y', 'x', 'y', 'z'];
    const t = new Directory({ newId: () => ids.shift()! }).createTenant('t');
    const first = t.createOu({ name: 'A' });
    expect(first.id).toBe('x');
    expect(t.createOu({ name: 'B' }).id).toBe('y');
    t.deleteOu('x');
    expect(t.createOu({ name: 'C' }).id).toBe('z');
  });
});
