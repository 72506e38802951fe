import type { Snapshot } from '../core/index.ts';

/**
 * A small valid snapshot built in code for persistence tests, which need only the file format,
 * not realistic data (the seeded fixtures cover that). `n` varies the content so saves differ.
 */
export function tinySnapshot(n = 0, ous = 3): Snapshot {
  const tenantOus = Array.from({ length: ous }, (_, i) => ({
    id: `ou-${n}-${i}`,
    name: `Unit ${i}`,
    description: i % 2 === 0 ? null : `described ${n}`,
    parent_id: i === 0 ? null : `ou-${n}-0`,
    custom_attributes: i === 1 ? { __proto__x: 1, nested: { n } } : null,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: null,
  }));
  return {
    version: 1,
    tenants: [
      {
        tenant_id: 'acme',
        ous: tenantOus,
        users: [{ id: `user-${n}`, email: `u${n}@acme.test`, display_name: `User ${n}`, ou_id: `ou-${n}-0` }],
      },
    ],
  };
}
