/** GetOrganizationalUnitIdByExternalId (ID-X1): 200 {organizationalUnitId}, 404 for an external id no unit has, 400 without a parameter. */
import type { Check } from '../../../suites/check.ts';
import { fieldsOf, fixture, idaas, idIfCreated, LOOKUP_KEYS, lookupKeyOf, read, sandbox } from './support.ts';

const lookupCheck: Check = {
  id: 'idaas.lookup',
  title: 'The lookup action finds a unit by its exact external id (given, default, the root\'s) in its source, 404 for near values, another source or a deleted unit, and 400 without a parameter',
  rules: ['ID-X1'],
  level: 'core',
  async run(ctx) {
    const d = idaas(ctx);
    const parent = await sandbox(ctx);
    const value = `Lookup-${ctx.runTag}-${ctx.seed}`;
    const given = await fixture(ctx, parent, 'given', { organizationalUnitExternalId: value });
    const plain = await fixture(ctx, parent, 'default');
    // Units whose external ids a wildcard, a prefix match or a case-insensitive match would take for another.
    const longer = await fixture(ctx, parent, 'longer', { organizationalUnitExternalId: `${value}-long` });
    await fixture(ctx, parent, 'axb', { organizationalUnitExternalId: `${value}-axb` });
    const found = async (key: Record<string, unknown>, id: string, what: string): Promise<void> => {
      const ex = await d.lookupRaw(key);
      if (ctx.expectStatus(ex, 200, `looking up ${what}`)) ctx.expect(fieldsOf(ex)?.['organizationalUnitId'] === id, `looking up ${what} answers {"organizationalUnitId": "${id}"}`, ex);
    };
    const source = lookupKeyOf(await read(ctx, given));
    for (const [id, what] of [[given, 'a given external id'], [plain, 'a default external id'], [longer, 'an external id that extends another']] as const) {
      const key = lookupKeyOf(await read(ctx, id));
      await found(key, id, `${what} ${JSON.stringify(key['organizationalUnitExternalId'])}`);
      for (const p of LOOKUP_KEYS) {
        const { [p]: _left, ...without } = key;
        ctx.expectStatus(await d.lookupRaw(without), 400, `looking up without ${p}`);
      }
    }
    // Our reading: an external id is matched exactly, in the source named, and in this instance only.
    const missing: Array<[string, Record<string, unknown>]> = [
      ['an external id no unit has', { ...source, organizationalUnitExternalId: `${value}-none` }],
      ['a prefix of an external id', { ...source, organizationalUnitExternalId: `${value}-lo` }],
      ['an external id in another case', { ...source, organizationalUnitExternalId: value.toUpperCase() }],
      ['an external id with _ for one of its characters', { ...source, organizationalUnitExternalId: `${value}-a_b` }],
      ['an external id with % for its end', { ...source, organizationalUnitExternalId: `${value}-%` }],
      ['an external id of another source type', { ...source, organizationalUnitSourceType: `${String(source['organizationalUnitSourceType'])}-other` }],
      ['an external id of another source id', { ...source, organizationalUnitSourceId: `${String(source['organizationalUnitSourceId'])}-other` }],
    ];
    for (const [what, key] of missing) ctx.expectStatus(await d.lookupRaw(key), 404, `looking up ${what} (${JSON.stringify(key['organizationalUnitExternalId'])})`);

    // An external id with outer white space is found by the value the unit shows, whether the server kept or trimmed it.
    const padded = idIfCreated(await d.createRaw({ organizationalUnitName: 'padded', parentId: parent, organizationalUnitExternalId: ` ${value}-ws ` }));
    if (padded !== undefined) await found(lookupKeyOf(await read(ctx, padded)), padded, 'an external id with outer white space, as the unit shows it');
    else ctx.note('an external id with outer white space was refused: its lookup not checked');

    const root = await read(ctx, d.topParent);
    if (LOOKUP_KEYS.every((p) => typeof root[p] === 'string' && root[p] !== '')) await found(lookupKeyOf(root), d.topParent, `the root's external id ${JSON.stringify(root['organizationalUnitExternalId'])}`);
    else ctx.note('the root shows no external id: its lookup not checked');

    for (const p of LOOKUP_KEYS) ctx.expectStatus(await d.lookupRaw({ ...source, [p]: '' }), [400, 404], `looking up with an empty ${p}`);
    // Deleting is ID-D1's; only once it worked is the external id of a deleted unit looked up.
    if ((await d.deleteRaw(given)).status === 200) ctx.expectStatus(await d.lookupRaw(source), 404, 'looking up the external id of a deleted unit');
  },
};

export const lookupChecks: readonly Check[] = [lookupCheck];
