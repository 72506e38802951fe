/**
 * The bulk update (AD-U1..U4): each target is changed on its own; a target that cannot
 * change gets `status_code: 0` with the reason and stays as it was, the others change.
 */
import { DomainError } from '../../mock/core/errors.ts';
import type { UnitPatch, UnitsApi, UnitView } from '../../mock/core/units.ts';
import type { AdChange } from './body.ts';
import { ATTRIBUTE_OF } from './columns.ts';
import type { Container } from './containers.ts';
import { domainRootDn, ouDn } from './dn.ts';

export interface UpdateItem {
  object: { 'Container Name': string; 'OU Name': string; 'Distinguished Name': string; 'Managed by': string };
  status: { status_code: 0 | 1; status_message: string };
}

/** What to do to each target: the change, and where a move goes (undefined = no move; `missing` = the container does not exist). */
export interface TargetChange {
  change: AdChange;
  /** With a filter, `name` renames and OUName moves (AD-U3); without one they only found the target (AD-U1). */
  renameAndMove: boolean;
  container: Container | 'missing' | undefined;
}

/** Ways a defect switch bends the update (see defects.ts). */
export interface UpdateQuirks {
  /** OUName with a filter reports success but moves nothing. */
  ignoreMove?: boolean;
  /** preventDeletion is not stored. */
  ignorePreventDeletion?: boolean;
  /** An item failing on its name still gets the other attributes. */
  halfApplied?: boolean;
  /** A new name that extends a sibling's, or that a sibling's extends, counts as taken. */
  prefixClash?: boolean;
  /** `c` needs two characters, not two letters. */
  anyTwoCountry?: boolean;
}

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** Updates one target and says how it went; the object shown is the OU as it is afterwards. */
export function updateTarget(api: UnitsApi, dnsName: string, unitId: string, target: TargetChange, quirks: UpdateQuirks = {}): UpdateItem {
  const before = api.findUnit(unitId);
  if (before === undefined) return failed(undefined, dnsName, 'The OU no longer exists.');
  const { change } = target;
  const code = change.attributes[ATTRIBUTE_OF.COUNTRY_CODE];
  if (code !== undefined && code !== '' && !(quirks.anyTwoCountry === true ? code.length === 2 : COUNTRY_CODE.test(code))) {
    return failed(before, dnsName, `Invalid country code ${JSON.stringify(code)}: c must be two letters (ISO 3166-1 alpha-2).`);
  }
  if (target.renameAndMove && target.container === 'missing') {
    return failed(before, dnsName, `No such container: ${change.ouName ?? ''}.`);
  }
  const patch = patchFor(before, target, quirks);
  if (quirks.prefixClash === true && patch.name !== undefined && extendsSibling(api, before, patch.name, patch.parentId === undefined ? before.parentId : patch.parentId)) {
    return failed(before, dnsName, reason(new DomainError('conflict', 'name_taken', 'name taken'), change));
  }
  try {
    return { object: objectOf(api.updateUnit(unitId, patch), dnsName), status: { status_code: 1, status_message: 'Successfully Updated.' } };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (quirks.halfApplied === true && error.reason === 'name_taken') {
      const { name: _name, parentId: _parentId, ...rest } = patch;
      return failed(api.updateUnit(unitId, rest), dnsName, reason(error, change));
    }
    return failed(before, dnsName, reason(error, change));
  }
}

/** The prefix-clash defect's test: a sibling's name (without case) extends `name` or is extended by it. */
function extendsSibling(api: UnitsApi, unit: UnitView, name: string, parentId: string | null): boolean {
  const lower = name.trim().toLowerCase();
  const clash = (u: UnitView): boolean => u.id !== unit.id && u.name.toLowerCase() !== lower && (u.name.toLowerCase().startsWith(lower) || lower.startsWith(u.name.toLowerCase()));
  return api.queryUnits({ where: { parentId, test: clash } }).items.length > 0;
}

function patchFor(unit: UnitView, target: TargetChange, quirks: UpdateQuirks): UnitPatch {
  const { change } = target;
  const patch: { -readonly [K in keyof UnitPatch]: UnitPatch[K] } = {};
  if (target.renameAndMove && change.name !== undefined) patch.name = change.name;
  if (target.renameAndMove && target.container !== undefined && target.container !== 'missing' && quirks.ignoreMove !== true) {
    patch.parentId = target.container.parentId;
  }
  if (change.description !== undefined) patch.description = change.description === '' ? null : change.description;
  const fields: NonNullable<UnitPatch['fields']> = {};
  if (Object.keys(change.attributes).length > 0) fields.ad = mergedAttributes(unit.fields.ad, change.attributes);
  const protect = quirks.ignorePreventDeletion === true ? undefined : change.preventDeletion;
  if (protect !== undefined) fields.protected = protect;
  if (Object.keys(fields).length > 0) patch.fields = fields;
  return patch;
}

/** The stored attributes with the change applied: '' removes one, `c` is stored upper-case (AD-U3). */
function mergedAttributes(current: Readonly<Record<string, string>>, changes: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') delete merged[name];
    else merged[name] = name === ATTRIBUTE_OF.COUNTRY_CODE ? value.toUpperCase() : value;
  }
  return merged;
}

function reason(error: DomainError, change: AdChange): string {
  switch (error.reason) {
    case 'name_taken':
      return `An object named ${JSON.stringify(change.name ?? '')} already exists in the container.`;
    case 'cycle':
      return `The container ${change.ouName ?? ''} is the OU itself or inside it.`;
    case 'parent_not_found':
      return `No such container: ${change.ouName ?? ''}.`;
    default:
      return error.message;
  }
}

/** The item of a target that stays as `unit` shows it (undefined: it no longer exists). */
export function failed(unit: UnitView | undefined, dnsName: string, message: string): UpdateItem {
  const object = unit === undefined ? { 'Container Name': '-', 'OU Name': '-', 'Distinguished Name': '-', 'Managed by': '-' } : objectOf(unit, dnsName);
  return { object, status: { status_code: 0, status_message: message } };
}

/** The page's result object (AD-U2). */
export function objectOf(unit: UnitView, dnsName: string): UpdateItem['object'] {
  const parent = unit.lineage.slice(0, -1);
  return {
    'Container Name': parent.length === 0 ? domainRootDn(dnsName) : ouDn(parent, dnsName),
    'OU Name': unit.name,
    'Distinguished Name': ouDn(unit.lineage, dnsName),
    'Managed by': unit.fields.ad[ATTRIBUTE_OF.MANAGER] ?? '-',
  };
}
