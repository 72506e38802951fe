import type { OperationId } from '../../contracts/index.ts';
import type { OuApi } from '../api.ts';
import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import { findInTree, pageOf, treeEdges, treeOf } from '../data.ts';
import type { Exchange } from '../exchange.ts';
import { algNoneAuth, isJwt, literalAuth, NO_AUTH, tamperedPayloadAuth, wrongKeyAuth } from '../tokens.ts';
import type { Auth } from '../tokens.ts';
import { expectDetail, expectUnauthorized, fetchOu, fetchPage } from './expect.ts';

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
      ctx.expectStatus(await api.get(box.id), 404, `GET our OU ${where}`);
      ctx.expectStatus(await api.users(box.id), 404, `GET users of our OU ${where}`);
      ctx.expectStatus(await api.update(box.id, { description: 'changed through another tenant' }), 404, `PATCH our OU ${where}`);
      ctx.expectStatus(await api.delete(leaf.id, 'CASCADE'), 404, `DELETE our OU ${where}`);
      ctx.expectStatus(await api.create({ name: `${ctx.runTag}-isolation`, parent_id: box.id }), [404, 422], `POST a child of our OU ${where}`);
      const listed = await api.list({ parent_id: box.id });
      if (ctx.expectStatus(listed, [200, 404], `list with parent_id = our OU ${where}`) && listed.status === 200) {
        ctx.expect((pageOf(listed)?.data.length ?? 1) === 0, `list with parent_id = our OU ${where} is empty`, listed);
      }
      const search = await api.list({ search: ctx.runTag, per_page: 100 });
      if (ctx.expectStatus(search, 200, `search for the run tag ${where}`)) {
        ctx.expect((pageOf(search)?.pagination.total_items ?? 1) === 0, `search for the run tag ${where} finds none of our OUs`, search);
      }
      const tree = await api.tree();
      if (ctx.expectStatus(tree, 200, `tree ${where}`)) {
        const ours = new Set([ctx.rootId, box.id, leaf.id]);
        ctx.expect(!treeEdges(treeOf(tree) ?? [], null).some((e) => ours.has(e.id)), `the tree of tenant ${other.tenantId} holds none of our OUs`, tree);
      }
      const box2 = await fetchOu(ctx, box.id, 'our OU afterwards');
      ctx.expect(box2.description === null || box2.description === undefined, 'our OU is unchanged');
      await fetchOu(ctx, leaf.id, 'our leaf still exists');
      const mine = await ctx.api.tree();
      ctx.expect(findInTree(treeOf(mine) ?? [], leaf.id) !== undefined, 'our tree still holds the leaf', mine);
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
