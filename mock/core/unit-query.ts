/**
 * `queryUnits`: filter, order and window a tenant's units. The default order (lower-cased path)
 * reads the path index, so a page of the whole tenant is a slice; a name filter in that order
 * uses the index's name haystack. Other orders sort the matches. Ties always end by ascending id.
 */
import { DomainError } from './errors.ts';
import type { Hierarchy } from './hierarchy.ts';
import { byPath, lower, type OuRecord } from './records.ts';
import { unitView } from './unit-view.ts';
import type { UnitOrderKey, UnitPage, UnitQuery } from './units.ts';

type Order = NonNullable<UnitQuery['orderBy']>;

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** null codes sort after every code (ascending). */
function compareCode(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareText(a, b);
}

const KEYS: Record<UnitOrderKey, (a: OuRecord, b: OuRecord) => number> = {
  path: (a, b) => compareText(a.lowerPath, b.lowerPath),
  name: (a, b) => compareText(a.lowerName, b.lowerName),
  createdAt: (a, b) => compareText(a.createdAt, b.createdAt),
  code: (a, b) => compareCode(a.fields.code, b.fields.code),
  id: (a, b) => compareText(a.id, b.id),
};

function comparator(order: Order): (a: OuRecord, b: OuRecord) => number {
  const keys = order.map(({ key, desc }) => ({ cmp: KEYS[key], sign: desc === true ? -1 : 1 }));
  return (a, b) => {
    for (const { cmp, sign } of keys) {
      const c = cmp(a, b);
      if (c !== 0) return sign * c;
    }
    return compareText(a.id, b.id);
  };
}

/** Whether the order is the path index's own (lower-cased path, ties by id). */
function isPathOrder(order: Order): boolean {
  const [first, second, ...rest] = order;
  if (first === undefined) return true;
  if (first.key !== 'path' || first.desc === true || rest.length > 0) return false;
  return second === undefined || (second.key === 'id' && second.desc !== true);
}

function readWindow(w: UnitQuery['window']): { offset: number; limit: number } {
  if (w === undefined) return { offset: 0, limit: Number.POSITIVE_INFINITY };
  const ok = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!ok(w.offset) || !ok(w.limit)) {
    throw new DomainError('invalid', 'bad_value', 'window offset and limit must be integers >= 0');
  }
  return w;
}

/**
 * Matches of `q` in order, then the window.
 *
 * @example
 * queryUnits(ous, { where: { parentId: null }, orderBy: [{ key: 'name' }], window: { offset: 0, limit: 10 } });
 * @throws DomainError `invalid` for a negative or fractional window.
 */
export function queryUnits(ous: Hierarchy, q: UnitQuery = {}): UnitPage {
  const { offset, limit } = readWindow(q.window);
  const where = q.where ?? {};
  const order = q.orderBy ?? [];
  const pathOrder = isPathOrder(order);
  const needle = where.nameContains === undefined || where.nameContains === '' ? null : lower(where.nameContains);
  let nameDone = false;
  let inOrder = false;
  let list: readonly OuRecord[];
  if (where.code !== undefined) {
    const rec = ous.fields.withCode(where.code);
    list = rec === undefined ? [] : [rec];
  } else if (where.parentId !== undefined) {
    const parent = where.parentId === null ? null : ous.get(where.parentId);
    list = parent === undefined ? [] : Array.from(parent === null ? ous.topLevel() : parent.children.values());
  } else if (needle !== null && pathOrder) {
    list = ous.namesContaining(needle);
    nameDone = true;
    inOrder = true;
  } else {
    list = ous.sortedByPath();
    inOrder = true;
  }
  const parentId = where.parentId;
  const test = where.test;
  const keep = (r: OuRecord): boolean =>
    (parentId === undefined || (r.parent === null ? null : r.parent.id) === parentId) &&
    (needle === null || nameDone || r.lowerName.includes(needle)) &&
    (test === undefined || test(unitView(ous, r)));
  const filtered = where.code !== undefined || (needle !== null && !nameDone) || test !== undefined;
  if (filtered) list = list.filter(keep);
  if (!pathOrder) list = (list === ous.sortedByPath() ? list.slice() : (list as OuRecord[])).sort(comparator(order));
  else if (!inOrder) list = (list as OuRecord[]).sort(byPath);
  const end = Math.min(list.length, offset + limit);
  const items = [];
  for (let i = offset; i < end; i++) items.push(unitView(ous, list[i]!));
  return { total: list.length, items };
}
