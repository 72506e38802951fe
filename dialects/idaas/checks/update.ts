/** UpdateOrganizationalUnit (ID-U1): only what is given changes, null is not given, updateTime advances, the create rules hold, the root stays. */
import type { Check } from '../../../suites/check.ts';
import { untilServerTimeAfter } from './clock.ts';
import { fieldsOf, fixture, idaas, read, sandbox } from './support.ts';

/** The unit's updateTime, a number (the schema's business). */
function updateTimeOf(unit: Readonly<Record<string, unknown>>): number {
  const t = unit['updateTime'];
  return typeof t === 'number' ? t : Number.NaN;
}

const partialCheck: Check = {
  id: 'idaas.update.partial',
  title: 'Patch changes only the parameters given, each alone and both together (null = not given), answers 200 {}, and advances updateTime on every change and on no refusal',
  rules: ['ID-U1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const id = await fixture(ctx, parent, 'Before', { description: 'kept' });
    await fixture(ctx, parent, 'Sibling');
    const before = await read(ctx, id);
    // Past the server's clock, so a refusal that touched updateTime, and a change that did not, both show.
    await untilServerTimeAfter(ctx, parent, updateTimeOf(before), 'clock before the description');

    // A refused patch changes nothing, not its other parameter and not updateTime.
    for (const [what, name] of [['a sibling\'s name', 'SIBLING'], ['a blank name', '   ']] as const) {
      const refused = await d.patchRaw(id, { organizationalUnitName: name, description: `set by a patch refused for ${what}` });
      ctx.expectStatus(refused, [400, 409], `renaming to ${what} with a new description`);
      const after = await read(ctx, id);
      ctx.expect(
        after['organizationalUnitName'] === 'Before' && after['description'] === 'kept' && updateTimeOf(after) === updateTimeOf(before),
        `a patch refused for ${what} changes neither the name, nor the description given with it, nor updateTime (got ${JSON.stringify([after['organizationalUnitName'], after['description'], after['updateTime']])})`,
        refused,
      );
    }

    const described = await d.patchRaw(id, { description: 'changed' });
    ctx.requireStatus(described, 200, 'changing the description');
    ctx.expect(JSON.stringify(fieldsOf(described)) === '{}', 'the answer is {}', described);
    const afterDescription = await read(ctx, id);
    ctx.expect(afterDescription['organizationalUnitName'] === 'Before' && afterDescription['description'] === 'changed', 'a new description alone leaves the name');
    ctx.expect(updateTimeOf(afterDescription) > updateTimeOf(before), `updateTime advances on a description change (${String(before['updateTime'])} → ${String(afterDescription['updateTime'])})`);
    ctx.expect(afterDescription['createTime'] === before['createTime'], 'createTime does not change');
    await untilServerTimeAfter(ctx, parent, updateTimeOf(afterDescription), 'clock before the rename');

    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: 'Both', description: 'both' }), 200, 'changing the name and the description together');
    const afterBoth = await read(ctx, id);
    ctx.expect(afterBoth['organizationalUnitName'] === 'Both' && afterBoth['description'] === 'both', `a patch with both changes both (got ${JSON.stringify([afterBoth['organizationalUnitName'], afterBoth['description']])})`);
    ctx.expect(updateTimeOf(afterBoth) > updateTimeOf(afterDescription), `updateTime advances on a rename (${String(afterDescription['updateTime'])} → ${String(afterBoth['updateTime'])})`);

    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: 'After' }), 200, 'renaming');
    const afterRename = await read(ctx, id);
    ctx.expect(afterRename['organizationalUnitName'] === 'After' && afterRename['description'] === 'both', 'a rename alone leaves the description');

    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: null, description: null }), 200, 'patching with nulls');
    const afterNulls = await read(ctx, id);
    ctx.expect(afterNulls['organizationalUnitName'] === 'After' && afterNulls['description'] === 'both', 'null counts as not given: name and description stay');

    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: null, description: 'beside a null name' }), 200, 'patching a description beside a null name');
    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: 'Last', description: null }), 200, 'renaming beside a null description');
    const afterMixed = await read(ctx, id);
    ctx.expect(afterMixed['organizationalUnitName'] === 'Last' && afterMixed['description'] === 'beside a null name', `null beside a given value: only the given one changes (got ${JSON.stringify([afterMixed['organizationalUnitName'], afterMixed['description']])})`);
  },
};

const rulesCheck: Check = {
  id: 'idaas.update.rules',
  title: 'Patch keeps the rules of create (400 bad name or type, 409 sibling name, the unit itself no sibling), 404 for an unknown or deleted unit, and the root cannot be renamed (409)',
  rules: ['ID-U1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const id = await fixture(ctx, parent, 'Mine', { description: 'mine' });
    await fixture(ctx, parent, 'Theirs');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'THEIRS' }), 409, 'renaming to a sibling\'s name (another case)');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: ' Theirs  ' }), 409, 'renaming to a sibling\'s name in outer white space');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: '   ' }), 400, 'renaming to a blank name');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'a/b' }), 400, 'renaming to a name with /');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'n'.repeat(256) }), 400, 'renaming to a 256-character name');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 42 }), 400, 'renaming to a number');
    ctx.expectStatus(await d.patchRaw(id, { description: 42 }), 400, 'a number as description');
    const kept = await read(ctx, id);
    ctx.expect(kept['organizationalUnitName'] === 'Mine' && kept['description'] === 'mine', 'the refused patches changed nothing');

    // The unit is no sibling of itself: its own name in another case, or the same, is its to take.
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'MINE' }), 200, 'renaming a unit to its own name in another case');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'MINE' }), 200, 'renaming a unit to the name it has');
    ctx.expect((await read(ctx, id))['organizationalUnitName'] === 'MINE', 'the unit shows its name in the new case');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'n'.repeat(255) }), 200, 'renaming to a 255-character name (the longest allowed)');

    ctx.expectStatus(await d.patchRaw(`${id}-unknown`, { organizationalUnitName: 'ghost' }), 404, 'patching an unknown unit');
    const gone = await fixture(ctx, parent, 'gone');
    if ((await d.deleteRaw(gone)).status === 200) ctx.expectStatus(await d.patchRaw(gone, { description: 'ghost' }), 404, 'patching a deleted unit');
    const root = await read(ctx, d.topParent);
    ctx.expectStatus(await d.patchRaw(d.topParent, { organizationalUnitName: `${ctx.runTag}-root` }), 409, 'renaming the root');
    ctx.expect((await read(ctx, d.topParent))['organizationalUnitName'] === root['organizationalUnitName'], 'the root keeps its name');
  },
};

export const updateChecks: readonly Check[] = [partialCheck, rulesCheck];
