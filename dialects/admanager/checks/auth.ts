/** AD-A1 (the token as the page sends it) and AD-A2 (another tenant's domain, the write scope). */
import { isDeepStrictEqual } from 'node:util';
import type { Check, CheckContext } from '../../../suites/check.ts';
import { literalAuth, NO_AUTH, wrongKeyAuth } from '../../../suites/tokens.ts';
import { bareAuth } from '../driver.ts';
import { INVALID_TOKEN } from '../render.ts';
import { adDriverOf, column, expectAdError, fixture, guidFilter } from './support.ts';

const UNAUTHORIZED = { code: '00000101', detail: INVALID_TOKEN, title: 'Unauthorized.' };

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
      ctx.expect(ex.status === 401 && isDeepStrictEqual(ex.body, UNAUTHORIZED), `a list with ${auth.label}: 401 ${JSON.stringify(UNAUTHORIZED)}`, ex);
    }
    const patch = await ad.patch({ filter: 'NAME pr' }, { description: 'no token' }, NO_AUTH);
    ctx.expect(patch.status === 401 && isDeepStrictEqual(patch.body, UNAUTHORIZED), `an update without a token: 401 ${JSON.stringify(UNAUTHORIZED)}`, patch);
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
    const probe = await theirs.list({ limit: 1, fields: 'OBJECT_GUID' });
    ctx.require(probe.status === 200, `the other tenant's token lists its own domain ${theirs.domain}`, probe);
    for (const domains of [theirs.domain, `${ad.domain},${theirs.domain}`]) {
      const ex = await ad.send({ method: 'GET', path: '/api/v2/organizational_units', query: { domains } });
      expectAdError(ctx, ex, 403, '00000106', `listing domains=${domains} with this tenant's token`);
      ctx.expect(!JSON.stringify(ex.body ?? '').includes('OBJECT_GUID'), 'the 403 carries no object of that domain', ex);
    }
    const marker = `intruder-${ctx.runTag}`;
    const patch = await ad.send({ method: 'PATCH', path: '/api/v2/organizational_units', query: { domain: theirs.domain, filter: 'NAME pr', limit: 1 }, json: { data: { attributes: { description: marker } } } });
    expectAdError(ctx, patch, 403, '00000106', `updating in domain=${theirs.domain} with this tenant's token`);
    const after = await theirs.list({ filter: `DESCRIPTION eq "${marker}"`, fields: 'NAME' });
    ctx.expect(after.status === 200 && column(after).length === 0, `no object of ${theirs.domain} got the description ${marker}`, after);
  },
};

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
    const ex = await ad.patch({ filter: guidFilter(unit.id) }, { name: 'renamed-read-only' }, bareAuth(readonly));
    expectAdError(ctx, ex, 403, '00000106', 'an update with a token without ous:write');
    const after = await ad.list({ filter: guidFilter(unit.id), fields: 'NAME' });
    ctx.expect(column(after).join() === 'scoped', 'the unit keeps its name after the refused update', after);
  },
};
