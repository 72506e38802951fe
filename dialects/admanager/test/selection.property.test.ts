/**
 * The column table (indexes, cached orders, narrowing) selects exactly what a plain scan of
 * the core selects, for random tenants, filters, sorts and windows (AD-L1, AD-L5, AD-L6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../../mock/core/index.ts';
import { DomainError } from '../../../mock/core/errors.ts';
import type { UnitsApi } from '../../../mock/core/units.ts';
import { COLUMN_NAMES } from '../columns.ts';
import { readFilter } from '../params.ts';
import { selectRows } from '../select.ts';
import { styledFilter, write } from './filter-arbitrary.ts';

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
});
