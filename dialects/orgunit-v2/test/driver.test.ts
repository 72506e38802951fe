import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../../suites/client.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { bearer } from '../../../suites/tokens.ts';
import { driverCode, V2Driver } from '../driver.ts';

/** A recorded exchange with this answer (only what the driver reads). */
function answer(spec: RequestSpec, status: number, body?: unknown, headers: Record<string, string> = {}): Exchange {
  return {
    seq: 0, check: 'test', operationId: undefined, method: spec.method, url: spec.path, path: spec.path, requestHeaders: {},
    authShell: undefined, authLabel: '', requestBody: spec.json === undefined ? undefined : JSON.stringify(spec.json),
    status, headers, text: '', body, error: undefined, issues: [], durationMs: 0,
  };
}

const unit = (id: string, parent: string | null = null) => ({ org_unit_id: id, code: null, name: `n${id}`, description: null, parent_org_unit_id: parent, project_id: 'acme' });
const AUTH = bearer('t', 'OU_TOKEN');

describe('V2Driver: neutral operations as orgunit-v2 requests', () => {
  it('create sends a code and retries with another when the code is taken', async () => {
    const sent: RequestSpec[] = [];
    const driver = new V2Driver(async (spec) => {
      sent.push(spec);
      return sent.length === 1 ? answer(spec, 422, [{ field: 'code', message: 'taken' }]) : answer(spec, 201, unit('u1', 'p'));
    }, 'acme', AUTH);
    const res = await driver.create({ name: 'x', parentId: 'p' });
    expect(res.value).toEqual({ id: 'u1', name: 'nu1', parentId: 'p', description: null });
    expect(sent.map((s) => (s.json as { code: string }).code)).toEqual([driverCode('p', 'x', 0), driverCode('p', 'x', 1)]);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v2/org-unit/create', auth: AUTH, json: { name: 'x', parent_org_unit_id: 'p' } });
    expect(driverCode('p', 'x', 0)).toMatch(/^[A-Z0-9_-]{1,64}$/);
  });

  it('children walks every page of the parent filter', async () => {
    const bodies: unknown[] = [];
    const driver = new V2Driver(async (spec) => {
      bodies.push(spec.json);
      const page = (spec.json as { page: number }).page;
      const items = page === 1 ? Array.from({ length: 100 }, (_, i) => unit(`a${i}`, 'p')) : [unit('b', 'p')];
      return answer(spec, 200, items, { 'x-pagination-page-count': '2' });
    }, 'acme', AUTH);
    const res = await driver.children('p');
    expect(res.value).toHaveLength(101);
    expect(bodies).toEqual([1, 2].map((page) => ({ filter: { parent_org_unit_id: 'p' }, page, 'per-page': 100 })));
  });

  it('delete always sends force; a failed call has no value', async () => {
    const sent: RequestSpec[] = [];
    const driver = new V2Driver(async (spec) => {
      sent.push(spec);
      return answer(spec, sent.length === 1 ? 204 : 409, { name: 'Conflict', message: 'm', code: 0, status: 409 });
    }, 'acme', AUTH);
    expect((await driver.delete('u', { subtree: true })).value).toBe(true);
    expect((await driver.delete('u')).value).toBeUndefined();
    expect(sent.map((s) => s.query)).toEqual([{ force: true }, { force: false }]);
  });

  it('isError knows Yii2 errors and 422 lists; as() swaps the credential', async () => {
    const seen: RequestSpec[] = [];
    const driver = new V2Driver(async (spec) => (seen.push(spec), answer(spec, 200, unit('u'))), 'acme', AUTH);
    const ex = (status: number, body: unknown) => answer({ method: 'GET', path: '/', auth: AUTH }, status, body);
    const yii = (status: number) => ({ name: 'x', message: 'm', code: 0, status });
    expect(driver.isError(ex(404, yii(404)), 'not_found')).toBe(true);
    expect(driver.isError(ex(404, { detail: 'x' }), 'not_found')).toBe(false);
    expect(driver.isError(ex(422, [{ field: 'name', message: 'taken' }]), 'conflict')).toBe(true);
    expect(driver.isError(ex(400, yii(400)), 'invalid')).toBe(true);
    expect(driver.isError(ex(401, yii(401)), 'unauthorized')).toBe(true);
    expect(driver.isError(ex(403, yii(401)), 'forbidden')).toBe(false);
    const other = bearer('o', 'OU_OTHER_TOKEN');
    const as = driver.as(other, 'globex');
    await as.get('u');
    expect(as.tenantId).toBe('globex');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v2/org-unit/view/u', auth: other });
  });
});
