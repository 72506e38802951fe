import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../../mock/core/units.ts';
import { rootOf, unitOf } from '../views.ts';

const base: UnitView = {
  id: 'u1',
  name: 'Sales',
  description: null,
  parentId: null,
  path: '/Sales',
  lineage: ['Sales'],
  depth: 0,
  createdAt: '2026-01-02T03:04:05.678Z',
  updatedAt: null,
  childCount: 0,
  userCount: 0,
  customAttributes: null,
  fields: { code: null, externalId: null, ad: {}, protected: false },
};

describe('idaas views', () => {
  it('a top-level unit has the root as parent, its id as external id, times in Unix ms', () => {
    expect(unitOf(base, 'acme')).toEqual({
      instanceId: 'acme',
      organizationalUnitId: 'u1',
      organizationalUnitName: 'Sales',
      parentId: 'ou_root',
      organizationalUnitExternalId: 'u1',
      organizationalUnitSourceType: 'build_in',
      organizationalUnitSourceId: 'acme',
      createTime: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
      updateTime: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    });
  });

  it('a stored external id, a description, a parent and a change show', () => {
    const unit = { ...base, parentId: 'p', description: 'd', updatedAt: '2026-01-03T00:00:00.000Z', fields: { ...base.fields, externalId: { sourceType: 'build_in', sourceId: 'acme', value: 'ext-1' } } };
    expect(unitOf(unit, 'acme')).toMatchObject({ parentId: 'p', description: 'd', organizationalUnitExternalId: 'ext-1', updateTime: Date.UTC(2026, 0, 3) });
  });

  it('the root has no parent', () => {
    const root = rootOf('acme');
    expect(root.organizationalUnitId).toBe('ou_root');
    expect('parentId' in root).toBe(false);
  });
});
