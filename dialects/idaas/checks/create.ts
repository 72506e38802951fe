/** CreateOrganizationalUnit: ID-C1 (200, visible at once), ID-C2 (400/404), ID-C3 (external ids), ID-C4 (sibling names). */
import type { Check } from '../../../suites/check.ts';
import { chain, childNames, codeOf, createdId, fixture, idaas, idIfCreated, read, sandbox } from './support.ts';

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

/** One character, two UTF-16 code units, four UTF-8 bytes (U+1D538 MATHEMATICAL DOUBLE-STRUCK CAPITAL A). */
const ASTRAL = '\u{1D538}';

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
      ['with 256 characters outside the BMP as organizationalUnitName', { organizationalUnitName: ASTRAL.repeat(256), parentId: parent }, 'InvalidParameter.OrganizationalUnitName'],
    ];
    for (const [what, body, code] of refused) {
      const ex = await d.createRaw(body);
      if (ctx.expectStatus(ex, 400, `creating ${what}`)) {
        const got = codeOf(ex);
        // The shape itself is ID-E1's; here, which parameter the code names.
        if (got !== undefined) ctx.expect(got === code, `creating ${what}: the code names the parameter (${code})`, ex);
      }
    }
    // An empty parentId names no unit: refused as missing (400) or unknown (404), never read as the root.
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'empty parent', parentId: '' }), [400, 404], 'creating with an empty parentId');
    const orphan = `${ctx.runTag}-orphan`;
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: orphan, parentId: `${parent}-unknown` }), 404, 'creating under an unknown parentId');
    const gone = await fixture(ctx, parent, 'gone');
    if ((await d.deleteRaw(gone)).status === 200) ctx.expectStatus(await d.createRaw({ organizationalUnitName: orphan, parentId: gone }), 404, 'creating under a deleted unit');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'n'.repeat(255), parentId: parent }), 200, 'creating with a 255-character name (the longest allowed)');
    // Characters, not UTF-16 code units nor bytes: 255 of them outside the BMP are 510 code units.
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: ASTRAL.repeat(255), parentId: parent }), 200, 'creating with a name of 255 characters outside the BMP');
    const names = (await childNames(ctx, parent)).filter((n) => n !== 'gone');
    ctx.expect(names.length === 2 && names.includes('n'.repeat(255)), `the refused creates made nothing (the parent has only the two 255-character units; it has ${names.length})`);
    const { ex: top, value } = await d.children(d.topParent);
    const stray = value?.find((u) => u.name === orphan);
    ctx.expect(value !== undefined && stray === undefined, 'the unit with an unknown parent was not made elsewhere (not under the root)', top);
    if (stray !== undefined) await d.delete(stray.id);
  },
};

const externalIdCheck: Check = {
  id: 'idaas.create.external-id',
  title: 'The external id defaults to the unit id (build_in units sourced from the instance) and is unique per source type and source id, at any depth, the root\'s included (409 EntityAlreadyExists…ExternalId)',
  rules: ['ID-C3'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const plain = await fixture(ctx, parent, 'default');
    const unit = await read(ctx, plain);
    ctx.expect(unit['organizationalUnitExternalId'] === plain, `a unit created without an external id has its id as external id (got ${JSON.stringify(unit['organizationalUnitExternalId'])})`);
    if (unit['organizationalUnitSourceType'] === 'build_in') {
      ctx.expect(unit['organizationalUnitSourceId'] === ctx.tenantId, `a build_in unit's organizationalUnitSourceId is its instanceId ${ctx.tenantId} (got ${JSON.stringify(unit['organizationalUnitSourceId'])})`);
    }
    const value = `Ext-${ctx.runTag}-${ctx.seed}`;
    const given = await fixture(ctx, parent, 'given', { organizationalUnitExternalId: value });
    ctx.expect((await read(ctx, given))['organizationalUnitExternalId'] === value, 'a unit created with an external id shows it');
    let expected = 2;

    // Taken anywhere in the instance: beside it, three levels down, under another parent, at the top.
    const deep = await chain(ctx, parent, 3, 'level');
    const elsewhere = await sandbox(ctx, 'elsewhere');
    expected += 1; // the top of the chain
    const taken: Array<[string, string, string]> = [
      ['beside the unit that has it', parent, value],
      ['three levels below', deep.at(-1) ?? parent, value],
      ['under another parent', elsewhere, value],
      ['under the root', d.topParent, value],
      ["equal to another unit's default (its id)", parent, plain],
    ];
    for (const [where, parentId, ext] of taken) {
      const ex = await d.createRaw({ organizationalUnitName: `taken ${ctx.runTag} ${ctx.rng.int(0, 1e9)}`, parentId, organizationalUnitExternalId: ext });
      ctx.expectStatus(ex, 409, `creating with an external id that is taken, ${where}`);
      const stray = idIfCreated(ex);
      if (stray !== undefined) await d.delete(stray);
    }

    // Our reading: external ids are compared exactly, so near values are other ids. Outer white space may be kept or trimmed, but never yields a duplicate.
    const near: Array<[string, string]> = [
      ['another case', value.toUpperCase()],
      ['a wildcard-like last character', `${value.slice(0, -1)}_`],
      ['a % after it', `${value}%`],
      ['extending it', `${value}-more`],
    ];
    for (const [what, ext] of near) {
      if (ctx.expectStatus(await d.createRaw({ organizationalUnitName: `near ${what}`, parentId: parent, organizationalUnitExternalId: ext }), 200, `creating with ${what} of a taken external id (${JSON.stringify(ext)})`)) expected++;
    }
    const padded = await d.createRaw({ organizationalUnitName: 'padded', parentId: parent, organizationalUnitExternalId: ` ${value} ` });
    const paddedId = idIfCreated(padded);
    if (paddedId !== undefined) {
      expected++;
      const shown = (await read(ctx, paddedId))['organizationalUnitExternalId'];
      ctx.expect(shown !== value, `an external id given with outer white space is stored as given or refused, never as the taken ${JSON.stringify(value)}`, padded);
    } else ctx.expectStatus(padded, [400, 409], 'creating with a taken external id in outer white space');

    // The root is a unit too: its external id is taken when it is in the same source.
    const root = await read(ctx, d.topParent);
    if (root['organizationalUnitSourceType'] === unit['organizationalUnitSourceType'] && root['organizationalUnitSourceId'] === unit['organizationalUnitSourceId'] && typeof root['organizationalUnitExternalId'] === 'string') {
      const ex = await d.createRaw({ organizationalUnitName: 'root external id', parentId: parent, organizationalUnitExternalId: root['organizationalUnitExternalId'] });
      ctx.expectStatus(ex, 409, `creating with the root's external id ${JSON.stringify(root['organizationalUnitExternalId'])}`);
      if (idIfCreated(ex) !== undefined) expected++;
    } else ctx.note('the root shows another source than the units: its external id is not in their space');

    // A deleted unit's external id is free again: no unit has it any more.
    const freed = `${value}-freed`;
    const first = await fixture(ctx, parent, 'freed', { organizationalUnitExternalId: freed });
    if (ctx.expectStatus(await d.deleteRaw(first), 200, 'deleting the unit that had an external id')) {
      if (ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'freed again', parentId: parent, organizationalUnitExternalId: freed }), 200, 'creating with the external id of a deleted unit')) expected++;
    } else expected++;
    const names = await childNames(ctx, parent);
    ctx.expect(names.length === expected, `the refused creates made nothing (the parent has ${names.length} units, ${expected} expected)`);
  },
};

const siblingCheck: Check = {
  id: 'idaas.create.sibling-name',
  title: 'A sibling of the same name, case-insensitively and after trimming, answers 409 and makes nothing; near names and the same name elsewhere are fine',
  rules: ['ID-C4'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const other = await sandbox(ctx, 'other');
    await fixture(ctx, parent, 'Finance');
    await fixture(ctx, parent, 'Ärzte');
    const kept = ['Finance', 'Ärzte'];
    for (const [what, name] of [
      ['the same name', 'Finance'],
      ['the name in upper case', 'FINANCE'],
      ['the name in lower case', 'finance'],
      ['the name with outer white space (trimmed, the common name rules)', '  Finance '],
      ['a non-ASCII name in another case', 'ÄRZTE'],
    ] as const) {
      ctx.expectStatus(await d.createRaw({ organizationalUnitName: name, parentId: parent }), 409, `creating a sibling with ${what} (${JSON.stringify(name)})`);
    }
    // Names near a sibling's are other names: extending it, a prefix of it, wildcard-like characters.
    for (const name of ['Finance Ops', 'Financ', 'Fin_nce', 'Fin%', 'Finance2']) {
      if (ctx.expectStatus(await d.createRaw({ organizationalUnitName: name, parentId: parent }), 200, `creating ${JSON.stringify(name)} beside "Finance"`)) kept.push(name);
    }
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'Finance', parentId: other }), 200, 'creating the same name under another parent');
    const deep = await chain(ctx, parent, 3, 'Deep');
    ctx.expectStatus(await d.createRaw({ organizationalUnitName: 'Finance', parentId: deep.at(-1) ?? parent }), 200, 'creating the same name three levels below');
    kept.push('Deep-1');
    const names = await childNames(ctx, parent);
    ctx.expect(
      names.length === kept.length && kept.every((n) => names.includes(n)),
      `the refused creates made nothing (the parent has ${JSON.stringify(names)}, expected ${JSON.stringify(kept)})`,
    );
  },
};

export const createChecks: readonly Check[] = [answerCheck, validationCheck, externalIdCheck, siblingCheck];
