/**
 * The columns of an AD OU (the behaviour page's list) and how each reads from a unit:
 * as text for `filter` and `sort` (undefined = unset), and as shown on the wire (`"-"`
 * for unset, a boolean for PREVENT_DELETION, dates in the request's pattern).
 */
import type { UnitView } from '../../mock/core/units.ts';
import { canonicalName, ouDn } from './dn.ts';

/** A unit in its domain, with the derived names computed once. */
export class AdRow {
  private dnMemo: string | undefined;
  private dnLowerMemo: string | undefined;
  private canonicalMemo: string | undefined;
  /** Lower-cased column texts (filter, sort); null = unset. */
  private readonly lowered: Partial<Record<ColumnName, string | null>> = {};

  constructor(
    readonly unit: UnitView,
    readonly dnsName: string,
    /** The DN and canonical name when the caller knows them already. */
    dn?: string,
    canonical?: string,
  ) {
    this.dnMemo = dn;
    this.canonicalMemo = canonical;
  }

  get dn(): string {
    this.dnMemo ??= ouDn(this.unit.lineage, this.dnsName);
    return this.dnMemo;
  }

  /** For ties in every sort (AD-L6). */
  get dnLower(): string {
    this.dnLowerMemo ??= this.dn.toLowerCase();
    return this.dnLowerMemo;
  }

  get canonical(): string {
    this.canonicalMemo ??= canonicalName(this.unit.lineage, this.dnsName);
    return this.canonicalMemo;
  }

  /** The column's text lower-cased (filters and sorts ignore case); undefined = unset. */
  lower(column: ColumnName): string | undefined {
    let value = this.lowered[column];
    if (value === undefined) {
      value = TEXT[column](this)?.toLowerCase() ?? null;
      this.lowered[column] = value;
    }
    return value ?? undefined;
  }
}

export type ColumnName =
  | 'NAME'
  | 'FULL_NAME'
  | 'DISTINGUISHED_NAME'
  | 'OU_NAME'
  | 'DESCRIPTION'
  | 'CITY'
  | 'STATE_PROVINCE'
  | 'COUNTRY'
  | 'COUNTRY_CODE'
  | 'STREET'
  | 'POSTAL_CODE'
  | 'MANAGER'
  | 'PREVENT_DELETION'
  | 'OBJECT_GUID'
  | 'WHEN_CREATED'
  | 'WHEN_CHANGED';

/** AD attributes (LDAP names, as the PATCH body spells them) behind the attribute columns. */
export const ATTRIBUTE_OF = {
  CITY: 'l',
  STATE_PROVINCE: 'state',
  COUNTRY: 'co',
  COUNTRY_CODE: 'c',
  STREET: 'street',
  POSTAL_CODE: 'postalCode',
  MANAGER: 'managedBy',
} as const satisfies Partial<Record<ColumnName, string>>;

const attribute =
  (name: string) =>
  (row: AdRow): string | undefined =>
    row.unit.fields.ad[name];

/** Each column as text; undefined = unset. Dates are ISO 8601 here, so they order as text. */
const TEXT: Readonly<Record<ColumnName, (row: AdRow) => string | undefined>> = {
  NAME: (row) => row.unit.name,
  FULL_NAME: (row) => row.unit.name,
  DISTINGUISHED_NAME: (row) => row.dn,
  OU_NAME: (row) => row.canonical,
  DESCRIPTION: (row) => row.unit.description ?? undefined,
  CITY: attribute(ATTRIBUTE_OF.CITY),
  STATE_PROVINCE: attribute(ATTRIBUTE_OF.STATE_PROVINCE),
  COUNTRY: attribute(ATTRIBUTE_OF.COUNTRY),
  COUNTRY_CODE: attribute(ATTRIBUTE_OF.COUNTRY_CODE),
  STREET: attribute(ATTRIBUTE_OF.STREET),
  POSTAL_CODE: attribute(ATTRIBUTE_OF.POSTAL_CODE),
  MANAGER: attribute(ATTRIBUTE_OF.MANAGER),
  PREVENT_DELETION: (row) => String(row.unit.fields.protected),
  OBJECT_GUID: (row) => objectGuid(row.unit.id),
  WHEN_CREATED: (row) => row.unit.createdAt,
  WHEN_CHANGED: (row) => row.unit.updatedAt ?? row.unit.createdAt,
};

export const COLUMN_NAMES = Object.keys(TEXT) as ColumnName[];

/** The page's example columns: an object's columns without `fields` (AD-L4). */
export const DEFAULT_COLUMNS: readonly ColumnName[] = ['NAME', 'DISTINGUISHED_NAME', 'OU_NAME', 'CITY', 'COUNTRY', 'STATE_PROVINCE', 'OBJECT_GUID', 'MANAGER'];

const BY_UPPER = new Map<string, ColumnName>(COLUMN_NAMES.map((name) => [name, name]));

/** The column a client names, compared case-insensitively. */
export function columnNamed(name: string): ColumnName | undefined {
  return BY_UPPER.get(name.trim().toUpperCase());
}

/** The column's text reader, for compiling filters and sorts once per request. */
export function textReader(column: ColumnName): (row: AdRow) => string | undefined {
  return TEXT[column];
}

/** The shared id as `{UPPER-CASE-UUID}`. */
export function objectGuid(id: string): string {
  return `{${id.toUpperCase()}}`;
}

/** The dates shown in the request's pattern (AD-L7). */
export const DATE_COLUMNS: ReadonlySet<ColumnName> = new Set(['WHEN_CREATED', 'WHEN_CHANGED']);

/** One object with the given columns; unset shows `"-"` (AD-L4). */
export function adObject(row: AdRow, columns: readonly ColumnName[], formatDate: (iso: string) => string): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const column of columns) {
    if (column === 'PREVENT_DELETION') out[column] = row.unit.fields.protected;
    else {
      const text = TEXT[column](row);
      out[column] = text === undefined ? '-' : DATE_COLUMNS.has(column) ? formatDate(text) : text;
    }
  }
  return out;
}
