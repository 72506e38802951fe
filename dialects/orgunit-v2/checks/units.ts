/** V2-G1 (view), V2-C1..C3 (create), V2-U1..U2 (update). */
import type { Check, CheckContext } from '../../../suites/check.ts';
import { orgUnitOf } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { chain, codeFor, expect422, expectYii, fixture, sameUnit, sandboxId, unknownUuid, v2Api, viewed } from './kit.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const unitChecks: Check[] = [
  {
    id: 'v2.view',
    title: 'view answers 200 with the whole OrgUnit as stored, or 404',
    rules: ['V2-G1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const sent = { code: codeFor(ctx, 'viewed'), name: 'Viewed', description: 'seen by view' };
      const made = await fixture(ctx, api, { ...sent, parent: box });
      const { ex, unit } = await viewed(api, made.org_unit_id);
      ctx.require(unit !== undefined, 'view of a unit just created answers 200 with it', ex);
      const diff = sameUnit(unit, { ...sent, org_unit_id: made.org_unit_id, parent_org_unit_id: box, project_id: ctx.tenantId });
      ctx.expect(diff.length === 0, `view shows the unit as created: ${diff.join('; ')}`, ex);
      // As stored now: after an update of the code, view shows the new one.
      const recoded = codeFor(ctx, 'recoded');
      if ((await api.update(made.org_unit_id, { code: recoded })).status === 200) {
        const again = await viewed(api, made.org_unit_id);
        ctx.expect(again.unit?.code === recoded, `view after an update of the code shows the new code ${recoded} (got ${JSON.stringify(again.unit?.code)})`, again.ex);
      }
      for (const id of [unknownUuid(ctx), 'not-a-uuid']) ctx.expectStatus(await api.view(id), 404, `view of ${id}`);
    },
  },
  {
    id: 'v2.create',
    title: "create answers 201 with the new OrgUnit (the token's project); a project_id of another project answers 403",
    rules: ['V2-C1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const sent = { code: codeFor(ctx, 'made'), name: 'Made', description: 'by create', parent_org_unit_id: box };
      const ex = await api.create(sent);
      const unit = orgUnitOf(ex.body);
      if (ctx.expectStatus(ex, 201, 'create') && ctx.expect(unit !== undefined, 'the 201 carries the OrgUnit', ex)) {
        const diff = sameUnit(unit as OrgUnit, { ...sent, project_id: ctx.tenantId });
        ctx.expect(diff.length === 0 && UUID.test((unit as OrgUnit).org_unit_id), `the 201 shows the unit as sent, in the token's project, with a UUID: ${diff.join('; ')}`, ex);
        const location = ex.headers['location'];
        if (location === undefined || !location.endsWith(`/v2/org-unit/view/${(unit as OrgUnit).org_unit_id}`)) ctx.note(`no Location header to the view URL (SHOULD): ${location ?? 'none'}`);
      }
      // parent_org_unit_id is optional: without it the unit is made at the top level.
      const top = await api.create({ code: codeFor(ctx, 'top'), name: `v2 top ${codeFor(ctx, 'top')}` });
      const topUnit = orgUnitOf(top.body);
      if (topUnit !== undefined) ctx.adoptTopLevel(topUnit.org_unit_id);
      ctx.expect(top.status === 201 && topUnit?.parent_org_unit_id === null, 'create without parent_org_unit_id: 201 with parent_org_unit_id null (top level)', top);
      const bare = await api.create({ code: codeFor(ctx, 'bare'), name: 'Bare', parent_org_unit_id: box, project_id: ctx.tenantId });
      const b = orgUnitOf(bare.body);
      ctx.expect(bare.status === 201 && b?.description === null, "create with the token's own project_id and no description: 201, description null", bare);
      // A project_id that is not the token's, however near (what a refused create changes is V2-E2's).
      const swapped = [...ctx.tenantId].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
      const near = [`${ctx.tenantId}-other`, ` ${ctx.tenantId}`, `${ctx.tenantId} `, ...(swapped !== ctx.tenantId ? [swapped] : [])];
      for (const projectId of near) {
        const foreign = await api.create({ code: codeFor(ctx, `foreign ${projectId}`), name: `Foreign ${JSON.stringify(projectId)}`, parent_org_unit_id: box, project_id: projectId });
        expectYii(ctx, foreign, 403, `create with project_id ${JSON.stringify(projectId)}`);
      }
    },
  },
  {
    id: 'v2.create.code',
    title: 'code is 1–64 characters of A–Z 0–9 - _, unique in the project; a taken or malformed code answers 422 on code',
    rules: ['V2-C2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const other = await fixture(ctx, api, { name: 'other parent', parent: box });
      const prefix = codeFor(ctx, 'codes');
      // Near misses of the alphabet and the bounds: outer white space, a trailing line break (PHP's `$`), letters and digits outside A–Z 0–9.
      for (const code of ['abc', '', 'A B', 'A'.repeat(65), 'ÄB', 'A/B', 'a-1', `${prefix} `, ` ${prefix}`, `${prefix}\n`, `${prefix}\t`, 'ＡＢＣ', '١٢٣', 'A.B', 'A+B']) {
        expect422(ctx, await api.create({ code, name: `bad code ${code.length}`, parent_org_unit_id: box }), 'code', `create with code ${JSON.stringify(code)}`);
      }
      expect422(ctx, await api.create({ name: 'no code', parent_org_unit_id: box }), 'code', 'create without code');
      expect422(ctx, await api.create({ code: null, name: 'null code', parent_org_unit_id: box }), 'code', 'create with code null');
      const longest = prefix.padEnd(64, 'Z');
      for (const [code, name] of [[longest, 'longest code'], [`${prefix}-_9`, 'dash and underscore']] as const) {
        ctx.expectStatus(await api.create({ code, name, parent_org_unit_id: box }), 201, `create with the valid code ${code}`);
      }
      expect422(ctx, await api.create({ code: longest, name: 'same code', parent_org_unit_id: box }), 'code', 'create with a code another unit has');
      expect422(ctx, await api.create({ code: longest, name: 'same code elsewhere', parent_org_unit_id: other.org_unit_id }), 'code', 'create with a taken code under another parent (codes are unique in the project)');
      // A deleted unit leaves the project, and its code with it.
      const freed = `${prefix}-FREED`;
      const gone = await api.create({ code: freed, name: 'deleted soon', parent_org_unit_id: box });
      const goneId = orgUnitOf(gone.body)?.org_unit_id;
      if (gone.status === 201 && goneId !== undefined && (await api.delete(goneId, true)).status === 204) {
        ctx.expectStatus(await api.create({ code: freed, name: 'code reused', parent_org_unit_id: box }), 201, 'create with the code of a deleted unit');
      }
    },
  },
  {
    id: 'v2.create.name',
    title: 'names are 1–255 characters after trimming, without /, unique among siblings case-insensitively; an unknown parent answers 422 on parent_org_unit_id',
    rules: ['V2-C3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const other = await fixture(ctx, api, { name: 'other parent', parent: box });
      await fixture(ctx, api, { name: 'Sales', parent: box });
      let n = 0;
      const create = (name: unknown, parent: string | null = box) => api.create({ code: codeFor(ctx, `n${n++}`), name, parent_org_unit_id: parent });
      for (const name of ['', '   ', 'x'.repeat(256), 'a/b', 'SALES', ' sales ']) expect422(ctx, await create(name), 'name', `create with name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)}`);
      expect422(ctx, await api.create({ code: codeFor(ctx, 'unnamed'), parent_org_unit_id: box }), 'name', 'create without name');
      ctx.expectStatus(await create('x'.repeat(255)), 201, 'create with a 255-character name');
      // Characters, not bytes. (Outer white space at the bound is not probed: the contract caps the raw length, our reading.)
      ctx.expectStatus(await create('ä'.repeat(255)), 201, 'create with a name of 255 "ä" (510 bytes in UTF-8)');
      ctx.expectStatus(await create('Sales', other.org_unit_id), 201, 'create with a name a unit under another parent has');
      for (const name of ['Sales Team', 'Sale', 'Sales2']) ctx.expectStatus(await create(name), 201, `create with the name ${JSON.stringify(name)} beside a sibling "Sales" (near, not equal)`);
      expect422(ctx, await create('orphan', unknownUuid(ctx)), 'parent_org_unit_id', 'create under an unknown parent');
    },
  },
  {
    id: 'v2.update',
    title: 'update changes only the fields present (description null clears, parent null moves to the top) and answers 200 with the whole OrgUnit; unknown id 404',
    rules: ['V2-U1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const sibling = await fixture(ctx, api, { name: 'sibling', parent: box });
      let want: OrgUnit = await fixture(ctx, api, { name: 'before', parent: box, description: 'kept', code: codeFor(ctx, 'u-before') });
      const step = async (patch: Record<string, unknown>, what: string): Promise<void> => {
        want = { ...want, ...patch } as OrgUnit;
        const ex = await api.update(want.org_unit_id, patch);
        const body = orgUnitOf(ex.body);
        ctx.require(ex.status === 200 && body !== undefined, `${what}: 200 with the OrgUnit`, ex);
        const diff = sameUnit(body, want);
        const whole = ['code', 'description', 'parent_org_unit_id', 'project_id'].every((k) => k in body);
        ctx.expect(diff.length === 0 && whole, `${what}: the 200 shows the whole unit, only ${Object.keys(patch).join(', ')} changed: ${diff.join('; ')}${whole ? '' : ' (fields missing)'}`, ex);
        const now = await viewed(api, want.org_unit_id);
        // code is left to the 200: view's own correctness is V2-G1's.
        const seen = now.unit === undefined ? ['view does not answer the unit'] : sameUnit(now.unit, { ...want, code: now.unit.code });
        ctx.expect(seen.length === 0, `${what}: view shows the change and nothing else: ${seen.join('; ')}`, now.ex);
      };
      await step({}, 'update with no field (nothing changes)');
      await step({ name: 'after' }, 'update of the name only');
      await step({ description: null }, 'update of description to null');
      await step({ description: 'again', code: codeFor(ctx, 'u-after') }, 'update of description and code');
      await step({ parent_org_unit_id: sibling.org_unit_id }, 'move under the sibling');
      await step({ parent_org_unit_id: null }, 'move to the top level (parent null)');
      const back = await api.update(want.org_unit_id, { parent_org_unit_id: box });
      if (back.status !== 200) ctx.adoptTopLevel(want.org_unit_id);
      ctx.expectStatus(back, 200, 'move back under the sandbox');
      ctx.expectStatus(await api.update(unknownUuid(ctx), { name: 'ghost' }), 404, 'update of an unknown id');
    },
  },
  {
    id: 'v2.update.rules',
    title: "update's new values follow create's rules; no move under itself or a descendant; org_unit_id and project_id cannot change: 422 on the field",
    rules: ['V2-U2'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const sibling = await fixture(ctx, api, { name: 'Sibling', parent: box });
      const unit = await fixture(ctx, api, { name: 'unit', parent: box });
      const [child, grandchild, deepest] = (await chain(ctx, api, unit.org_unit_id, ['child', 'grandchild', 'great-grandchild'])) as [OrgUnit, OrgUnit, OrgUnit];
      const id = unit.org_unit_id;
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ name: '' }, 'name', 'a blank name'],
        [{ name: 'a/b' }, 'name', 'a name with /'],
        [{ name: 'x'.repeat(256) }, 'name', 'a 256-character name'],
        [{ name: 'SIBLING' }, 'name', "a sibling's name in other case"],
        [{ code: sibling.code }, 'code', "the sibling's code"],
        [{ code: 'bad code' }, 'code', 'a malformed code'],
        [{ parent_org_unit_id: unknownUuid(ctx) }, 'parent_org_unit_id', 'an unknown parent'],
        [{ parent_org_unit_id: id }, 'parent_org_unit_id', 'itself as parent'],
        [{ parent_org_unit_id: child.org_unit_id }, 'parent_org_unit_id', 'its child as parent'],
        [{ parent_org_unit_id: grandchild.org_unit_id }, 'parent_org_unit_id', 'its grandchild as parent'],
        [{ parent_org_unit_id: deepest.org_unit_id }, 'parent_org_unit_id', 'its great-grandchild as parent'],
        [{ org_unit_id: unknownUuid(ctx) }, 'org_unit_id', 'another org_unit_id'],
        [{ project_id: `${ctx.tenantId}-other` }, 'project_id', 'another project_id'],
      ];
      for (const [patch, field, what] of cases) expect422(ctx, await api.update(id, patch), field, `update with ${what}`);
      ctx.expectStatus(await api.update(id, { org_unit_id: id, project_id: ctx.tenantId, code: unit.code, name: 'unit' }), 200, 'update sending back its own org_unit_id, project_id, code and name');
      // A unit is no sibling of itself: its own name in other case is no clash.
      ctx.expectStatus(await api.update(id, { name: 'UNIT' }), 200, 'update of the name to its own name in other case');
    },
  },
];
