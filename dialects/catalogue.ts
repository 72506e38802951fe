/**
 * Looking dialects up in the registry (dialects/index.ts), and the defect switches of the
 * whole mock: the host's and the core's (mock/defects.ts) with every dialect's own.
 */
import { DEFECTS } from '../mock/defects.ts';
import { DIALECTS } from './index.ts';
import type { Dialect, DialectId } from './types.ts';

/** The dialect with this id; an unknown id is an error naming the valid ones. */
export function dialectById(id: string, dialects: readonly Dialect[] = DIALECTS): Dialect {
  const found = dialects.find((d) => d.id === id);
  if (found === undefined) throw new TypeError(`unknown dialect "${id}"; known: ${dialects.map((d) => d.id).join(', ') || 'none'}`);
  return found;
}

/**
 * The dialect a run verifies (given by id, or as a Dialect outside the registry); undefined
 * only for the OU API while it is not a dialect of the registry.
 */
export function runDialect(given: DialectId | Dialect, dialects: readonly Dialect[] = DIALECTS): Dialect | undefined {
  if (typeof given === 'object') return given;
  return given === 'ou-api' ? dialects.find((d) => d.id === given) : dialectById(given, dialects);
}

export interface DefectInfo {
  rule: string;
  what: string;
  /** The dialect whose layer the switch breaks; undefined for the mock's own (mock/defects.ts). */
  dialect?: string;
}

/** Every defect switch by name: mock/defects.ts first, then each dialect's, in registry order. */
export function allDefects(dialects: readonly Dialect[] = DIALECTS): ReadonlyMap<string, DefectInfo> {
  const out = new Map<string, DefectInfo>(Object.entries(DEFECTS).map(([name, d]) => [name, { rule: d.rule, what: d.what }]));
  for (const dialect of dialects) {
    for (const [name, d] of Object.entries(dialect.defects)) {
      if (!out.has(name)) out.set(name, { rule: d.rule, what: d.what, dialect: dialect.id });
    }
  }
  return out;
}

/** `name` when it is a defect switch of the mock or of a dialect, else an error listing them. */
export function parseAnyDefect(name: string, dialects: readonly Dialect[] = DIALECTS): string {
  const known = allDefects(dialects);
  if (!known.has(name)) throw new TypeError(`unknown defect "${name}"; known: ${[...known.keys()].join(', ')}`);
  return name;
}
