/** Finding OUs by DN and by name in a tenant's domain (AD-U1, AD-U3). */
import type { UnitsApi, UnitView } from '../../mock/core/units.ts';
import { containerLineage, DnSyntaxError, parseDn } from './dn.ts';
import { AdInputError } from './render.ts';

/** A container: an OU (its id) or the domain root (null). */
export type Container = { parentId: string | null };

/**
 * The container a DN names in the domain, undefined when there is none. A DN that cannot
 * be read at all is a bad parameter (400 00000107, naming where).
 */
export function findContainer(api: UnitsApi, dnsName: string, dn: string, quirks: { ignoreDomain?: boolean } = {}): Container | undefined {
  let lineage: string[] | undefined;
  try {
    const rdns = parseDn(dn);
    // ad-container-domain-ignored defect (AD-U3): only the OU= part is read.
    lineage = quirks.ignoreDomain === true ? rdns.filter((r) => r.type === 'OU').map((r) => r.value).reverse() : containerLineage(rdns, dnsName);
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new AdInputError(`Invalid body: data.attributes.OUName is not a DN: ${error.message}.`);
    throw error;
  }
  if (lineage === undefined) return undefined;
  let parentId: string | null = null;
  for (const name of lineage) {
    const child = childNamed(api, parentId, name);
    if (child === undefined) return undefined;
    parentId = child.id;
  }
  return { parentId };
}

/** The child of `parentId` named `name` (sibling names are unique without case). */
export function childNamed(api: UnitsApi, parentId: string | null, name: string): UnitView | undefined {
  const lower = name.toLowerCase();
  return api.queryUnits({ where: { parentId, test: (u) => u.name.toLowerCase() === lower } }).items[0];
}

/** Every OU named `name` (without case), anywhere in the domain. */
export function unitsNamed(api: UnitsApi, name: string): UnitView[] {
  const lower = name.toLowerCase();
  return api.queryUnits({ where: { nameContains: name, test: (u) => u.name.toLowerCase() === lower } }).items;
}
