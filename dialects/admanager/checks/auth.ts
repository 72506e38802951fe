/** AD-A1 (the token as the page sends it) and AD-A2 (another tenant's domain, the write scope). */
import type { Check, CheckContext } from '../../../suites/check.ts';
import { literalAuth, NO_AUTH, wrongKeyAuth } from '../../../suites/tokens.ts';
import { bareAuth, type AdDriver } from '../driver.ts';
import { INVALID_TOKEN } from '../render.ts';
import type { Exchange } from '../../../suites/exchange.ts';
import { adDriverOf, column, expectAdError, fixture, guidFilter, objects, statusCodes } from './support.ts';

const UNAUTHORIZED = { code: '00000101', detail: INVALID_TOKEN, title: 'Unauthorized.' };

/** The page's 401 body, its keys in any order (JSON leaves the order free). */
function isUnauthorized(ex: Exchange): boolean {
  const body = ex.body as Record<string, unknown> | undefined;
  return ex.status === 401 && typeof body === 'object' && body !== null && Object.entries(UNAUTHORIZED).every(([k, v]) => body[k] === v);
}

export const tokenCheck: Check = {
  id: 'ad.auth.token',
  title: "the token is read from `Authorization: <token>` (and `Bearer <token>`); a missing, malformed, badly signed or expired one is the page's 401",
  rules: ['AD-A1'],
  level: 'core',
  async run(ctx: CheckContext) {
    const ad = adDriverOf(ctx);
    const bare = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { domains: ad.domain, limit: 1 }, auth: bareAuth(ctx.creds.main) });
    ctx.expectStatus(bare, 200, 'a list with `Authorization: <token>`, as the page sends it');
    const bearer = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { domains: ad.domain, limit: 1 }, auth: ctx.creds.main });
    ctx.expectStatus(bearer, 200, 'a list with `Authorization: Bearer <token>`');
    const refused = [
      NO_AUTH,
      literalAuth('not-a-token', 'a malformed token'),
      bareAuth(wrongKeyAuth(ctx.creds.mainToken, 'OU_TOKEN')),
      ...(ctx.creds.expired !== undefined ? [bareAuth(ctx.creds.expired)] : []),
    ];
    for (const auth of refused) {
      const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { domains: ad.domain }, auth });
      ctx.expect(isUnauthorized(ex), `a list with ${auth.label}: 401 ${JSON.stringify(UNAUTHORIZED)}`, ex);
    }
    // Both operations take both forms: the write path reads the token the same way.
    const f = await fixture(ctx, ['token']);
    const unit = f.units['token'];
    if (unit === undefined) throw new TypeError('fixture unit missing');
    for (const auth of [bareAuth(ctx.creds.main), ctx.creds.main]) {
      const ex = await ad.patch({ filter: guidFilter(unit.id) }, { description: 'by token' }, auth);
      ctx.expect(ex.status === 200 && statusCodes(ex).join() === '1', `an update with ${auth.label}: 200, one item updated`, ex);
    }
    // Aimed at the fixture: a server that took the update anyway changes no other check's units.
    for (const auth of refused) {
      const patch = await ad.patch({ filter: guidFilter(unit.id) }, { description: 'no token' }, auth);
      ctx.expect(isUnauthorized(patch), `an update with ${auth.label}: 401 ${JSON.stringify(UNAUTHORIZED)}`, patch);
    }
    if (ctx.creds.expired === undefined) ctx.note('no expired token given: that case was not tried');
  },
};

export const otherDomainCheck: Check = {
  id: 'ad.auth.other-domain',
  title: "a domain of another tenant (in `domains` or `domain`) is 403 00000106, and nothing of it is read or changed",
  rules: ['AD-A2'],
  level: 'core',
  needs: ['otherTenant'],
  async run(ctx: CheckContext) {
    const other = ctx.creds.other;
    if (other === undefined) return ctx.skip('no other tenant given');
    const ad = adDriverOf(ctx);
    const theirs = ad.as(other.auth, other.tenantId);
    let probe = await theirs.list({ limit: 1, fields: 'OBJECT_GUID' });
    ctx.require(probe.status === 200, `the other tenant's token lists its own domain ${theirs.domain}`, probe);
    // An empty domain there would leave its ids untried: one is made for the check, and deleted after.
    let made: string | undefined;
    if (objects(probe).length === 0) {
      made = (await theirs.create({ name: `ad-theirs-${ctx.runTag}`, parentId: null })).value?.id;
      if (made !== undefined) probe = await theirs.list({ filter: guidFilter(made), fields: 'OBJECT_GUID' });
    }
    try {
      await expectNothingAcross(ctx, theirs, probe);
    } finally {
      if (made !== undefined) await theirs.delete(made, { subtree: true });
    }
  },
};

/** Another tenant's domain named, or its object's id given, with this tenant's token: 403, or nothing found; nothing of it changes. */
async function expectNothingAcross(ctx: CheckContext, theirs: AdDriver, probe: Exchange): Promise<void> {
  const ad = adDriverOf(ctx);
  for (const domains of [theirs.domain, theirs.domain.toUpperCase(), `${ad.domain},${theirs.domain}`, `${theirs.domain},${ad.domain.toUpperCase()}`]) {
    const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { domains } });
    expectAdError(ctx, ex, 403, '00000106', `listing domains=${domains} with this tenant's token`);
    ctx.expect(!JSON.stringify(ex.body ?? '').includes('OBJECT_GUID'), 'the 403 carries no object of that domain', ex);
  }
  const marker = `intruder-${ctx.runTag}`;
  for (const domain of [theirs.domain, theirs.domain.toUpperCase()]) {
    const patch = await ad.send({ method: 'PATCH', path: '/api/v2/organizational_units', query: { domain, filter: 'NAME pr', limit: 1 }, json: { data: { attributes: { description: marker } } } });
    expectAdError(ctx, patch, 403, '00000106', `updating in domain=${domain} with this tenant's token`);
  }
  // Their object's id in this domain's filter: it names nothing here, reads nothing and changes nothing there.
  const theirGuid = objects(probe)[0]?.['OBJECT_GUID'];
  if (typeof theirGuid === 'string') {
    const filter = `OBJECT_GUID eq ${JSON.stringify(theirGuid)}`;
    const read = await ad.list({ filter, fields: 'OBJECT_GUID' });
    ctx.expect(read.status < 500 && objects(read).length === 0 && !JSON.stringify(read.body ?? '').includes(theirGuid.slice(1, -1)), `filter ${filter} in ${ad.domain} shows nothing of ${theirs.domain}`, read);
    const write = await ad.patch({ filter }, { description: marker });
    ctx.expect(write.status < 500 && objects(write).length === 0, `an update with filter ${filter} in ${ad.domain} targets nothing`, write);
  } else ctx.note(`the other tenant's domain ${theirs.domain} lists no object: its ids were not tried here`);
  const after = await theirs.list({ filter: `DESCRIPTION eq "${marker}"`, fields: 'NAME' });
  ctx.expect(after.status === 200 && column(after).length === 0, `no object of ${theirs.domain} got the description ${marker}`, after);
}

export const writeScopeCheck: Check = {
  id: 'ad.auth.write-scope',
  title: 'PATCH needs scope ous:write: a read-only token is 403 00000106 and changes nothing',
  rules: ['AD-A2'],
  level: 'core',
  needs: ['readonlyToken'],
  async run(ctx: CheckContext) {
    const readonly = ctx.creds.readonly;
    if (readonly === undefined) return ctx.skip('no read-only token given');
    const f = await fixture(ctx, ['scoped']);
    const ad = adDriverOf(ctx);
    const unit = f.units['scoped'];
    if (unit === undefined) throw new TypeError('fixture unit missing');
    // In the Bearer form, so this check judges the scope alone (AD-A1's check judges the forms).
    const ex = await ad.patch({ filter: guidFilter(unit.id) }, { name: 'renamed-read-only' }, readonly);
    expectAdError(ctx, ex, 403, '00000106', 'an update with a token without ous:write');
    const after = await ad.list({ filter: guidFilter(unit.id), fields: 'NAME' });
    ctx.expect(column(after).join() === 'scoped', 'the unit keeps its name after the refused update', after);
  },
};
