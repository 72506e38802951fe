/** V2-E1 (Yii2's error shapes) and V2-E2 (no 5xx, bad bodies refused, a failed request changes nothing). */
import type { Check, CheckContext } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { NO_AUTH } from '../../../suites/tokens.ts';
import { fieldErrorsOf, indexPageOf, isYiiError } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { PATHS } from '../wire.ts';
import { chain, codeFor, fixture, sameUnit, sandboxId, unknownUuid, v2Api, viewed } from './kit.ts';

/** A Yii2 error object with the reason phrase as `name` and `code: 0`, sent as JSON. */
function expectYiiShape(ctx: CheckContext, ex: Exchange, status: number, reason: string, what: string): void {
  if (ex.status !== status) return;
  const b = ex.body as Record<string, unknown>;
  const ok = isYiiError(ex) && b['name'] === reason && b['code'] === 0;
  ctx.expect(ok, `${what}: ${status} answers {"name": "${reason}", "message": "<text>", "code": 0, "status": ${status}}`, ex);
  ctx.expect(/^application\/json\b/i.test(ex.headers['content-type'] ?? ''), `${what}: the error is sent as application/json`, ex);
}

/** A 422 list with one item per faulty field, naming each of `fields`. */
function expectFieldList(ctx: CheckContext, ex: Exchange, fields: readonly string[], what: string): void {
  if (ex.status !== 422) return;
  const items = fieldErrorsOf(ex);
  const named = items?.map((i) => i.field) ?? [];
  ctx.expect(items !== undefined, `${what}: 422 answers a list [{"field", "message"}, …]`, ex);
  ctx.expect(fields.every((f) => named.includes(f)), `${what}: the items name ${fields.join(' and ')} (got ${named.join(', ') || 'none'})`, ex);
  ctx.expect(new Set(named).size === named.length, `${what}: one item per faulty field (got ${named.join(', ')})`, ex);
}

/** Bodies that are not a JSON object, sent as application/json. */
const NOT_OBJECTS = ['not json', '{"name":', '[]', '"text"', '42', 'null', '[{"name": "x"}]'];

/** Values that are not what `index` takes, for every field of its body. */
const ODD_VALUES: readonly unknown[] = ['1', -1, 0, 1.5, 1e300, '', [], {}, null, true, 'x'.repeat(2000)];

export const errorChecks: Check[] = [
  {
    id: 'v2.errors.shape',
    title: "errors are JSON: 401/404/409 as Yii2's {name, message, code: 0, status}, 422 as [{field, message}] one per field",
    rules: ['V2-E1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      expectYiiShape(ctx, await api.view(unknownUuid(ctx)), 404, 'Not Found', 'view of an unknown id');
      expectYiiShape(ctx, await api.delete(unknownUuid(ctx), true), 404, 'Not Found', 'delete of an unknown id');
      expectYiiShape(ctx, await api.as(NO_AUTH).index(), 401, 'Unauthorized', 'index without a token');
      expectFieldList(ctx, await api.index({ page: 0, 'per-page': 0 }), ['page', 'per-page'], 'index with page 0 and per-page 0');
      expectFieldList(ctx, await api.create({ parent_org_unit_id: box }), ['code', 'name'], 'create without code and name');
      expectFieldList(ctx, await api.create({ code: 'lower case', name: '', parent_org_unit_id: box }), ['code', 'name'], 'create with a malformed code and a blank name');
      expectFieldList(ctx, await api.update(box, { code: 'bad code', name: 'x'.repeat(256) }), ['code', 'name'], 'update with a malformed code and a 256-character name');

      const [x] = await chain(ctx, api, box, ['x', 'child']);
      if (x !== undefined) {
        expectYiiShape(ctx, await api.delete(x.org_unit_id, false), 409, 'Conflict', 'delete force=false of a unit with a child');
        // Refusals the server finds only against its data (a taken code, a cycle) are validation errors too.
        expectFieldList(ctx, await api.update(box, { code: x.code }), ['code'], "update to another unit's code");
        expectFieldList(ctx, await api.update(box, { parent_org_unit_id: x.org_unit_id }), ['parent_org_unit_id'], 'update moving a unit under its own child');
        expectFieldList(ctx, await api.create({ code: x.code, name: 'same code', parent_org_unit_id: box }), ['code'], "create with another unit's code");
      }
    },
  },
  {
    id: 'v2.errors.robust',
    title: 'no request answers 5xx; a body that is not a JSON object answers 400 or 422; a failed request changes nothing',
    rules: ['V2-E2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const target = await fixture(ctx, api, { name: 'target', parent: box, description: 'as created' });
      const holder = await fixture(ctx, api, { name: 'holder', parent: box });
      const [dest] = await chain(ctx, api, box, ['dest', 'Target']);
      const destId = (dest as OrgUnit).org_unit_id;
      const sent: Exchange[] = [];
      for (const raw of NOT_OBJECTS) {
        const body = { raw: { body: raw, contentType: 'application/json' } };
        sent.push(
          await api.send({ method: 'POST', path: PATHS.create, ...body }),
          await api.send({ method: 'PUT', path: PATHS.update(target.org_unit_id), ...body }),
          ...(raw === 'null' ? [] : [await api.send({ method: 'POST', path: PATHS.index, ...body })]),
        );
      }
      for (const ex of sent) {
        ctx.expect((ex.status === 400 && isYiiError(ex)) || (ex.status === 422 && fieldErrorsOf(ex) !== undefined), `${ex.method} ${ex.path} with ${JSON.stringify(ex.requestBody)}: 400 (Yii2 error) or 422 (field list)`, ex);
      }
      for (const field of ['page', 'per-page', 'sort', 'filter']) {
        for (const value of ODD_VALUES) sent.push(await api.index({ [field]: value }));
      }
      sent.push(await api.create({ code: codeFor(ctx, 'odd'), name: 'odd', parent_org_unit_id: 'not-a-uuid' }));
      // Refused creates under the sandbox (the scan below finds any that were made all the same).
      sent.push(await api.create({ code: codeFor(ctx, 'foreign'), name: 'foreign project', parent_org_unit_id: box, project_id: `${ctx.tenantId}-other` }));
      sent.push(await api.create({ code: holder.code, name: 'taken code', parent_org_unit_id: box }));
      sent.push(await api.create({ code: codeFor(ctx, 'twin'), name: 'HOLDER', parent_org_unit_id: box }));
      sent.push(await api.update(target.org_unit_id, { parent_org_unit_id: 12 }));
      sent.push(await api.delete('%00', 'maybe'));
      for (const ex of sent) ctx.expect(ex.status >= 200 && ex.status < 500, `${ex.method} ${ex.path}: no 5xx, whatever the request (got ${ex.status})`, ex);
      // A refused update with good fields beside a bad one changes none of them, whichever is bad.
      const mixed: Array<[Record<string, unknown>, string]> = [
        [{ name: 'renamed', description: 'changed', code: holder.code }, 'a taken code beside a new name and description'],
        [{ parent_org_unit_id: holder.org_unit_id, code: holder.code }, 'a taken code beside a move'],
        [{ parent_org_unit_id: destId, description: 'moved' }, 'a move under a parent whose child has the same name, beside a new description'],
        [{ description: 'changed', name: 'renamed', parent_org_unit_id: target.org_unit_id }, 'itself as parent beside a new name and description'],
        [{ name: 'renamed', project_id: `${ctx.tenantId}-other` }, 'another project_id beside a new name'],
      ];
      for (const [patch, what] of mixed) {
        const ex = await api.update(target.org_unit_id, patch);
        if (ex.status < 400) continue;
        const now = await viewed(api, target.org_unit_id);
        const diff = now.unit === undefined ? ['view does not answer the unit'] : sameUnit(now.unit, target);
        ctx.expect(diff.length === 0, `the refused update (${what}) changed nothing: ${diff.join('; ')}`, now.ex);
      }
      const listed = indexPageOf(await api.index({ filter: { parent_org_unit_id: box }, 'per-page': 100 }));
      const extra = (listed?.items ?? []).filter((u) => ![target.org_unit_id, holder.org_unit_id, destId].includes(u.org_unit_id));
      if (listed !== undefined) ctx.expect(extra.length === 0, `the refused creates created nothing (found ${extra.map((u) => u.name).join(', ')})`);
    },
  },
];
