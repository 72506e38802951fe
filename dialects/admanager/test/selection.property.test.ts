/**
 * The column table (indexes, cached orders, narrowing) selects exactly what a plain scan of
 * the core selects, for random tenants, filters, sorts and windows (AD-L1, AD-L5, AD-L6); and
 * kept current through the core's change feed, after every random change it answers what a
 * table built from scratch and a plain scan answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../../mock/core/index.ts';
import { DomainError } from '../../../mock/core/errors.ts';
import type { UnitsApi } from '../../../mock/core/units.ts';
import { adObject, COLUMN_NAMES } from '../columns.ts';
import { readFilter } from '../params.ts';
import { rowTable } from '../row-table.ts';
import { selectRows } from '../select.ts';
import { styledFilter, write } from './filter-arbitrary.ts';
import { makeDirectory, patch } from './helpers.ts';

const DNS = 'acme.example.com';
const text = fc.stringMatching(/^[abAB]{1,3}$/);
/** Units as (name, parent index among the earlier ones, city): parents come first. */
const tenantSpec = fc.array(fc.record({ name: text, parent: fc.nat(), city: fc.option(text, { nil: undefined }), top: fc.boolean() }), { maxLength: 25 });
const FILTER_COLUMNS = ['NAME', 'CITY', 'DISTINGUISHED_NAME', 'OU_NAME', 'DESCRIPTION'];
const filterValue = fc.oneof(text, fc.constantFrom('acme', 'ou=', ',dc=', '/'));
/** One comparison, or two joined by `and`: the shapes the indexes narrow, generated often. */
const comparison = fc
  .tuple(fc.constantFrom(...FILTER_COLUMNS, 'FULL_NAME'), fc.constantFrom('eq', 'co', 'sw', 'ew', 'ne', 'gt'), filterValue)
  .map(([column, op, value]) => `${column} ${op} ${JSON.stringify(value)}`);
const filterText = fc.option(
  fc.oneof(
    styledFilter(FILTER_COLUMNS, filterValue).map(write),
    comparison,
    fc.tuple(comparison, comparison).map(([a, b]) => `(${a}) and (${b})`),
  ),
  { nil: undefined },
);

/** The same tenant without a revision: selectRows scans through queryUnits. */
function withoutRevision(api: UnitsApi): UnitsApi {
  return Object.create(api, { revision: { value: undefined } }) as UnitsApi;
}

/** The same tenant as a new object without a change feed: selectRows builds a table from scratch. */
function freshTable(api: UnitsApi): UnitsApi {
  return Object.create(api, { changesSince: { value: undefined } }) as UnitsApi;
}

/** A unit among those made so far, by a random index. */
const pick = fc.nat();
/** What changes between two queries: every kind of change the feed must carry. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name: text, parent: pick, top: fc.boolean(), city: fc.option(text, { nil: undefined }) }),
  fc.record({ kind: fc.constant('rename' as const), unit: pick, name: text }),
  fc.record({ kind: fc.constant('move' as const), unit: pick, parent: pick, top: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), unit: pick, mode: fc.constantFrom('block' as const, 'move_up' as const, 'cascade' as const) }),
  fc.record({ kind: fc.constant('fields' as const), unit: pick, city: fc.option(text, { nil: null }), description: fc.option(text, { nil: null }) }),
  fc.record({ kind: fc.constant('adPatch' as const), filter: comparison, attributes: fc.oneof(fc.record({ l: text }), fc.record({ name: text }), fc.record({ OUName: fc.constant('DC=acme,DC=example,DC=com') })) }),
  fc.record({ kind: fc.constant('user' as const), unit: pick }),
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

/** A unit refusing a change (a taken name, a cycle, children left) is part of the game, not a failure. */
function refused(error: unknown): boolean {
  return error instanceof DomainError;
}

function applyChange(dir: ReturnType<typeof makeDirectory>, c: Change): void {
  const api = dir.tenant('acme');
  const ids = api.queryUnits().items.map((u) => u.id);
  const at = (k: number): string | undefined => (ids.length === 0 ? undefined : ids[k % ids.length]);
  const unit = 'unit' in c ? at(c.unit) : undefined;
  try {
    switch (c.kind) {
      case 'create':
        api.createUnit({ name: c.name, parentId: c.top ? null : (at(c.parent) ?? null), fields: { ad: c.city === undefined ? {} : { l: c.city } } });
        return;
      case 'adPatch':
        patch(dir, { filter: c.filter, limit: 1000 }, c.attributes);
        return;
    }
    if (unit === undefined) return;
    switch (c.kind) {
      case 'rename':
        api.updateUnit(unit, { name: c.name });
        return;
      case 'move':
        api.updateUnit(unit, { parentId: c.top ? null : (at(c.parent) ?? null) });
        return;
      case 'delete':
        api.applyDelete(api.planDelete(unit, c.mode));
        return;
      case 'fields':
        api.updateUnit(unit, { description: c.description, fields: { ad: c.city === null ? {} : { l: c.city } } });
        return;
      case 'user':
        api.createUser({ email: `u${c.unit}@acme.test`, displayName: 'U', unitId: unit });
        return;
    }
  } catch (error) {
    if (!refused(error)) throw error;
  }
}

/** Each column's rows in order, as DNs. */
function orders(api: UnitsApi): Record<string, string[]> {
  const table = rowTable(api, DNS);
  if (table === undefined) throw new Error('the tenant has a revision: it has a table');
  return Object.fromEntries(COLUMN_NAMES.map((column) => [column, Array.from(table.order(column), (i) => table.dn(i))]));
}

describe('selection through the column table', () => {
  it('equals the plain scan', () => {
    fc.assert(
      fc.property(
        tenantSpec,
        filterText,
        fc.constantFrom(...COLUMN_NAMES),
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (spec, filter, column, desc, from, limit) => {
          const api = new Directory().createTenant('acme');
          const ids: string[] = [];
          for (const u of spec) {
            const parentId = u.top || ids.length === 0 ? null : (ids[u.parent % ids.length] as string);
            try {
              ids.push(api.createUnit({ name: u.name, parentId, fields: { ad: u.city === undefined ? {} : { l: u.city } } }).id);
            } catch (error) {
              // A sibling with that name exists already: that unit is simply not made.
              if (!(error instanceof DomainError && error.reason === 'name_taken')) throw error;
            }
          }
          const compiled = readFilter(filter === undefined ? {} : { filter });
          const sort = { column, desc };
          const window = { from, limit };
          const dns = (s: ReturnType<typeof selectRows>) => ({ total: s.total, dns: s.rows.map((r) => r.dn) });
          expect(dns(selectRows(api, DNS, compiled, sort, window))).toEqual(dns(selectRows(withoutRevision(api), DNS, compiled, sort, window)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('follows every change as a table built from scratch and a plain scan do', () => {
    const query = fc.record({ filter: filterText, column: fc.constantFrom(...COLUMN_NAMES), desc: fc.boolean(), from: fc.integer({ min: 1, max: 30 }), limit: fc.integer({ min: 1, max: 30 }) });
    fc.assert(
      fc.property(tenantSpec, fc.array(fc.tuple(change, query), { minLength: 1, maxLength: 15 }), (spec, steps) => {
        const dir = makeDirectory();
        for (const u of spec) applyChange(dir, { kind: 'create', name: u.name, parent: u.parent, top: u.top, city: u.city });
        const api = dir.tenant('acme');
        // The first query builds the table; every later one brings it up to date.
        selectRows(api, DNS, undefined, { column: 'NAME', desc: false }, { from: 1, limit: 1 });
        for (const [c, q] of steps) {
          applyChange(dir, c);
          const compiled = readFilter(q.filter === undefined ? {} : { filter: q.filter });
          const sort = { column: q.column, desc: q.desc };
          const window = { from: q.from, limit: q.limit };
          const seen = (s: ReturnType<typeof selectRows>) => ({ total: s.total, rows: s.rows.map((r) => ({ unit: r.unit, object: adObject(r, COLUMN_NAMES, (iso) => iso) })) });
          const incremental = seen(selectRows(api, DNS, compiled, sort, window));
          expect(incremental).toEqual(seen(selectRows(freshTable(api), DNS, compiled, sort, window)));
          expect(incremental).toEqual(seen(selectRows(withoutRevision(api), DNS, compiled, sort, window)));
          // Every column's order, not only the one asked for: a change must reach the orders no request read since.
          expect(orders(api)).toEqual(orders(freshTable(api)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
