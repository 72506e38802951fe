import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectResponse } from '../../types.ts';
import { OPS } from '../wire.ts';
import type { OrgUnit } from '../wire.ts';
import { contractIssues, setup } from './harness.ts';
import type { Parts } from './harness.ts';

/** Calls the handler and requires the answer to be one the contract describes. */
function client(defects: Parameters<typeof setup>[0] = []) {
  const s = setup(defects);
  const call = (op: string, parts: Parts = {}, tenant = s.acme): DialectResponse => {
    const res = s.call(op, parts, tenant);
    expect(contractIssues(op, res), `${op} ${res.status} ${JSON.stringify(res.body)}`).toEqual([]);
    return res;
  };
  const create = (body: Record<string, unknown>): OrgUnit => {
    const res = call(OPS.create, { body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as OrgUnit;
  };
  const index = (body?: unknown, query?: Record<string, unknown>) => call(OPS.index, { body, ...(query !== undefined ? { query } : {}) });
  const names = (body?: unknown): string[] => (index(body).body as OrgUnit[]).map((u) => u.name);
  // `raw`: no contract judgement, for inputs outside the contract by design.
  return { ...s, raw: s.call, call, create, index, names };
}

describe('orgunit-v2 handlers over the core (answers checked against contracts/orgunit-v2.yaml)', () => {
  it('create answers 201 with the unit, a Location to view, the project = the tenant; view shows the same', () => {
    const c = client();
    const top = c.create({ code: 'ORG-001', name: 'HR', description: 'HR department' });
    const res = c.call(OPS.create, { body: { code: 'ORG-002', name: 'IT', parent_org_unit_id: top.org_unit_id, project_id: 'acme' } });
    expect(res).toMatchObject({ status: 201, headers: { Location: `/v2/org-unit/view/${(res.body as OrgUnit).org_unit_id}` } });
    expect(res.body).toMatchObject({ code: 'ORG-002', name: 'IT', description: null, parent_org_unit_id: top.org_unit_id, project_id: 'acme' });
    expect(c.call(OPS.view, { params: { id: top.org_unit_id } })).toEqual({ status: 200, body: top });
  });

  it("a project_id other than the token's answers 403 and creates nothing", () => {
    const c = client();
    const res = c.call(OPS.create, { body: { code: 'X1', name: 'X', project_id: 'globex' } });
    expect(res).toMatchObject({ status: 403, body: { name: 'Forbidden', code: 0, status: 403 } });
    expect(c.acme.queryUnits().total).toBe(0);
  });

  it('codes: malformed or taken → 422 on code; names: blank, slash, sibling (any case) → 422 on name; unknown parent → 422 on parent_org_unit_id', () => {
    const c = client();
    const hr = c.create({ code: 'HR', name: 'HR' });
    const field = (body: Record<string, unknown>) => {
      const res = c.call(OPS.create, { body });
      expect(res.status).toBe(422);
      return (res.body as Array<{ field: string }>).map((e) => e.field);
    };
    expect(field({ code: 'hr', name: 'x' })).toEqual(['code']);
    expect(field({ code: 'HR', name: 'y' })).toEqual(['code']);
    expect(field({ code: 'A'.repeat(65), name: 'y' })).toEqual(['code']);
    expect(field({ name: 'y' })).toEqual(['code']);
    expect(field({ code: 'N1', name: '   ' })).toEqual(['name']);
    expect(field({ code: 'N2', name: 'a/b' })).toEqual(['name']);
    expect(field({ code: 'N3', name: 'hr' })).toEqual(['name']);
    expect(field({ code: 'N4', name: 'z', parent_org_unit_id: '00000000-0000-4000-8000-000000000000' })).toEqual(['parent_org_unit_id']);
    expect(field({})).toEqual(['code', 'name']);
    expect(c.create({ code: 'N5', name: 'hr', parent_org_unit_id: hr.org_unit_id }).name).toBe('hr');
  });

  it('update changes only the fields present; null clears the description and moves to the top; answers the whole unit', () => {
    const c = client();
    const a = c.create({ code: 'A', name: 'A' });
    const b = c.create({ code: 'B', name: 'B', description: 'keep', parent_org_unit_id: a.org_unit_id });
    const put = (body: Record<string, unknown>) => c.call(OPS.update, { params: { id: b.org_unit_id }, body });
    expect(put({ name: 'B2' })).toEqual({ status: 200, body: { ...b, name: 'B2' } });
    expect(put({ description: null, code: 'B-2' }).body).toEqual({ ...b, name: 'B2', description: null, code: 'B-2' });
    expect(put({ parent_org_unit_id: null }).body).toMatchObject({ parent_org_unit_id: null });
    expect(put({ org_unit_id: b.org_unit_id, project_id: 'acme' }).status).toBe(200);
    for (const [body, field] of [
      [{ parent_org_unit_id: b.org_unit_id }, 'parent_org_unit_id'],
      [{ org_unit_id: a.org_unit_id }, 'org_unit_id'],
      [{ project_id: 'globex' }, 'project_id'],
      [{ code: 'A' }, 'code'],
      [{ name: 'A' }, 'name'],
    ] as const) {
      const res = put(body);
      expect(res.status).toBe(422);
      expect(res.body).toEqual([{ field, message: expect.any(String) }]);
    }
    expect(c.call(OPS.update, { params: { id: 'nope' }, body: { name: 'x' } })).toMatchObject({ status: 404, body: { name: 'Not Found' } });
  });

  it('moving under a descendant answers 422 on parent_org_unit_id', () => {
    const c = client();
    const a = c.create({ code: 'A', name: 'A' });
    const b = c.create({ code: 'B', name: 'B', parent_org_unit_id: a.org_unit_id });
    const res = c.call(OPS.update, { params: { id: a.org_unit_id }, body: { parent_org_unit_id: b.org_unit_id } });
    expect(res.body).toEqual([{ field: 'parent_org_unit_id', message: expect.any(String) }]);
  });

  it('index: defaults, the four headers and Link, a page past the last, 0 pages when nothing matches', () => {
    const c = client();
    for (let i = 0; i < 25; i++) c.create({ code: `C${i}`, name: `unit ${String(i).padStart(2, '0')}` });
    const first = c.index();
    expect(first.headers).toMatchObject({ 'X-Pagination-Total-Count': '25', 'X-Pagination-Page-Count': '2', 'X-Pagination-Current-Page': '1', 'X-Pagination-Per-Page': '20' });
    expect(first.body).toHaveLength(20);
    const past = c.index({ page: 9, 'per-page': 10 });
    expect(past.body).toEqual([]);
    expect(past.headers).toMatchObject({ 'X-Pagination-Total-Count': '25', 'X-Pagination-Page-Count': '3', 'X-Pagination-Current-Page': '9' });
    const none = c.index({ filter: { code: 'NOPE' } });
    expect(none.headers).toMatchObject({ 'X-Pagination-Total-Count': '0', 'X-Pagination-Page-Count': '0' });
    expect(c.index(undefined, { page: '2', 'per-page': '10' }).headers).toMatchObject({ 'X-Pagination-Current-Page': '2', 'X-Pagination-Per-Page': '10' });
    expect(c.index({ 'per-page': 101 }).body).toEqual([{ field: 'per-page', message: 'Per Page must be no greater than 100.' }]);
  });

  it('filters: name contains (case-insensitive, literal), code exact, parent (null = top level), ANDed', () => {
    const c = client();
    const top = c.create({ code: 'TOP', name: 'Top' });
    const under = (code: string, name: string) => c.create({ code, name, parent_org_unit_id: top.org_unit_id });
    under('A1', 'Alpha Team');
    under('A2', 'alphabet');
    under('A3', 'a.c');
    under('A4', 'abc');
    expect(c.names({ filter: { name: 'ALPHA' } })).toEqual(['Alpha Team', 'alphabet']);
    expect(c.names({ filter: { name: 'a.c' } })).toEqual(['a.c']);
    expect(c.names({ filter: { code: 'A4' } })).toEqual(['abc']);
    expect(c.names({ filter: { code: 'a4' } })).toEqual([]);
    expect(c.names({ filter: { parent_org_unit_id: null } })).toEqual(['Top']);
    expect(c.names({ filter: { parent_org_unit_id: top.org_unit_id, name: 'alpha', code: 'A2' } })).toEqual(['alphabet']);
    expect(c.index({ filter: { names: 'x' } }).status).toBe(422);
  });

  it('sort: name lower-cased, code and created_at both ways; units without a code last either way, ties by id', () => {
    const c = client();
    c.create({ code: 'B', name: 'bravo' });
    c.create({ code: 'A', name: 'Charlie' });
    c.create({ code: 'C', name: 'alpha' });
    // Units made through another dialect have no code.
    const plain = [c.acme.createUnit({ name: 'zulu' }), c.acme.createUnit({ name: 'yankee' })].map((u) => u.name);
    const byId = [...c.acme.queryUnits({ where: { test: (u) => u.fields.code === null } }).items].sort((x, y) => (x.id < y.id ? -1 : 1)).map((u) => u.name);
    expect(plain.sort()).toEqual([...byId].sort());
    expect(c.names({ sort: 'name' })).toEqual(['alpha', 'bravo', 'Charlie', 'yankee', 'zulu']);
    expect(c.names({ sort: '-name' })).toEqual(['zulu', 'yankee', 'Charlie', 'bravo', 'alpha']);
    expect(c.names({ sort: 'code' })).toEqual(['Charlie', 'bravo', 'alpha', ...byId]);
    expect(c.names({ sort: '-code' })).toEqual(['alpha', 'bravo', 'Charlie', ...byId]);
    expect(c.names({ sort: '-code', 'per-page': 2, page: 2 })).toEqual(['Charlie', byId[0]]);
    expect(c.names({ sort: '-code', 'per-page': 2, page: 3 })).toEqual([byId[1]]);
    expect(c.index({ sort: '-code', 'per-page': 2 }).headers).toMatchObject({ 'X-Pagination-Total-Count': '5' });
    expect(c.names({ sort: 'created_at' })).toEqual(['bravo', 'Charlie', 'alpha', 'zulu', 'yankee']);
    expect(c.names({ sort: '-created_at' })).toEqual(['yankee', 'zulu', 'alpha', 'Charlie', 'bravo']);
  });

  it('delete: a leaf goes with force=false; otherwise 409 lists exactly what force=true then deletes (units at every depth, users)', () => {
    const c = client();
    const x = c.create({ code: 'X', name: 'x' });
    const c1 = c.create({ code: 'C1', name: 'c1', parent_org_unit_id: x.org_unit_id });
    const g = c.create({ code: 'G', name: 'g', parent_org_unit_id: c1.org_unit_id });
    const y = c.create({ code: 'Y', name: 'y' });
    const user = c.acme.createUser({ email: 'ada@example.com', displayName: 'Ada', unitId: g.org_unit_id });
    const preview = c.call(OPS.delete, { params: { id: x.org_unit_id }, query: { force: false } });
    expect(preview).toMatchObject({ status: 409, body: { name: 'Conflict', code: 0, status: 409 } });
    expect((preview.body as { related: unknown }).related).toEqual({
      org_units: [
        { org_unit_id: c1.org_unit_id, code: 'C1', name: 'c1' },
        { org_unit_id: g.org_unit_id, code: 'G', name: 'g' },
      ],
      users: [{ id: user.id, email: 'ada@example.com' }],
    });
    expect(c.call(OPS.delete, { params: { id: x.org_unit_id } }).status).toBe(409);
    expect(c.acme.queryUnits().total).toBe(4);
    expect(c.call(OPS.delete, { params: { id: x.org_unit_id }, query: { force: 'true' } })).toEqual({ status: 204 });
    expect(c.acme.queryUnits().items.map((u) => u.id)).toEqual([y.org_unit_id]);
    expect(c.acme.counts().users).toBe(0);
    expect(c.call(OPS.delete, { params: { id: y.org_unit_id }, query: { force: false } })).toEqual({ status: 204 });
    expect(c.call(OPS.delete, { params: { id: y.org_unit_id } })).toMatchObject({ status: 404, body: { name: 'Not Found' } });
    expect(c.call(OPS.delete, { params: { id: 'x' }, query: { force: 'yes' } })).toEqual({ status: 422, body: [{ field: 'force', message: expect.any(String) }] });
  });

  it('a protected unit (AD preventDeletion) answers 409 whatever force says', () => {
    const c = client();
    const x = c.create({ code: 'X', name: 'x' });
    c.acme.updateUnit(x.org_unit_id, { fields: { protected: true } });
    for (const force of [false, true]) expect(c.call(OPS.delete, { params: { id: x.org_unit_id }, query: { force } })).toMatchObject({ status: 409, body: { name: 'Conflict' } });
    expect(c.acme.findUnit(x.org_unit_id)).toBeDefined();
  });

  it("another project's ids answer 404 and its units are not listed", () => {
    const c = client();
    const x = c.create({ code: 'X', name: 'x' });
    expect(c.call(OPS.view, { params: { id: x.org_unit_id } }, c.globex).status).toBe(404);
    expect(c.call(OPS.update, { params: { id: x.org_unit_id }, body: { name: 'y' } }, c.globex).status).toBe(404);
    expect(c.call(OPS.delete, { params: { id: x.org_unit_id }, query: { force: true } }, c.globex).status).toBe(404);
    expect(c.call(OPS.index, {}, c.globex).body).toEqual([]);
    expect(c.acme.getUnit(x.org_unit_id).name).toBe('x');
  });

  it('no body, however odd, makes a handler throw or answer 5xx (bodies the host would refuse included)', () => {
    const c = client();
    const x = c.create({ code: 'X', name: 'x' });
    fc.assert(
      fc.property(fc.constantFrom(OPS.index, OPS.create, OPS.update, OPS.delete, OPS.view), fc.jsonValue(), fc.jsonValue(), (op, body, force) => {
        const res = c.raw(op, { params: { id: x.org_unit_id }, body, query: { force } });
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
