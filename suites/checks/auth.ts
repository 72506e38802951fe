import type { OperationId } from '../../contracts/index.ts';
import type { OuApi } from '../api.ts';
import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import { pageOf, treeEdges, treeOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { algNoneAuth, isJwt, literalAuth, NO_AUTH, tamperedPayloadAuth, wrongKeyAuth } from '../tokens.ts';
import type { Auth } from '../tokens.ts';
import { childrenOf, expectDetail, expectUnauthorized, fetchOu, fetchPage, unknownId } from './expect.ts';

type Call = readonly [operationId: OperationId, send: (api: OuApi) => Promise<Exchange>];

/** One request per operation of the contract, aimed at OUs of the check (delete last). */
function everyOperation(ctx: CheckContext, ouId: string, leafId: string): Call[] {
  return [
    ['listOus', (api) => api.list({ per_page: 1 })],
    ['getOuTree', (api) => api.tree()],
    ['getOu', (api) => api.get(ouId)],
    ['listOuUsers', (api) => api.users(ouId)],
    ['createOu', (api) => api.create({ name: `${ctx.checkId}-intruder`, parent_id: ouId })],
    ['updateOu', (api) => api.update(ouId, { description: 'changed by an unauthenticated request' })],
    ['deleteOu', (api) => api.delete(leafId, 'BLOCK')],
  ];
}

/** Every operation with each credential answers 401 + WWW-Authenticate: Bearer. */
async function expectAllUnauthorized(ctx: CheckContext, auths: readonly Auth[]): Promise<void> {
  const box = await ctx.sandbox();
  const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
  for (const auth of auths) {
    for (const [label, send] of everyOperation(ctx, box.id, leaf.id)) {
      expectUnauthorized(ctx, await send(ctx.api.as(auth)), `${label} with ${auth.label}`);
    }
  }
  await expectUnchanged(ctx, box.id, leaf.id, 'after the refused requests');
}

/** The check's OUs are as created: description untouched, leaf alive, no intruder child. */
async function expectUnchanged(ctx: CheckContext, boxId: string, leafId: string, what: string): Promise<void> {
  const box = await fetchOu(ctx, boxId, `${what}: the sandbox`);
  ctx.expect(box.description === null || box.description === undefined, `${what}: the OU description is unchanged`);
  await fetchOu(ctx, leafId, `${what}: the leaf still exists`);
  const { page } = await fetchPage(ctx, { parent_id: boxId }, `${what}: children`);
  ctx.expect(page.data.length === 1, `${what}: no OU was created, children: ${page.data.map((i) => i.name).join(', ')}`);
}

function requireJwt(ctx: CheckContext): void {
  if (!isJwt(ctx.creds.mainToken)) ctx.skip('the token is not a JWT, so no derived token can be built');
}

export const authChecks: Check[] = [
  {
    id: 'ignored_auth',
    title: 'every operation without a token answers 401 with WWW-Authenticate: Bearer',
    rules: ['OU-A1'],
    level: 'core',
    async run(ctx: CheckContext) {
      await expectAllUnauthorized(ctx, [NO_AUTH]);
    },
  },
  {
    id: 'auth.malformed_token',
    title: 'malformed Authorization headers answer 401',
    rules: ['OU-A1'],
    level: 'core',
    async run(ctx: CheckContext) {
      await expectAllUnauthorized(ctx, [
        literalAuth('Bearer not-a-jwt', 'a garbage token'),
        literalAuth('Bearer ', 'an empty bearer token'),
        literalAuth('Bearer a.b.c', 'a token of three garbage segments'),
        literalAuth('Basic dXNlcjpwYXNz', 'Basic credentials'),
        { header: ctx.creds.mainToken, shell: '$OU_TOKEN', label: 'the token without the Bearer scheme' },
      ]);
    },
  },
  {
    id: 'auth.bad_signature',
    title: 'tokens with a wrong signature or a tampered payload answer 401',
    rules: ['OU-A1'],
    level: 'core',
    async run(ctx: CheckContext) {
      requireJwt(ctx);
      await expectAllUnauthorized(ctx, [wrongKeyAuth(ctx.creds.mainToken, 'OU_TOKEN'), tamperedPayloadAuth(ctx.creds.mainToken, 'OU_TOKEN')]);
    },
  },
  {
    id: 'auth.alg_none',
    title: 'an unsigned token (alg: none) with the same claims answers 401',
    rules: ['OU-A1'],
    level: 'core',
    async run(ctx: CheckContext) {
      requireJwt(ctx);
      await expectAllUnauthorized(ctx, [algNoneAuth(ctx.creds.mainToken, 'OU_TOKEN')]);
    },
  },
  {
    id: 'auth.expired',
    title: 'an expired token answers 401',
    rules: ['OU-A1'],
    level: 'core',
    needs: ['expiredToken'],
    async run(ctx: CheckContext) {
      const expired = ctx.creds.expired;
      if (expired === undefined) return ctx.skip('no expired token');
      await expectAllUnauthorized(ctx, [expired]);
    },
  },
  {
    id: 'auth.other_tenant_token',
    title: "a valid token of another tenant on this tenant's paths answers 403 or 404, never data",
    rules: ['OU-A2', 'OU-E4'],
    level: 'core',
    needs: ['otherTenant'],
    async run(ctx: CheckContext) {
      const other = ctx.creds.other;
      if (other === undefined) return ctx.skip('no second tenant');
      const box = await ctx.sandbox();
      const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
      const api = ctx.api.as(other.auth);
      const a2 = ctx.rule('OU-A2');
      for (const [label, send] of everyOperation(ctx, box.id, leaf.id)) {
        const ex = await send(api);
        if (a2.expectStatus(ex, [403, 404], `${label} of tenant ${ctx.tenantId} with the token of tenant ${other.tenantId}`)) {
          expectDetail(ctx.rule('OU-E4'), ex, label);
        }
        a2.expect(!(isRecord(ex.body) && 'data' in ex.body), `${label} with another tenant's token returns no data`, ex);
      }
      await expectUnchanged(a2, box.id, leaf.id, "after the other tenant's requests");
    },
  },
  {
    id: 'tenant.isolation',
    title: "this tenant's OU ids under another tenant's paths answer 404, as unknown ids do",
    rules: ['OU-T1'],
    level: 'core',
    needs: ['otherTenant'],
    async run(ctx: CheckContext) {
      const other = ctx.creds.other;
      if (other === undefined) return ctx.skip('no second tenant');
      const box = await ctx.sandbox();
      const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
      const api = ctx.api.forTenant(other.tenantId, other.auth);
      const where = `under tenant ${other.tenantId} with its token`;
      // "Answers 404, as an unknown id does": our ids are compared with an unknown id under the same
      // tenant, so a wrong answer for unknown ids (OU-G1, S3, D6, C2) is not counted here again.
      const nobody = unknownId(ctx);
      const pairs: Array<[string, Exchange, Exchange]> = [
        ['GET our OU', await api.get(box.id), await api.get(nobody)],
        ['GET users of our OU', await api.users(box.id), await api.users(nobody)],
        ['PATCH our OU', await api.update(box.id, { description: 'changed through another tenant' }), await api.update(nobody, { description: 'x' })],
        ['DELETE our OU', await api.delete(leaf.id, 'CASCADE'), await api.delete(nobody, 'CASCADE')],
      ];
      const leaks = (ex: Exchange): boolean => isRecord(ex.body) && ex.body['data'] !== undefined && !(Array.isArray(ex.body['data']) && ex.body['data'].length === 0);
      for (const [label, ours, unknown] of pairs) {
        ctx.expect(ours.status === 404 || ours.status === unknown.status, `${label} ${where}: 404, as an unknown id does (an unknown id answered ${unknown.status})`, ours);
        ctx.expect(!leaks(ours), `${label} ${where} returns none of our data`, ours);
      }
      const listed = await api.list({ parent_id: box.id });
      if (listed.status === 200) ctx.expect((pageOf(listed)?.data.length ?? 1) === 0, `list with parent_id = our OU ${where} shows none of our OUs`, listed);
      const search = await api.list({ search: ctx.runTag, per_page: 100 });
      if (search.status === 200) ctx.expect((pageOf(search)?.pagination.total_items ?? 1) === 0, `search for the run tag ${where} finds none of our OUs`, search);
      const tree = await api.tree();
      if (tree.status === 200) {
        const ours = new Set([ctx.rootId, box.id, leaf.id]);
        ctx.expect(!treeEdges(treeOf(tree) ?? [], null).some((e) => ours.has(e.id)), `the tree of tenant ${other.tenantId} holds none of our OUs`, tree);
      }
      // Last, so an OU the other tenant creates anyway (OU-C2's finding there) does not show in the search above.
      const [child, unknownParent] = [
        await api.create({ name: 'isolation-probe', parent_id: box.id }),
        await api.create({ name: 'isolation-probe-2', parent_id: nobody }),
      ];
      ctx.expect(child.status === 404 || child.status === unknownParent.status, `POST a child of our OU ${where}: 404, as for an unknown parent (answered ${unknownParent.status})`, child);
      const box2 = await fetchOu(ctx, box.id, 'our OU afterwards');
      ctx.expect(box2.description === null || box2.description === undefined, 'our OU is unchanged');
      await fetchOu(ctx, leaf.id, 'our leaf still exists');
      const kids = await childrenOf(ctx, box.id, 'our OU has no new child');
      ctx.expect(kids.length === 1, `our OU has only its leaf, got ${kids.map((k) => k.name).join(', ')}`);
    },
  },
  {
    id: 'auth.scopes',
    title: 'a token with ous:read only may read but not write (403)',
    rules: ['OU-A3'],
    level: 'profile',
    needs: ['readonlyToken'],
    async run(ctx: CheckContext) {
      const readonly = ctx.creds.readonly;
      if (readonly === undefined) return ctx.skip('no read-only token');
      const box = await ctx.sandbox();
      const leaf = await ctx.createOu({ name: 'leaf', parent_id: box.id });
      const api = ctx.api.as(readonly);
      for (const [label, send] of everyOperation(ctx, box.id, leaf.id)) {
        const ex = await send(api);
        const write = ctx.model.operation(label).scopes.includes('ous:write');
        if (write) {
          if (ctx.expectStatus(ex, 403, `${label} with a read-only token`)) expectDetail(ctx, ex, label);
        } else {
          ctx.expectStatus(ex, 200, `${label} with a read-only token`);
        }
      }
      await expectUnchanged(ctx, box.id, leaf.id, 'after the read-only writes');
    },
  },
];
