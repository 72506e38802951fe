/** ID-A1 (401 for bad credentials, 403 for another instance's token, nothing read or changed) and ID-A2 (scopes). */
import type { Check } from '../../../suites/check.ts';
import { algNoneAuth, literalAuth, NO_AUTH, wrongKeyAuth } from '../../../suites/tokens.ts';
import type { Auth } from '../../../suites/tokens.ts';
import { childNames, fixture, idaas, read, sandbox } from './support.ts';

/** The credentials that must answer 401, with the run's expired token when it has one. */
function badCredentials(token: string, expired: Auth | undefined): Auth[] {
  return [
    NO_AUTH,
    literalAuth('Bearer', 'a Bearer header without a token'),
    literalAuth('Bearer not-a-token', 'a malformed token'),
    literalAuth(`Basic ${Buffer.from('user:password').toString('base64')}`, 'Basic credentials'),
    wrongKeyAuth(token, 'OU_TOKEN'),
    algNoneAuth(token, 'OU_TOKEN'),
    ...(expired !== undefined ? [expired] : []),
  ];
}

const tokenCheck: Check = {
  id: 'idaas.auth.token',
  title: 'Missing, malformed, badly signed or expired tokens answer 401 and change nothing',
  rules: ['ID-A1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    for (const auth of badCredentials(ctx.creds.mainToken, ctx.creds.expired)) {
      const as = d.as(auth);
      ctx.expectStatus(await as.listRaw({ parentId: parent }), 401, `listing with ${auth.label}`);
      ctx.expectStatus(await as.createRaw({ organizationalUnitName: `made with ${auth.label}`, parentId: parent }), 401, `creating with ${auth.label}`);
    }
    ctx.expect((await childNames(ctx, parent)).length === 0, 'no unit was created with a refused credential');
    if (ctx.creds.expired === undefined) ctx.note('no expired token given: expiry not checked');
  },
};

const instanceCheck: Check = {
  id: 'idaas.auth.instance',
  title: 'A token of another instance answers 403 for every operation, and reads or changes nothing of this instance',
  rules: ['ID-A1'],
  level: 'core',
  needs: ['otherTenant'],
  async run(ctx) {
    const other = ctx.creds.other ?? ctx.skip('no other tenant');
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const name = `${ctx.checkId}-secret-${ctx.runTag}`;
    const child = await fixture(ctx, parent, name);
    const as = d.as(other.auth);
    const attempts = [
      ['GET of a unit', await as.getRaw(child)],
      ['listing', await as.listRaw({ parentId: parent })],
      ['creating', await as.createRaw({ organizationalUnitName: 'intruder', parentId: parent })],
      ['renaming', await as.patchRaw(child, { organizationalUnitName: 'renamed by another instance' })],
      ['deleting', await as.deleteRaw(child)],
      ['looking up an external id', await as.lookupRaw({ organizationalUnitExternalId: child, organizationalUnitSourceType: 'build_in', organizationalUnitSourceId: ctx.tenantId })],
    ] as const;
    for (const [what, ex] of attempts) {
      ctx.expectStatus(ex, 403, `${what} with the token of instance ${other.tenantId}`);
      ctx.expect(!ex.text.includes(name) && !ex.text.includes(`"organizationalUnitId":"${child}"`), `${what} with another instance's token reads nothing of this instance`, ex);
    }
    const unit = await read(ctx, child);
    ctx.expect(unit['organizationalUnitName'] === name, 'the unit keeps its name after the other instance tried to rename it');
    ctx.expect((await childNames(ctx, parent)).length === 1, 'nothing was created or deleted under the parent by the other instance');
  },
};

const scopeCheck: Check = {
  id: 'idaas.auth.scope',
  title: 'A token with ous:read only may read (Get, List, lookup) but not write (403 Forbidden)',
  rules: ['ID-A2'],
  level: 'profile',
  needs: ['readonlyToken'],
  async run(ctx) {
    const readonly = ctx.creds.readonly ?? ctx.skip('no read-only token');
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const child = await fixture(ctx, parent, 'kept');
    const ro = d.as(readonly);
    ctx.expectStatus(await ro.getRaw(child), 200, 'GET with a read-only token');
    ctx.expectStatus(await ro.listRaw({ parentId: parent }), 200, 'listing with a read-only token');
    const unit = await read(ctx, child);
    ctx.expectStatus(
      await ro.lookupRaw({ organizationalUnitExternalId: unit['organizationalUnitExternalId'], organizationalUnitSourceType: unit['organizationalUnitSourceType'], organizationalUnitSourceId: unit['organizationalUnitSourceId'] }),
      200,
      'looking up an external id with a read-only token',
    );
    ctx.expectStatus(await ro.createRaw({ organizationalUnitName: 'written', parentId: parent }), 403, 'creating with a read-only token');
    ctx.expectStatus(await ro.patchRaw(child, { organizationalUnitName: 'renamed' }), 403, 'renaming with a read-only token');
    ctx.expectStatus(await ro.deleteRaw(child), 403, 'deleting with a read-only token');
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === 1 && names[0] === 'kept', 'the refused writes changed nothing: the unit is still there, alone, with its name');
  },
};

export const authChecks: readonly Check[] = [tokenCheck, instanceCheck, scopeCheck];
