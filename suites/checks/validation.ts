import type { Check, CheckContext } from '../check.ts';
import { childrenOf, expectValidation, fetchOu } from './expect.ts';

type BadBody = readonly [label: string, body: unknown, field: string | undefined];

/** Bodies breaking OUCreate field by field (`field` undefined: the body itself is wrong). */
function badCreateBodies(parentId: string): BadBody[] {
  return [
    ['name of type number', { name: 123, parent_id: parentId }, 'name'],
    ['name of type boolean', { name: true, parent_id: parentId }, 'name'],
    ['name of type array', { name: ['x'], parent_id: parentId }, 'name'],
    ['name missing', { parent_id: parentId, description: 'no name' }, 'name'],
    ['name null', { name: null, parent_id: parentId }, 'name'],
    ['description of type number', { name: 'x', description: 5, parent_id: parentId }, 'description'],
    ['description of type object', { name: 'x', description: { a: 1 }, parent_id: parentId }, 'description'],
    ['parent_id of type number', { name: 'x', parent_id: 7 }, 'parent_id'],
    ['custom_attributes a string', { name: 'x', parent_id: parentId, custom_attributes: 'str' }, 'custom_attributes'],
    ['custom_attributes an array', { name: 'x', parent_id: parentId, custom_attributes: [1, 2] }, 'custom_attributes'],
    ['custom_attributes a number', { name: 'x', parent_id: parentId, custom_attributes: 42 }, 'custom_attributes'],
    ['body an array', [{ name: 'x', parent_id: parentId }], undefined],
    ['body a string', 'name', undefined],
    ['body null', null, undefined],
  ];
}

/** Names OU-H5 refuses: empty or blank after trimming, over 255 characters, holding '/'. */
const BAD_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['empty name', ''],
  ['whitespace-only name', '   '],
  ['tab/newline-only name', '\t \n'],
  ['256-character name', 'n'.repeat(256)],
  ['name "/"', '/'],
  ["name with '/'", 'a/b'],
  ["name starting with '/'", '/lead'],
];

async function expectNoChildren(ctx: CheckContext, parentId: string, what: string): Promise<void> {
  const kids = await childrenOf(ctx, parentId, what);
  ctx.expect(kids.length === 0, `${what}: the refused requests created nothing, found ${kids.map((k) => JSON.stringify(k.name)).join(', ')}`);
}

export const validationChecks: Check[] = [
  {
    id: 'validation.create_body',
    title: 'POST bodies breaking OUCreate field by field answer 422 naming the field, and create nothing',
    rules: ['OU-E3', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      for (const [label, body, field] of badCreateBodies(box.id)) {
        const ex = await ctx.api.create(body, { raw: { body: JSON.stringify(body), contentType: 'application/json' } });
        expectValidation(ctx, ex, 'body', field, `POST with ${label}`);
      }
      await expectNoChildren(ctx, box.id, 'after the invalid POSTs');
    },
  },
  {
    id: 'validation.name_rules',
    title: "names are 1–255 characters after trimming and hold no '/', on create and rename",
    rules: ['OU-H5', 'OU-E3', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const target = await ctx.createOu({ name: 'target', parent_id: box.id });
      for (const [label, name] of BAD_NAMES) {
        expectValidation(ctx, await ctx.api.create({ name, parent_id: target.id }), 'body', 'name', `POST with ${label}`);
        expectValidation(ctx, await ctx.api.update(target.id, { name }), 'body', 'name', `PATCH with ${label}`);
      }
      await expectNoChildren(ctx, target.id, 'after the invalid names');
      const now = await fetchOu(ctx, target.id, 'after the refused renames');
      ctx.expect(now.name === 'target', `the refused renames changed nothing, name is ${JSON.stringify(now.name)}`);
      for (const [label, name] of [
        ['a 255-character name', 'm'.repeat(255)],
        ['a one-character name', 'x'],
        ['a name with outer white space', '  padded  '],
        ['a name with inner white space and Unicode', 'Zürich Ost — 東京'],
      ] as const) {
        const ex = await ctx.api.create({ name, parent_id: target.id });
        ctx.expectStatus(ex, 201, `POST with ${label}`);
      }
    },
  },
  {
    id: 'validation.update_body',
    title: 'PATCH bodies breaking OUUpdate answer 422 naming the field, and change nothing',
    rules: ['OU-E3', 'OU-U1', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const ou = await ctx.createOu({ name: 'ou', description: 'before', parent_id: box.id, custom_attributes: { a: 1 } });
      const cases: BadBody[] = [
        ['name null', { name: null }, 'name'],
        ['name of type number', { name: 5 }, 'name'],
        ['description of type number', { description: 5 }, 'description'],
        ['parent_id of type number', { parent_id: 5 }, 'parent_id'],
        ['custom_attributes a string', { custom_attributes: 'x' }, 'custom_attributes'],
        ['custom_attributes an array', { custom_attributes: [1] }, 'custom_attributes'],
        ['a valid field with an invalid one', { description: 'after', name: 7 }, 'name'],
        ['body an array', [{ name: 'x' }], undefined],
        ['body a number', 5, undefined],
      ];
      for (const [label, body, field] of cases) {
        const ex = await ctx.api.update(ou.id, body, { raw: { body: JSON.stringify(body), contentType: 'application/json' } });
        expectValidation(ctx, ex, 'body', field, `PATCH with ${label}`);
      }
      const now = await fetchOu(ctx, ou.id, 'after the invalid PATCHes');
      ctx.expect(now.name === 'ou' && now.description === 'before' && now.parent_id === box.id, 'the refused PATCHes changed nothing');
    },
  },
  {
    id: 'validation.query',
    title: 'bad query values answer 422 with loc ["query", <name>]',
    rules: ['OU-E3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const cases: Array<[string, () => ReturnType<typeof ctx.api.list>, string]> = [
        ['list page=abc', () => ctx.api.list({ page: 'abc' }), 'page'],
        ['list per_page=2.5', () => ctx.api.list({ per_page: '2.5' }), 'per_page'],
        ['list per_page=""', () => ctx.api.list({ per_page: '' }), 'per_page'],
        ['users include_nested=maybe', () => ctx.api.users(box.id, { include_nested: 'maybe' }), 'include_nested'],
        ['users per_page=0', () => ctx.api.users(box.id, { per_page: 0 }), 'per_page'],
        ['users page=-3', () => ctx.api.users(box.id, { page: -3 }), 'page'],
        ['delete strategy=NUKE', () => ctx.api.delete(box.id, 'NUKE'), 'strategy'],
      ];
      for (const [label, send, field] of cases) expectValidation(ctx, await send(), 'query', field, label);
      await fetchOu(ctx, box.id, 'the OU survives the refused delete');
    },
  },
  {
    id: 'validation.malformed_requests',
    title: 'malformed requests (bad JSON, wrong media type, huge or deep bodies) get a documented 4xx, never 5xx',
    rules: ['OU-E4', 'OU-E3'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const json = 'application/json';
      const malformed = await ctx.api.create({}, { raw: { body: '{"name": "x", ', contentType: json } });
      expectValidation(ctx, malformed, 'body', undefined, 'POST with malformed JSON');
      const patchMalformed = await ctx.api.update(box.id, {}, { raw: { body: '{name: x}', contentType: json } });
      expectValidation(ctx, patchMalformed, 'body', undefined, 'PATCH with malformed JSON');
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: 'name=x', contentType: 'text/plain' } }), [415, 422], 'POST with a text/plain body');
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: `name=x&parent_id=${box.id}`, contentType: 'application/x-www-form-urlencoded' } }), [415, 422], 'POST with a form body');
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: '' } }), [415, 422], 'POST with no body');
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: '', contentType: json } }), [422], 'POST with an empty JSON body');
      const huge = JSON.stringify({ name: 'huge', parent_id: box.id, description: 'x'.repeat(1_100_000) });
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: huge, contentType: json } }), [413, 422], 'POST with a body over 1 MiB');
      const deep = `{"name":"deep","parent_id":${JSON.stringify(box.id)},"custom_attributes":{"d":${'['.repeat(2000)}${']'.repeat(2000)}}}`;
      ctx.expectStatus(await ctx.api.create({}, { raw: { body: deep, contentType: json } }), [201, 413, 422], 'POST with 2000-deep custom_attributes');
      ctx.expectStatus(await ctx.api.create({ name: 'nul\u0000char', parent_id: box.id }), [201, 422], 'POST with a NUL character in the name');
      ctx.expectStatus(await ctx.api.create({ name: '\ud800 lone surrogate', parent_id: box.id }), [201, 422], 'POST with a lone surrogate in the name');
      ctx.expectStatus(await ctx.api.list({ search: 's'.repeat(3000) }), [200, 422], 'list with a 3000-character search');
      ctx.expectStatus(await ctx.api.list({ search: '%00\u0000\'";--' }), [200, 422], 'list with control and quote characters in search');
      ctx.expectStatus(await ctx.api.list({ page: '99999999999999999999999' }), [200, 422], 'list with a page beyond 64 bits');
      ctx.expectStatus(await ctx.api.get('x'.repeat(2000)), [404, 422], 'GET with a 2000-character id');
      ctx.expectStatus(await ctx.api.update(box.id, {}, { raw: { body: 'description=x', contentType: 'text/plain' } }), [415, 422], 'PATCH with a text/plain body');
      const hugePatch = JSON.stringify({ description: 'x'.repeat(1_100_000) });
      ctx.expectStatus(await ctx.api.update(box.id, {}, { raw: { body: hugePatch, contentType: json } }), [413, 422], 'PATCH with a body over 1 MiB');
      ctx.expectStatus(await ctx.api.tree({ headers: { 'X-Request-ID': 'r'.repeat(300) } }), [200, 422], 'tree with a 300-character X-Request-ID');
      ctx.expectStatus(await ctx.api.get(box.id, { headers: { 'X-Request-ID': 'r'.repeat(300) } }), [200, 422], 'GET with a 300-character X-Request-ID');
      const after = await fetchOu(ctx, box.id, 'after the malformed PATCHes');
      ctx.expect(after.description === null || after.description === undefined, 'the malformed PATCHes changed nothing');
    },
  },
];
