/** ID-A1 (401 for bad credentials, 403 for another instance's token, nothing read or changed) and ID-A2 (scopes). */
import type { Check } from '../../../suites/check.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { algNoneAuth, literalAuth, NO_AUTH, wrongKeyAuth } from '../../../suites/tokens.ts';
import type { Auth } from '../../../suites/tokens.ts';
import type { IdaasDriver } from '../driver.ts';
import { shows } from './leaks.ts';
import { childNames, fieldsOf, fixture, idaas, idIfCreated, lookupKeyOf, read, sandbox } from './support.ts';

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

/**
 * Every operation once, as `as` sends it, on a unit `child` under `parent`: a server may
 * guard each route on its own and miss one. Reads first, so a wrongly accepted delete
 * comes last; a unit a wrongly accepted create made is removed with the main token.
 */
async function everyOperation(d: IdaasDriver, as: IdaasDriver, at: { parent: string; child: string; key: Record<string, unknown> }, label: string): Promise<Array<readonly [string, Exchange]>> {
  const reads = [
    ['reading a unit', await as.getRaw(at.child)],
    ['listing', await as.listRaw({ parentId: at.parent })],
    ['looking up an external id', await as.lookupRaw(at.key)],
  ] as const;
  const created = await as.createRaw({ organizationalUnitName: `made ${label}`, parentId: at.parent });
  const made = idIfCreated(created);
  if (made !== undefined) await d.delete(made);
  return [
    ...reads,
    ['creating', created],
    ['renaming', await as.patchRaw(at.child, { organizationalUnitName: `renamed ${label}` })],
    ['deleting', await as.deleteRaw(at.child)],
  ];
}

const tokenCheck: Check = {
  id: 'idaas.auth.token',
  title: 'Missing, malformed, badly signed or expired tokens answer 401 for every operation and change nothing',
  rules: ['ID-A1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    // Unique to the run: a common word could be in a correct server's refusal message.
    const name = `${ctx.checkId}-guarded-${ctx.runTag}`;
    const child = await fixture(ctx, parent, name);
    const key = lookupKeyOf(await read(ctx, child));
    // Every operation, reads and writes alike: a server may check the token per route, and miss one.
    for (const auth of badCredentials(ctx.creds.mainToken, ctx.creds.expired)) {
      for (const [what, ex] of await everyOperation(d, d.as(auth), { parent, child, key }, `with ${auth.label}`)) {
        ctx.expectStatus(ex, 401, `${what} with ${auth.label}`);
        ctx.expect(!shows(ex, { texts: [name], unitIds: [child] }), `${what} with ${auth.label} reads nothing of the instance`, ex);
      }
    }
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === 1 && names[0] === name, `the refused requests changed nothing: the parent has only ${JSON.stringify(name)} (it has ${JSON.stringify(names)})`);
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
    const key = lookupKeyOf(await read(ctx, child));
    for (const [what, ex] of await everyOperation(d, d.as(other.auth), { parent, child, key }, 'by another instance')) {
      ctx.expectStatus(ex, 403, `${what} with the token of instance ${other.tenantId}`);
      ctx.expect(!shows(ex, { texts: [name], unitIds: [child] }), `${what} with another instance's token reads nothing of this instance`, ex);
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

/** Spellings of the instance id that name another instance: case and outer white space are part of an id. */
function nearInstanceIds(tenantId: string): string[] {
  return [...new Set([tenantId.toUpperCase(), tenantId.toLowerCase(), `${tenantId} `, ` ${tenantId}`])].filter((t) => t !== tenantId);
}

const instanceSpellingCheck: Check = {
  id: 'idaas.auth.instance-spelling',
  title: 'A path whose instanceId differs from the token\'s only in case or outer white space is another instance: refused, reading and changing nothing',
  rules: ['ID-A1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const name = `${ctx.checkId}-kept`;
    const child = await fixture(ctx, parent, name);
    const key = lookupKeyOf(await read(ctx, child));
    for (const tenant of nearInstanceIds(ctx.tenantId)) {
      for (const [what, ex] of await everyOperation(d, d.as(d.auth, tenant), { parent, child, key }, `through instance ${JSON.stringify(tenant)}`)) {
        // 403 (another instance) or 404 (no such instance): either way not this instance's answer.
        ctx.expect(ex.status >= 400 && ex.status < 500 && !shows(ex, { texts: [name], unitIds: [child] }), `${what} with the path naming instance ${JSON.stringify(tenant)} (the token's is ${JSON.stringify(ctx.tenantId)}) is refused and reads nothing`, ex);
      }
    }
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === 1 && names[0] === name, `nothing was changed through a near instance id (the parent has ${JSON.stringify(names)})`);
  },
};

const foreignIdsCheck: Check = {
  id: 'idaas.auth.foreign-ids',
  title: 'Another instance\'s unit ids, in every field that takes an id, are unknown here (404 or 403): nothing of that instance is read or changed',
  rules: ['ID-A1'],
  level: 'core',
  needs: ['otherTenant'],
  async run(ctx) {
    const other = ctx.creds.other ?? ctx.skip('no other tenant');
    const d = idaas(ctx);
    const theirs = d.as(other.auth, other.tenantId);
    const name = `${ctx.runTag}-${ctx.checkId}-theirs`;
    // The other instance's root is taken to have the id this run's root has (true of the mock); a vendor whose roots differ skips.
    const made = await theirs.createRaw({ organizationalUnitName: name, parentId: theirs.topParent, description: 'not yours' });
    const foreign = idIfCreated(made) ?? ctx.skip(`no unit could be made in instance ${other.tenantId} under ${theirs.topParent} (POST answered ${made.status})`);
    try {
      const leafName = `${name}-leaf`;
      const leafEx = await theirs.createRaw({ organizationalUnitName: leafName, parentId: foreign });
      const leaf = idIfCreated(leafEx) ?? ctx.skip(`no child could be made in instance ${other.tenantId} (POST answered ${leafEx.status})`);
      const shown = fieldsOf(await theirs.getRaw(foreign)) ?? {};
      // `found` are ids a leak would show as a unit's: the lookup's answer is one, never named by the request.
      const refused = (what: string, ex: Exchange, found: readonly string[] = []): void => {
        ctx.expect(ex.status === 403 || ex.status === 404, `${what}: the id of instance ${other.tenantId} is unknown here (404, or 403)`, ex);
        ctx.expect(!shows(ex, { texts: [name], values: [leaf], unitIds: found }), `${what} shows nothing of instance ${other.tenantId}`, ex);
      };
      refused('GET of another instance\'s unit', await d.getRaw(foreign));
      refused('listing the children of another instance\'s unit', await d.listRaw({ parentId: foreign }));
      const intruder = await d.createRaw({ organizationalUnitName: 'intruder', parentId: foreign });
      refused('creating under another instance\'s unit', intruder);
      refused('renaming another instance\'s unit', await d.patchRaw(foreign, { organizationalUnitName: 'renamed from elsewhere', description: 'changed from elsewhere' }));
      refused('deleting another instance\'s unit', await d.deleteRaw(leaf));
      refused('looking up another instance\'s external id', await d.lookupRaw({ ...lookupKeyOf(shown), organizationalUnitSourceId: other.tenantId }), [foreign]);
      const stray = idIfCreated(intruder);
      if (stray !== undefined) await d.delete(stray);

      const after = fieldsOf(await theirs.getRaw(foreign)) ?? {};
      ctx.expect(after['organizationalUnitName'] === name && after['description'] === 'not yours', `instance ${other.tenantId}'s unit keeps its name and description`);
      const { ex, value } = await theirs.children(foreign);
      ctx.expect(value?.length === 1 && value[0]?.id === leaf, `instance ${other.tenantId}'s unit keeps its one child, and gained none`, ex);
    } finally {
      await theirs.delete(foreign, { subtree: true });
    }
  },
};

export const authChecks: readonly Check[] = [tokenCheck, instanceCheck, instanceSpellingCheck, foreignIdsCheck, scopeCheck];
