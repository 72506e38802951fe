/** CreateOrganizationalUnit: ID-C1 (200, visible at once), ID-C2 (400/404), ID-C3 (external ids), ID-C4 (sibling names). */
import type { Check } from '../../../suites/check.ts';
import { childNames, codeOf, createdId, fixture, idaas, read, sandbox } from './support.ts';

const answerCheck: Check = {
  id: 'idaas.create.answer',
  title: 'Create answers 200 {organizationalUnitId}; Get and the list show the unit at once, under a unit and under the root',
  rules: ['ID-C1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const ex = await d.createRaw({ organizationalUnitName: 'Created', parentId: parent, description: 'made by the check' });
    const id = createdId(ctx, ex, 'creating a unit');
    const unit = await read(ctx, id);
    ctx.expect(unit['organizationalUnitName'] === 'Created' && unit['parentId'] === parent && unit['description'] === 'made by the check', 'GET shows the new unit with its name, parent and description');
    ctx.expect((await childNames(ctx, parent)).includes('Created'), 'the list of the parent shows the new unit');

    // Under the root: the top level of the instance.
    const top = await d.createRaw({ organizationalUnitName: `${ctx.runTag}-${ctx.checkId}-top`, parentId: d.topParent });
    const topId = createdId(ctx, top, 'creating a unit under the root');
    try {
      ctx.expect((await read(ctx, topId))['parentId'] === d.topParent, `GET shows the root ${d.topParent} as the parent of a unit created under it`);
      const { ex: listed, value } = await d.children(d.topParent);
      ctx.expect(value?.some((u) => u.id === topId) === true, 'the list of the root shows the new unit', listed);
    } finally {
      await d.delete(topId);
    }
  },
};

const validationCheck: Check = {
  id: 'idaas.create.validation',
  title: 'Create refuses a missing or mistyped name or parent and the common name rules (400 InvalidParameter.<Field>), an unknown parent (404), creating nothing',
  rules: ['ID-C2'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const refused: Array<[string, Record<string, unknown> | unknown[], string]> = [
      ['without organizationalUnitName', { parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
      ['without parentId', { organizationalUnitName: 'no parent' }, 'InvalidParameter.ParentId'],
      ['with a number as organizationalUnitName', { organizationalUnitName: 42, parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
      ['with a number as parentId', { organizationalUnitName: 'numeric parent', parentId: 42 }, 'InvalidParameter.ParentId'],
      ['with a blank organizationalUnitName', { organizationalUnitName: '   ', parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
      ['with a / in organizationalUnitName', { organizationalUnitName: 'a/b', parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
      ['with a 256-character organizationalUnitName', { organizationalUnitName: 'n'.repeat(256), parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
    ];
    for (const [what, body, code] of refused) {
      const ex = await d.createRaw(body);
      if (ctx.expectStatus(ex, 400, `creating ${what}`)) {
        const got = codeOf(ex);
        // The shape itself is ID-E1's; here, which parameter the code names.
        if (got !== undefined) ctx.expect(got === code, `creating ${what}: the code names the parameter (${code})`, ex);
      }
    }
    const orphan = `${ctx.runTag}-orphan`;
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: orphan, parentId: `${parent}-unknown` }), 404, 'creating under an unknown parentId');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'n'.repeat(255), parentId: parent }), 200, 'creating with a 255-character name (the longest allowed)');
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === 1 && names[0] === 'n'.repeat(255), `the refused creates made nothing (the parent has only the 255-character unit; it has ${names.length})`);
    const { ex: top, value } = await d.children(d.topParent);
    const stray = value?.find((u) => u.name === orphan);
    ctx.expect(value !== undefined && stray === undefined, 'the unit with an unknown parent was not made elsewhere (not under the root)', top);
    if (stray !== undefined) await d.delete(stray.id);
  },
};

const externalIdCheck: Check = {
  id: 'idaas.create.external-id',
  title: 'The external id defaults to the unit id and is unique per source type and source id (409 EntityAlreadyExists…ExternalId)',
  rules: ['ID-C3'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const plain = await fixture(ctx, parent, 'default');
    const unit = await read(ctx, plain);
    ctx.expect(unit['organizationalUnitExternalId'] === plain, `a unit created without an external id has its id as external id (got ${JSON.stringify(unit['organizationalUnitExternalId'])})`);
    const value = `ext-${ctx.runTag}-${ctx.seed}`;
    const given = await fixture(ctx, parent, 'given', { organizationalUnitExternalId: value });
    ctx.expect((await read(ctx, given))['organizationalUnitExternalId'] === value, 'a unit created with an external id shows it');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'same external id', parentId: parent, organizationalUnitExternalId: value }), 409, 'creating with an external id another unit has');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'default taken', parentId: parent, organizationalUnitExternalId: plain }), 409, 'creating with an external id that is another unit\'s default (its id)');
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === 2, `the refused creates made nothing (the parent has ${names.length} units, 2 expected)`);
  },
};

const siblingCheck: Check = {
  id: 'idaas.create.sibling-name',
  title: 'A sibling of the same name, case-insensitively, answers 409; the same name under another parent is fine',
  rules: ['ID-C4'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const other = await sandbox(ctx, 'other');
    await fixture(ctx, parent, 'Finance');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'Finance', parentId: parent }), 409, 'creating a sibling of the same name');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'FINANCE', parentId: parent }), 409, 'creating a sibling whose name differs only in case');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'Finance', parentId: other }), 200, 'creating the same name under another parent');
    ctx.expect((await childNames(ctx, parent)).length === 1, 'the refused creates made nothing');
  },
};

export const createChecks: readonly Check[] = [answerCheck, validationCheck, externalIdCheck, siblingCheck];
