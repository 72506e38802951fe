/** The tree is built once per change and shared: every kind of change must show in the next read. */
import { describe, expect, it } from 'vitest';
import { TestDirectory as Directory } from './helpers.ts';

describe('tree() reuse', () => {
  it('answers the same copy while nothing changes, and a fresh, right one after each change', () => {
    const dir = new Directory({ clock: () => new Date('2026-01-01T00:00:00Z') });
    const t = dir.createTenant('acme');
    const fresh = () => Directory.fromSnapshot(dir.toSnapshot()).tenant('acme').tree();
    const a = t.createOu({ name: 'A' });
    const b = t.createOu({ name: 'B', parent_id: a.id });
    const first = t.tree();
    expect(t.tree()).toBe(first);
    const steps: Array<() => unknown> = [
      () => t.createOu({ name: 'C', parent_id: b.id }),
      () => t.updateOu(b.id, { name: 'Bee' }),
      () => t.updateOu(b.id, { parent_id: null }),
      () => t.addUser({ email: 'u@x.test', display_name: 'U', ou_id: a.id }),
      () => t.deleteOu(b.id, 'MOVE_UP'),
      () => t.deleteOu(a.id, 'CASCADE'),
    ];
    let previous = first;
    for (const step of steps) {
      step();
      const now = t.tree();
      expect(now).toEqual(fresh());
      if (JSON.stringify(now) !== JSON.stringify(previous)) expect(now).not.toBe(previous);
      previous = now;
    }
  });
});
