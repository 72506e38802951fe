import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../mock/http/typed-errors.ts';
import { build, issuesOf, makeTenant, tick, violations } from './helpers.ts';

describe('updateOu', () => {
  it('OU-U1: only the fields present change', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A', description: 'd', custom_attributes: { k: 1 } });
    expect(t.updateOu(a.id, { description: 'e' })).toMatchObject({ name: 'A', description: 'e', custom_attributes: { k: 1 } });
    expect(t.updateOu(a.id, { custom_attributes: { j: 2 } })).toMatchObject({ description: 'e', custom_attributes: { j: 2 } });
    expect(t.updateOu(a.id, {})).toMatchObject({ name: 'A', description: 'e', custom_attributes: { j: 2 }, parent_id: null });
  });

  it('OU-U1: description: null and custom_attributes: null clear', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A', description: 'd', custom_attributes: { k: 1 } });
    expect(t.updateOu(a.id, { description: null, custom_attributes: null })).toMatchObject({
      description: null,
      custom_attributes: null,
    });
  });

  it('OU-U1: parent_id: null moves the OU to the top level', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/B', 'A/B/C');
    expect(t.updateOu(m['A/B']!.id, { parent_id: null })).toMatchObject({ parent_id: null, path: '/B' });
    expect(t.getOu(m['A/B/C']!.id).path).toBe('/B/C');
    expect(t.getOu(m.A!.id).child_ou_count).toBe(0);
  });

  it('OU-U1: name: null is a ValidationError at body.name and changes nothing', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A' });
    const before = t.toSnapshot();
    expect(() => t.updateOu(a.id, { name: null, description: 'x' })).toThrow(ValidationError);
    expect(issuesOf(() => t.updateOu(a.id, { name: null }))).toEqual([
      { loc: ['body', 'name'], msg: 'name may not be null', type: 'string_type' },
    ]);
    expect(t.toSnapshot()).toEqual(before);
  });

  it('OU-U1 / OU-H5: a new name is trimmed and validated like on create', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A' });
    expect(t.updateOu(a.id, { name: '  Ops ' }).name).toBe('Ops');
    expect(() => t.updateOu(a.id, { name: ' / ' })).toThrow(ValidationError);
    expect(() => t.updateOu(a.id, { name: '  ' })).toThrow(ValidationError);
  });

  it('OU-U1: an unknown OU or unknown parent_id is NotFoundError', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A' });
    expect(() => t.updateOu('nope', { name: 'B' })).toThrow(NotFoundError);
    expect(() => t.updateOu(a.id, { parent_id: 'nope' })).toThrow(NotFoundError);
  });

  it('OU-U2: moving an OU under itself or a descendant is ConflictError and changes nothing', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/B', 'A/B/C');
    const before = t.toSnapshot();
    expect(() => t.updateOu(m.A!.id, { parent_id: m.A!.id })).toThrow(ConflictError);
    expect(() => t.updateOu(m.A!.id, { parent_id: m['A/B']!.id, name: 'Z' })).toThrow(ConflictError);
    expect(() => t.updateOu(m.A!.id, { parent_id: m['A/B/C']!.id })).toThrow(ConflictError);
    expect(t.toSnapshot()).toEqual(before);
  });

  it('OU-H1: after moves and deletes the OUs still form a forest of this tenant\'s OUs', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/B', 'A/B/C', 'D', 'D/E');
    t.updateOu(m.D!.id, { parent_id: m['A/B/C']!.id });
    t.updateOu(m['A/B']!.id, { parent_id: null });
    t.deleteOu(m['A/B/C']!.id, 'MOVE_UP');
    const parents = Object.fromEntries(t.toSnapshot().ous.map((o) => [o.name, o.parent_id]));
    expect(parents).toEqual({ A: null, B: null, D: m['A/B']!.id, E: m.D!.id });
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/A', '/B', '/B/D', '/B/D/E']);
    expect(violations(t)).toEqual([]);
  });

  it('OU-U3: updated_at is set on every successful update; created_at and id never change', () => {
    const t = makeTenant();
    const a = t.createOu({ name: 'A' }); // clock reading 0
    const first = t.updateOu(a.id, { description: 'x' }); // reading 1
    expect(first).toMatchObject({ id: a.id, created_at: tick(0), updated_at: tick(1) });
    const second = t.updateOu(a.id, {}); // reading 2
    expect(second).toMatchObject({ id: a.id, created_at: tick(0), updated_at: tick(2) });
    expect(() => t.updateOu(a.id, { name: null })).toThrow(ValidationError);
    expect(t.getOu(a.id).updated_at).toBe(tick(2));
  });

  it('OU-H3: renaming updates the path of the OU and of every descendant in the same call', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/B', 'A/B/C', 'A/D', 'E');
    t.updateOu(m.A!.id, { name: 'Root' });
    expect(t.listOus({}).data.map((o) => o.path)).toEqual(['/E', '/Root', '/Root/B', '/Root/B/C', '/Root/D']);
    expect(t.getOu(m['A/B/C']!.id).path).toBe('/Root/B/C');
  });

  it('OU-H3: moving updates the subtree paths and both parents\' counts', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'A/B', 'A/B/C', 'X');
    const moved = t.updateOu(m['A/B']!.id, { parent_id: m.X!.id, name: 'b2' });
    expect(moved).toMatchObject({ parent_id: m.X!.id, path: '/X/b2', child_ou_count: 1 });
    expect(t.getOu(m['A/B/C']!.id).path).toBe('/X/b2/C');
    expect(t.getOu(m.A!.id).child_ou_count).toBe(0);
    expect(t.getOu(m.X!.id).child_ou_count).toBe(1);
    expect(t.tree().map((n) => n.path)).toEqual(['/A', '/X']);
  });

  it('OU-H4: a rename or move onto a sibling name (any case) is ConflictError and changes nothing', () => {
    const t = makeTenant();
    const m = build(t, 'A', 'B', 'A/ops', 'B/Ops');
    const before = t.toSnapshot();
    expect(() => t.updateOu(m.A!.id, { name: 'b' })).toThrow(ConflictError);
    expect(() => t.updateOu(m['A/ops']!.id, { parent_id: m.B!.id })).toThrow(ConflictError);
    expect(() => t.updateOu(m['A/ops']!.id, { parent_id: m.B!.id, description: 'changed' })).toThrow(ConflictError);
    expect(t.toSnapshot()).toEqual(before);
  });

  it('OU-H4: an OU may change the case of its own name', () => {
    const t = makeTenant();
    const m = build(t, 'sales');
    expect(t.updateOu(m.sales!.id, { name: 'SALES' })).toMatchObject({ name: 'SALES', path: '/SALES' });
  });
});
