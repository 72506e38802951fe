import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import type { Exchange } from '../exchange.ts';
import { NO_AUTH } from '../tokens.ts';
import { expectDetail, unknownId } from './expect.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const envelopeChecks: Check[] = [
  {
    id: 'envelope.shape',
    title: 'single objects come as {data, meta}, lists as {data, pagination, meta}, exactly per the schemas',
    rules: ['OU-E1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const created = await ctx.api.create({ name: 'enveloped', parent_id: box.id });
      const single: Array<[string, Exchange]> = [
        ['POST', created],
        ['GET', await ctx.api.get(box.id)],
        ['PATCH', await ctx.api.update(box.id, { description: 'enveloped' })],
      ];
      const lists: Array<[string, Exchange]> = [
        ['GET list', await ctx.api.list({ parent_id: box.id })],
        ['GET users', await ctx.api.users(box.id)],
      ];
      const tree = await ctx.api.tree();
      const isMeta = (v: unknown): boolean => isRecord(v);
      for (const [label, ex] of single) {
        const b = ex.body;
        ctx.expect(isRecord(b) && isRecord(b['data']) && isMeta(b['meta']), `${label}: body is {"data": {…}, "meta": {…}}`, ex);
      }
      for (const [label, ex] of lists) {
        const b = ex.body;
        ctx.expect(isRecord(b) && Array.isArray(b['data']) && isRecord(b['pagination']) && isMeta(b['meta']), `${label}: body is {"data": […], "pagination": {…}, "meta": {…}}`, ex);
      }
      ctx.expect(isRecord(tree.body) && Array.isArray(tree.body['data']) && isMeta(tree.body['meta']), 'GET tree: body is {"data": […], "meta": {…}}', tree);
      for (const [label, ex] of [...single, ...lists, ['GET tree', tree] as [string, Exchange]]) {
        const schema = ex.issues.filter((i) => i.kind === 'schema' || i.kind === 'content-type');
        ctx.expect(schema.length === 0, `${label}: ${schema.map((i) => i.message).join('; ')}`, ex);
      }
    },
  },
  {
    id: 'envelope.request_id',
    title: 'meta.request_id echoes X-Request-ID (else is generated); meta.timestamp is RFC 3339',
    rules: ['OU-E2'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const id = `ouc-req-${ctx.rng.word(12)}`;
      const headers = { 'X-Request-ID': id };
      for (const ex of [await ctx.api.get(ctx.rootId, { headers }), await ctx.api.list({ per_page: 1 }, { headers }), await ctx.api.tree({ headers })]) {
        const meta = isRecord(ex.body) && isRecord(ex.body['meta']) ? ex.body['meta'] : {};
        ctx.expect(meta['request_id'] === id, `meta.request_id echoes X-Request-ID ${id}, got ${JSON.stringify(meta['request_id'])}`, ex);
        ctx.expect(typeof meta['timestamp'] === 'string' && RFC3339.test(meta['timestamp']), `meta.timestamp is RFC 3339, got ${JSON.stringify(meta['timestamp'])}`, ex);
      }
      const plain = await ctx.api.get(ctx.rootId);
      const meta = isRecord(plain.body) && isRecord(plain.body['meta']) ? plain.body['meta'] : {};
      ctx.expect(typeof meta['request_id'] === 'string' && meta['request_id'] !== '', `without X-Request-ID, meta.request_id is generated, got ${JSON.stringify(meta['request_id'])}`, plain);
    },
  },
  {
    id: 'errors.detail_shape',
    title: 'errors other than 422 answer {"detail": "<message>"}',
    rules: ['OU-E4'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      await ctx.createOu({ name: 'taken', parent_id: box.id });
      const cases: Array<[string, number, Exchange]> = [
        ['no token', 401, await ctx.api.as(NO_AUTH).list()],
        ['unknown OU', 404, await ctx.api.get(unknownId(ctx))],
        ['unknown OU on PATCH', 404, await ctx.api.update(unknownId(ctx), { description: 'x' })],
        ['sibling clash', 409, await ctx.api.create({ name: 'TAKEN', parent_id: box.id })],
        ['BLOCK with a child', 409, await ctx.api.delete(box.id, 'BLOCK')],
      ];
      // The status each case should get is its own rule's matter (OU-A1, G1, H4, D2); here: the error body.
      for (const [label, , ex] of cases) {
        if (ex.status >= 400 && ex.status < 500 && ex.status !== 422) expectDetail(ctx, ex, label);
      }
      ctx.note(`statuses ${cases.map(([label, status, ex]) => `${label}: ${ex.status}${ex.status === status ? '' : ` (expected ${status})`}`).join(', ')}`);
    },
  },
];
