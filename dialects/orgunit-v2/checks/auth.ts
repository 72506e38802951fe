/** V2-A1 (Bearer token, project isolation) and V2-A2 (scopes). */
import type { Check, CheckContext } from '../../../suites/check.ts';
import { algNoneAuth, isJwt, literalAuth, NO_AUTH, tamperedPayloadAuth, wrongKeyAuth } from '../../../suites/tokens.ts';
import type { Auth } from '../../../suites/tokens.ts';
import type { V2Api } from '../client.ts';
import { indexPageOf, orgUnitOf } from '../shapes.ts';
import type { OrgUnit } from '../wire.ts';
import { codeFor, expectYii, fixture, sameUnit, sandboxId, v2Api, viewed } from './kit.ts';

/**
 * This project's unit moved under one of the other project's (one of theirs, or one made there
 * for the purpose and deleted after): refused as an unknown parent is (404, or V2-U2's 422), and
 * the unit stays where it was.
 */
async function expectNoMoveAcross(ctx: CheckContext, api: V2Api, them: V2Api, mine: OrgUnit, box: string): Promise<void> {
  const listed = indexPageOf(await them.index({ 'per-page': 1 }));
  let theirs = listed?.items[0]?.org_unit_id;
  let made: string | undefined;
  if (theirs === undefined) {
    made = orgUnitOf((await them.create({ code: codeFor(ctx, 'theirs'), name: `v2 theirs ${codeFor(ctx, 'theirs')}` })).body)?.org_unit_id;
    theirs = made;
  }
  if (theirs === undefined) return ctx.note("the other project lists no unit and none could be made there: a move under one of its units was not tried");
  try {
    const moved = await api.update(mine.org_unit_id, { parent_org_unit_id: theirs });
    ctx.expect(moved.status === 404 || moved.status === 422, "update moving this project's unit under the other project's unit: 404 or 422 (an unknown parent), nothing moved", moved);
    const now = await viewed(api, mine.org_unit_id);
    ctx.expect(now.unit?.parent_org_unit_id === box, `the unit is still under ${box} after the move across projects (parent ${JSON.stringify(now.unit?.parent_org_unit_id)})`, now.ex);
  } finally {
    if (made !== undefined) await them.delete(made, true);
  }
}

export const authChecks: Check[] = [
  {
    id: 'v2.auth.bearer',
    title: 'every operation needs Authorization: Bearer <valid token>; otherwise 401',
    rules: ['V2-A1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const before = await viewed(api, box);
      const token = ctx.creds.mainToken;
      const bad: Auth[] = [
        NO_AUTH,
        literalAuth('Bearer not-a-token', 'a garbage token'),
        literalAuth('Bearer ', 'the Bearer scheme without a token'),
        literalAuth('Basic dXNlcjpwYXNz', 'Basic credentials'),
        { header: token, shell: '$OU_TOKEN', label: 'the token without the Bearer scheme' },
        // Forgeries of the token itself only when it is a JWT: an opaque token of another server is no less valid.
        ...(isJwt(token) ? [algNoneAuth(token, 'OU_TOKEN'), wrongKeyAuth(token, 'OU_TOKEN'), tamperedPayloadAuth(token, 'OU_TOKEN')] : []),
        ...(ctx.creds.expired !== undefined ? [ctx.creds.expired] : []),
      ];
      for (const auth of bad) {
        const as = api.as(auth);
        const refused = [
          await as.index(),
          await as.view(box),
          await as.create({ code: 'A1-PROBE', name: 'a1-probe', parent_org_unit_id: box }),
          await as.update(box, { description: 'changed without a valid token' }),
          await as.delete(box, false),
        ];
        for (const ex of refused) expectYii(ctx, ex, 401, `${ex.method} ${ex.path} with ${auth.label}`);
      }
      const still = await viewed(api, box);
      const diff = still.unit === undefined || before.unit === undefined ? ['view does not answer the unit'] : sameUnit(still.unit, before.unit);
      ctx.expect(diff.length === 0, `the refused update and delete left the unit as it was: ${diff.join('; ')}`, still.ex);
    },
  },
  {
    id: 'v2.auth.isolation',
    title: "another project's token never sees or changes this project's units: their ids answer 404",
    rules: ['V2-A1'],
    level: 'core',
    needs: ['otherTenant'],
    async run(ctx: CheckContext) {
      const other = ctx.creds.other ?? ctx.skip('no second tenant');
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const mine = await fixture(ctx, api, { name: 'mine', parent: box, description: 'not for other projects' });
      const them = api.as(other.auth);
      for (const ex of [await them.view(mine.org_unit_id), await them.update(mine.org_unit_id, { name: 'taken over' }), await them.delete(mine.org_unit_id, true)]) {
        ctx.expectStatus(ex, 404, `${ex.method} ${ex.path} with the other project's token`);
      }
      const listed = await them.index({ filter: { code: mine.code } });
      const page = indexPageOf(listed);
      ctx.expect(page !== undefined && page.items.length === 0, "the other project's index does not list the unit", listed);
      // Every field that takes an id, given one of this project's: as unknown as any id of no unit.
      const child = await them.create({ code: codeFor(ctx, 'intruder'), name: 'intruder', parent_org_unit_id: mine.org_unit_id });
      ctx.expect(child.status === 404 || child.status === 422, "create under this project's unit with the other project's token: 404 or 422 (an unknown parent), nothing created", child);
      const under = await them.index({ filter: { parent_org_unit_id: box } });
      const seen = indexPageOf(under);
      ctx.expect(under.status >= 400 || (seen !== undefined && seen.items.length === 0 && seen.total === 0), "index filtered by this project's unit with the other project's token lists nothing of this project", under);
      const kids = indexPageOf(await api.index({ filter: { parent_org_unit_id: mine.org_unit_id } }));
      ctx.expect(kids !== undefined && kids.total === 0, "the unit has no child after the other project's create under it");
      const still = await viewed(api, mine.org_unit_id);
      ctx.expect(still.unit?.name === 'mine', 'the unit is unchanged after the other project tried to change it', still.ex);
      await expectNoMoveAcross(ctx, api, them, mine, box);
    },
  },
  {
    id: 'v2.auth.scope',
    title: 'index and view need ous:read, create/update/delete ous:write; without it 403',
    rules: ['V2-A2'],
    level: 'profile',
    needs: ['readonlyToken'],
    async run(ctx: CheckContext) {
      const readonly = ctx.creds.readonly ?? ctx.skip('no read-only token');
      const api = v2Api(ctx);
      const box = await sandboxId(ctx);
      const ro = api.as(readonly);
      ctx.expectStatus(await ro.index(), 200, 'index with an ous:read token');
      ctx.expectStatus(await ro.view(box), 200, 'view with an ous:read token');
      for (const ex of [await ro.create({ code: 'A2-PROBE', name: 'a2-probe', parent_org_unit_id: box }), await ro.update(box, { description: 'x' }), await ro.delete(box, true)]) {
        expectYii(ctx, ex, 403, `${ex.method} ${ex.path} with an ous:read token`);
      }
      const still = await viewed(api, box);
      ctx.expect(still.unit !== undefined, 'the refused delete left the unit in place', still.ex);
    },
  },
];

