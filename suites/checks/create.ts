import type { Check, CheckContext } from '../check.ts';
import { isRecord } from '../contract-model.ts';
import { canonical, ouOf } from '../data.ts';
import { fetchOu, fetchPage, refused, unknownId } from './expect.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export const createChecks: Check[] = [
  {
    id: 'create.response',
    title: 'create answers 201 with the new OU: created_at set, updated_at null, counts 0',
    rules: ['OU-C1'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const body = { name: 'Created', description: 'made by create.response', parent_id: box.id, custom_attributes: { k: 'v' } };
      const ex = await ctx.api.create(body);
      ctx.requireStatus(ex, 201, 'POST a valid OU');
      const ou = ouOf(ex);
      ctx.require(ou !== undefined, '201 carries the new OU in data', ex, 'OU-E1');
      ctx.require(!ex.issues.some((i) => i.kind === 'schema'), 'the 201 body is valid against the contract', ex, 'OU-E1');
      ctx.expect(typeof ou.id === 'string' && ou.id !== '', 'data.id is a server-assigned, non-empty string', ex);
      ctx.expect(ou.name === body.name && ou.description === body.description && ou.parent_id === box.id, 'data echoes name, description and parent_id', ex);
      ctx.expect(typeof ou.created_at === 'string' && RFC3339.test(ou.created_at), `created_at is an RFC 3339 date-time, got ${JSON.stringify(ou.created_at)}`, ex);
      ctx.expect(ou.updated_at === null || ou.updated_at === undefined, `updated_at is null on a new OU, got ${JSON.stringify(ou.updated_at)}`, ex);
      ctx.expect(ou.child_ou_count === 0 && ou.user_count === 0, `child_ou_count and user_count are 0, got ${ou.child_ou_count} and ${ou.user_count}`, ex);
      const other = await ctx.createOu({ name: 'Created 2', parent_id: box.id });
      ctx.expect(other.id !== ou.id, 'two creates give two ids');
    },
  },
  {
    id: 'create.unknown_parent',
    title: 'a parent_id naming no OU of the tenant answers 404 or 422 and creates nothing',
    rules: ['OU-C2', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const name = `${ctx.runTag}.orphan`;
      const sent = [];
      for (const parent of [unknownId(ctx), `${ctx.runTag}-no-such-ou`]) {
        const ex = await ctx.api.create({ name, parent_id: parent });
        sent.push(ex);
        ctx.expectStatus(ex, [404, 422], `POST with unknown parent_id ${parent}`, 'OU-C2');
      }
      // An OU created anyway is OU-C2's finding; one left behind by a refused create is OU-E5's.
      if (!refused(...sent)) return;
      const e5 = ctx.rule('OU-E5');
      const { ex, page } = await fetchPage(e5, { search: name }, 'search for the refused OU');
      e5.expect(page.pagination.total_items === 0, `no OU named ${name} exists after the refused creates, found ${page.pagination.total_items}`, ex);
    },
  },
  {
    id: 'create.unknown_parent_404',
    title: 'a parent_id naming no OU of the tenant answers 404 (rather than 422)',
    rules: ['OU-C2'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const ex = await ctx.api.create({ name: `${ctx.runTag}.nopar404`, parent_id: unknownId(ctx) });
      ctx.expectStatus(ex, 404, 'POST with unknown parent_id');
    },
  },
  {
    id: 'create.custom_attributes',
    title: 'custom_attributes are stored and returned as given, __proto__ keys included, without side effects',
    rules: ['OU-C3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      // Raw JSON: an object literal with __proto__ would set the prototype instead of a key.
      const attributesJson =
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":{"list":[1,"two",{"three":null}],"deep":{"a":{"b":{"c":true}}}},"unicode":"Zürich — 東京","number":-12.5,"empty":{},"toString":"x"}';
      const attributes = JSON.parse(attributesJson) as unknown;
      const body = `{"name":"attrs","parent_id":${JSON.stringify(box.id)},"custom_attributes":${attributesJson}}`;
      const created = await ctx.api.create({}, { raw: { body, contentType: 'application/json' } });
      ctx.requireStatus(created, 201, 'POST with custom_attributes holding __proto__ and constructor keys');
      const ou = ouOf(created);
      ctx.require(ou !== undefined, '201 carries the OU', created);
      ctx.expect(canonical(ou.custom_attributes) === canonical(attributes), 'POST returns custom_attributes exactly as given (own __proto__ key kept)', created);
      const fetched = await ctx.api.get(ou.id);
      const again = ouOf(fetched);
      ctx.expect(again !== undefined && canonical(again.custom_attributes) === canonical(attributes), 'GET returns custom_attributes exactly as given', fetched);
      ctx.expect((Object.prototype as Record<string, unknown>)['polluted'] === undefined, 'no prototype pollution in this process');
      const plain = await ctx.createOu({ name: 'plain', parent_id: box.id });
      const plainAgain = await fetchOu(ctx, plain.id, 'an OU created afterwards');
      const attrs = plainAgain.custom_attributes;
      ctx.expect(
        (attrs === null || attrs === undefined || (isRecord(attrs) && !('polluted' in attrs))) && !('polluted' in plainAgain),
        'an OU created afterwards shows no "polluted" key',
      );
    },
  },
  {
    id: 'ensure_resource_availability',
    title: 'an OU is available right after POST: GET, list and tree show it',
    rules: ['OU-G1'],
    level: 'core',
    async run(ctx: CheckContext) {
      // List and tree right after a create are the matter of list.parent_filter (OU-L6) and tree.matches_list (OU-R1).
      const box = await ctx.sandbox();
      for (const name of ['fresh-1', 'fresh-2', 'fresh-3']) {
        const ou = await ctx.createOu({ name, description: name, parent_id: box.id });
        const ex = await ctx.api.get(ou.id);
        const got = ouOf(ex);
        ctx.expect(
          ex.status === 200 && got !== undefined && got.id === ou.id && got.name === name && got.parent_id === box.id && got.path === ou.path,
          `GET right after POST answers 200 with the same OU (${name})`,
          ex,
        );
      }
    },
  },
];
