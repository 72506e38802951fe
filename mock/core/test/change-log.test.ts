/** UnitsApi.changesSince: which units each command changed, and where the feed stops knowing. */
import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../change-log.ts';
import { makeDirectory, makeTenant } from './helpers.ts';

describe('changesSince', () => {
  it('names the units each command touched, a rename or move with its subtree', () => {
    const t = makeTenant();
    const eng = t.createUnit({ name: 'Engineering' });
    const web = t.createUnit({ name: 'Web', parentId: eng.id });
    const ops = t.createUnit({ name: 'Ops' });
    let at = t.revision;
    const since = (): ReturnType<typeof t.changesSince> => {
      const changes = t.changesSince(at);
      at = t.revision;
      return changes;
    };
    expect(since()).toEqual([]);
    t.updateUnit(web.id, { description: 'front end' });
    expect(since()).toEqual([{ id: web.id, subtree: false }]);
    t.updateUnit(eng.id, { name: 'R&D' });
    expect(since()).toContainEqual({ id: eng.id, subtree: true });
    t.updateUnit(web.id, { parentId: ops.id });
    expect(since()).toContainEqual({ id: web.id, subtree: true });
    t.updateUnit(ops.id, { fields: { ad: { l: 'Berlin' } } });
    expect(since()).toContainEqual({ id: ops.id, subtree: false });
    t.applyDelete(t.planDelete(ops.id, 'cascade'));
    expect(since()?.map((c) => c.id)).toEqual(expect.arrayContaining([ops.id, web.id]));
    const made = t.createUnit({ name: 'New' });
    expect(since()).toEqual([{ id: made.id, subtree: false }]);
  });

  it('names nothing for a change of users only, and a failed command changes nothing', () => {
    const t = makeTenant();
    const eng = t.createUnit({ name: 'Engineering' });
    t.createUnit({ name: 'Ops' });
    const at = t.revision;
    t.createUser({ email: 'a@acme.test', displayName: 'A', unitId: eng.id });
    expect(() => t.updateUnit(eng.id, { name: 'Ops' })).toThrow();
    expect(t.changesSince(at)).toEqual([]);
  });

  it('does not reach back past a reset of the tenant', () => {
    const dir = makeDirectory();
    const t = dir.createTenant('acme');
    t.createUnit({ name: 'Engineering' });
    const at = t.revision;
    dir.loadTenant(t.toSnapshot());
    expect(t.changesSince(at)).toBeUndefined();
    expect(t.changesSince(t.revision)).toEqual([]);
  });
});

describe('ChangeLog', () => {
  it('forgets its oldest half past its size, and says so to a reader that far behind', () => {
    const log = new ChangeLog(0, 4);
    for (let r = 1; r <= 5; r++) log.record(r, `u${r}`, false);
    expect(log.since(1)).toBeUndefined();
    expect(log.since(2)?.map((c) => c.id)).toEqual(['u3', 'u4', 'u5']);
    expect(log.since(5)).toEqual([]);
  });

  it('keeps or drops the changes of one revision together', () => {
    const log = new ChangeLog(0, 4);
    log.record(1, 'a', false);
    log.record(2, 'b', false);
    log.record(2, 'c', false);
    log.record(2, 'd', false);
    log.record(3, 'e', false);
    expect(log.since(1)).toBeUndefined();
    expect(log.since(2)?.map((c) => c.id)).toEqual(['e']);
  });
});
