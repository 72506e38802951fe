/** UpdateOrganizationalUnit (ID-U1): only what is given changes, null is not given, updateTime advances, the create rules hold, the root stays. */
import type { Check } from '../../../suites/check.ts';
import { fieldsOf, fixture, idaas, read, sandbox, sleep } from './support.ts';

/** Longer than a second, so even a server that keeps times in whole seconds shows the change. */
const CLOCK_STEP_MS = 1100;

const partialCheck: Check = {
  id: 'idaas.update.partial',
  title: 'Patch changes only the parameters given (null = not given), answers 200 {}, and advances updateTime',
  rules: ['ID-U1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const id = await fixture(ctx, parent, 'Before', { description: 'kept' });
    const before = await read(ctx, id);
    await sleep(CLOCK_STEP_MS);

    const renamed = await d.patchRaw(id, { organizationalUnitName: 'After' });
    ctx.requireStatus(renamed, 200, 'renaming');
    ctx.expect(JSON.stringify(fieldsOf(renamed)) === '{}', 'the answer is {}', renamed);
    const afterRename = await read(ctx, id);
    ctx.expect(afterRename['organizationalUnitName'] === 'After' && afterRename['description'] === 'kept', 'a rename changes the name and leaves the description');
    ctx.expect(
      typeof afterRename['updateTime'] === 'number' && typeof before['updateTime'] === 'number' && afterRename['updateTime'] > before['updateTime'],
      `updateTime advances on a change (${String(before['updateTime'])} → ${String(afterRename['updateTime'])})`,
    );
    ctx.expect(afterRename['createTime'] === before['createTime'], 'createTime does not change');

    ctx.requireStatus(await d.patchRaw(id, { description: 'changed' }), 200, 'changing the description');
    const afterDescription = await read(ctx, id);
    ctx.expect(afterDescription['organizationalUnitName'] === 'After' && afterDescription['description'] === 'changed', 'a new description leaves the name');

    ctx.requireStatus(await d.patchRaw(id, { organizationalUnitName: null, description: null }), 200, 'patching with nulls');
    const afterNulls = await read(ctx, id);
    ctx.expect(afterNulls['organizationalUnitName'] === 'After' && afterNulls['description'] === 'changed', 'null counts as not given: name and description stay');
  },
};

const rulesCheck: Check = {
  id: 'idaas.update.rules',
  title: 'Patch keeps the rules of create (400 bad name, 409 sibling name), 404 for an unknown unit, and the root cannot be renamed (409)',
  rules: ['ID-U1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const id = await fixture(ctx, parent, 'Mine');
    await fixture(ctx, parent, 'Theirs');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'THEIRS' }), 409, 'renaming to a sibling\'s name (another case)');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: '   ' }), 400, 'renaming to a blank name');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 'a/b' }), 400, 'renaming to a name with /');
    ctx.expectStatus(await d.patchRaw(id, { organizationalUnitName: 42 }), 400, 'renaming to a number');
    ctx.expect((await read(ctx, id))['organizationalUnitName'] === 'Mine', 'the refused renames changed nothing');
    ctx.expectStatus(await d.patchRaw(`${id}-unknown`, { organizationalUnitName: 'ghost' }), 404, 'patching an unknown unit');
    const root = await read(ctx, d.topParent);
    ctx.expectStatus(await d.patchRaw(d.topParent, { organizationalUnitName: `${ctx.runTag}-root` }), 409, 'renaming the root');
    ctx.expect((await read(ctx, d.topParent))['organizationalUnitName'] === root['organizationalUnitName'], 'the root keeps its name');
  },
};

export const updateChecks: readonly Check[] = [partialCheck, rulesCheck];
