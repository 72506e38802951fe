import type { Check, CheckContext } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { childrenOf, expectUnreadableRefused, expectValidation, fetchOu, refused } from './expect.ts';
import { validationBodyProblem } from './post.ts';

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

/** A create body whose custom_attributes nest 2000 deep: past many servers' JSON parsers, not all. */
function deepBody(parentId: string): string {
  return `{"name":"deep","parent_id":${JSON.stringify(parentId)},"custom_attributes":{"d":${'['.repeat(2000)}${']'.repeat(2000)}}}`;
}

/** OU-E5: the refused requests under `parentId` created nothing (judged only when all were refused). */
async function expectNoChildren(ctx: CheckContext, parentId: string, sent: readonly Exchange[], what: string): Promise<void> {
  if (!refused(...sent)) return;
  const e5 = ctx.rule('OU-E5');
  const kids = await childrenOf(e5, parentId, what);
  e5.expect(kids.length === 0, `${what}: the refused requests created nothing, found ${kids.map((k) => JSON.stringify(k.name)).join(', ')}`);
}

export const validationChecks: Check[] = [
  {
    id: 'validation.create_body',
    title: 'POST bodies breaking OUCreate field by field answer 422 naming the field, and create nothing',
    rules: ['OU-E3', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const sent: Exchange[] = [];
      for (const [label, body, field] of badCreateBodies(box.id)) {
        const ex = await ctx.api.create(body, { raw: { body: JSON.stringify(body), contentType: 'application/json' } });
        sent.push(ex);
        expectValidation(ctx, ex, 'body', field, `POST with ${label}`);
      }
      await expectNoChildren(ctx, box.id, sent, 'after the invalid POSTs');
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
      const creates: Exchange[] = [];
      const renames: Exchange[] = [];
      for (const [label, name] of BAD_NAMES) {
        const create = await ctx.api.create({ name, parent_id: target.id });
        creates.push(create);
        expectValidation(ctx, create, 'body', 'name', `POST with ${label}`, 'OU-H5');
        const rename = await ctx.api.update(target.id, { name });
        renames.push(rename);
        expectValidation(ctx, rename, 'body', 'name', `PATCH with ${label}`, 'OU-H5');
      }
      await expectNoChildren(ctx, target.id, creates, 'after the invalid names');
      if (refused(...renames)) {
        const now = await fetchOu(ctx.rule('OU-E5'), target.id, 'after the refused renames');
        ctx.expect(now.name === 'target', `the refused renames changed nothing, name is ${JSON.stringify(now.name)}`, undefined, 'OU-E5');
      }
      for (const [label, name] of [
        ['a 255-character name', 'm'.repeat(255)],
        ['a one-character name', 'x'],
        ['a name with outer white space', '  padded  '],
        ['a name with inner white space and Unicode', 'Zürich Ost — 東京'],
      ] as const) {
        const ex = await ctx.api.create({ name, parent_id: target.id });
        ctx.expectStatus(ex, 201, `POST with ${label}`, 'OU-H5');
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
      const sent: Exchange[] = [];
      for (const [label, body, field] of cases) {
        const ex = await ctx.api.update(ou.id, body, { raw: { body: JSON.stringify(body), contentType: 'application/json' } });
        sent.push(ex);
        // name: null is OU-U1's own 422; every other case breaks the OUUpdate schema (OU-E3).
        expectValidation(ctx, ex, 'body', field, `PATCH with ${label}`, label === 'name null' ? 'OU-U1' : 'OU-E3');
      }
      if (!refused(...sent)) return;
      const e5 = ctx.rule('OU-E5');
      const now = await fetchOu(e5, ou.id, 'after the invalid PATCHes');
      e5.expect(now.name === 'ou' && now.description === 'before' && now.parent_id === box.id, 'the refused PATCHes changed nothing');
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
    title: 'malformed requests (bad JSON, wrong media type, deep bodies, odd characters) are refused with a 4xx and a JSON detail, never 5xx, and change nothing',
    rules: ['OU-E4', 'OU-E5'],
    level: 'core',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const e4 = ctx.rule('OU-E4');
      const json = 'application/json';
      const deep = deepBody(box.id);
      const unreadable: Array<[string, () => Promise<Exchange>, number[]]> = [
        ['POST with malformed JSON', () => ctx.api.create({}, { raw: { body: '{"name": "x", ', contentType: json } }), []],
        ['PATCH with malformed JSON', () => ctx.api.update(box.id, {}, { raw: { body: '{name: x}', contentType: json } }), []],
        ['POST with a text/plain body', () => ctx.api.create({}, { raw: { body: 'name=x', contentType: 'text/plain' } }), []],
        ['POST with a form body', () => ctx.api.create({}, { raw: { body: `name=x&parent_id=${box.id}`, contentType: 'application/x-www-form-urlencoded' } }), []],
        ['POST with no body', () => ctx.api.create({}, { raw: { body: '' } }), []],
        ['POST with an empty JSON body', () => ctx.api.create({}, { raw: { body: '', contentType: json } }), []],
        ['PATCH with a text/plain body', () => ctx.api.update(box.id, {}, { raw: { body: 'description=x', contentType: 'text/plain' } }), []],
        // A server whose parser reads 2000 levels creates the OU; one whose parser cannot refuses it.
        ['POST with 2000-deep custom_attributes', () => ctx.api.create({}, { raw: { body: deep, contentType: json } }), [201]],
      ];
      const patches: Exchange[] = [];
      for (const [label, send, accepted] of unreadable) {
        const ex = await send();
        if (ex.method === 'PATCH') patches.push(ex);
        expectUnreadableRefused(e4, ex, label, accepted);
      }
      // Well-formed requests with odd values: handled (a documented status), never a 5xx or a 400 the rules do not name.
      e4.expectStatus(await ctx.api.create({ name: 'nul\u0000char', parent_id: box.id }), [201, 422], 'POST with a NUL character in the name');
      e4.expectStatus(await ctx.api.create({ name: '\ud800 lone surrogate', parent_id: box.id }), [201, 422], 'POST with a lone surrogate in the name');
      e4.expectStatus(await ctx.api.list({ search: '%00\u0000\'";--' }), [200, 422], 'list with control and quote characters in search');
      e4.expectStatus(await ctx.api.list({ page: '99999999999999999999999' }), [200, 422], 'list with a page beyond 64 bits');
      if (!refused(...patches)) return;
      const after = await fetchOu(ctx.rule('OU-E5'), box.id, 'after the malformed PATCHes');
      ctx.expect(after.description === null || after.description === undefined, 'the malformed PATCHes changed nothing', undefined, 'OU-E5');
    },
  },
  {
    id: 'validation.unreadable_body',
    title: 'a body that cannot be read as JSON is refused with 422 and loc ["body", …] (a parser\'s 400 passes core only)',
    rules: ['OU-E6'],
    level: 'profile',
    async run(ctx: CheckContext) {
      const box = await ctx.sandbox();
      const json = 'application/json';
      const deep = deepBody(box.id);
      const cases: Array<[string, Exchange]> = [
        ['POST with malformed JSON', await ctx.api.create({}, { raw: { body: '{"name": "x", ', contentType: json } })],
        ['PATCH with malformed JSON', await ctx.api.update(box.id, {}, { raw: { body: '{name: x}', contentType: json } })],
        ['POST with an empty JSON body', await ctx.api.create({}, { raw: { body: '', contentType: json } })],
        ['POST with 2000-deep custom_attributes', await ctx.api.create({}, { raw: { body: deep, contentType: json } })],
      ];
      for (const [label, ex] of cases) {
        // Accepting a body it can read, a 5xx and a refusal without detail are judged at core
        // (validation.malformed_requests), a 422 that is no HTTPValidationError under OU-E3.
        if (ex.status < 400 || ex.status >= 500) continue;
        if (!ctx.expectStatus(ex, 422, label) || validationBodyProblem(ex.body) !== undefined) continue;
        const detail = (ex.body as { detail: Array<{ loc: unknown[] }> }).detail;
        ctx.expect(detail.some((d) => d.loc[0] === 'body'), `${label}: a detail item with loc starting ["body"]`, ex);
      }
      ctx.note(`${cases.length} unreadable bodies`);
    },
  },
];
