import fc from 'fast-check';
import type { JsonSchema } from './contract-model.ts';
import { isRecord } from './contract-model.ts';

/** A value that breaks a schema, and how. */
export interface Violation {
  value: unknown;
  reason: string;
}

/** JSON Schema `type`, as a list (`['string', 'null']`). */
export function typesOf(schema: JsonSchema): string[] {
  const t = schema['type'];
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.map(String) : [];
}

const SAMPLE_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 12 }),
  integer: fc.integer({ min: -1000, max: 1000 }),
  number: fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { minKeys: 1, maxKeys: 3 }),
};

/**
 * Values of the wrong JSON type for `schema` (integer counts as a number, so a number
 * schema gets no integer as a violation).
 */
function wrongTypes(schema: JsonSchema): Array<fc.Arbitrary<Violation>> {
  const allowed = typesOf(schema);
  if (allowed.length === 0) return [];
  return Object.entries(SAMPLE_OF_TYPE)
    .filter(([type]) => !allowed.includes(type) && !(type === 'integer' && allowed.includes('number')))
    .map(([type, arb]) => arb.map((value) => ({ value, reason: `${type} where ${allowed.join(' | ')} is required` })));
}

/**
 * Generators of values that break `schema`: wrong types, strings too short or too long,
 * strings outside the pattern, integers out of range, strings outside an enum.
 */
export function violations(schema: JsonSchema): Array<fc.Arbitrary<Violation>> {
  const out = wrongTypes(schema);
  const types = typesOf(schema);
  const minLength = schema['minLength'];
  if (types.includes('string') && typeof minLength === 'number' && minLength > 0) {
    out.push(fc.string({ maxLength: minLength - 1 }).map((value) => ({ value, reason: `shorter than ${minLength}` })));
  }
  const maxLength = schema['maxLength'];
  if (types.includes('string') && typeof maxLength === 'number') {
    out.push(
      fc
        .string({ minLength: maxLength + 1, maxLength: maxLength + 20, unit: fc.constantFrom('a', 'b', 'Z', '9', ' ') })
        .map((value) => ({ value: `x${value}`, reason: `longer than ${maxLength}` })),
    );
  }
  const pattern = schema['pattern'];
  if (types.includes('string') && typeof pattern === 'string') {
    const re = new RegExp(pattern, 'u');
    // Candidates are checked up front, so generation never spins on a filter.
    const breaking = ['/', '\\', '\n', '*', '.', '$', '^', '\u0000'].filter((c) => !re.test(`a${c}b`));
    if (breaking.length > 0) {
      out.push(
        fc
          .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...breaking), fc.string({ maxLength: 6 }))
          .map(([a, special, b]) => ({ value: `a${a}${special}${b}b`, reason: `outside the pattern ${pattern}` })),
      );
    }
  }
  const minimum = schema['minimum'];
  if ((types.includes('integer') || types.includes('number')) && typeof minimum === 'number') {
    out.push(fc.integer({ min: minimum - 1000, max: minimum - 1 }).map((value) => ({ value, reason: `below the minimum ${minimum}` })));
  }
  const maximum = schema['maximum'];
  if ((types.includes('integer') || types.includes('number')) && typeof maximum === 'number') {
    out.push(fc.integer({ min: maximum + 1, max: maximum + 1000 }).map((value) => ({ value, reason: `above the maximum ${maximum}` })));
  }
  const values = schema['enum'];
  if (Array.isArray(values)) {
    const allowed = values.map(String);
    out.push(
      fc
        .oneof(
          fc.constantFrom(...allowed.map((v) => v.toLowerCase())),
          fc.string({ minLength: 1, maxLength: 8 }).map((s) => `X${s}`),
        )
        .filter((s) => !allowed.includes(s))
        .map((value) => ({ value, reason: `not one of ${allowed.join(', ')}` })),
    );
  }
  return out;
}

/**
 * Query-string values (always text) that break a parameter schema: non-numbers and
 * out-of-range numbers for integers, non-booleans for booleans, values outside an enum.
 */
export function queryViolations(schema: JsonSchema): Array<fc.Arbitrary<Violation>> {
  const types = typesOf(schema);
  const out: Array<fc.Arbitrary<Violation>> = [];
  if (types.includes('integer')) {
    out.push(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'x', '-', '.', '%', 'Z') }).map((s) => ({ value: `q${s}`, reason: 'not an integer' })));
    out.push(
      fc
        .double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true })
        .filter((n) => !Number.isInteger(n))
        .map((n) => ({ value: String(n), reason: 'not an integer' })),
    );
    const minimum = schema['minimum'];
    if (typeof minimum === 'number') out.push(fc.integer({ min: minimum - 1000, max: minimum - 1 }).map((n) => ({ value: String(n), reason: `below the minimum ${minimum}` })));
    const maximum = schema['maximum'];
    if (typeof maximum === 'number') out.push(fc.integer({ min: maximum + 1, max: maximum + 1000 }).map((n) => ({ value: String(n), reason: `above the maximum ${maximum}` })));
  }
  // Booleans: letters only, since "0", "1", "yes", "on" read as booleans on many servers.
  if (types.includes('boolean')) {
    out.push(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'x', 'q', 'z') }).map((s) => ({ value: `q${s}`, reason: 'not a boolean' })));
  }
  const values = schema['enum'];
  if (Array.isArray(values)) {
    const allowed = values.map(String);
    out.push(
      fc
        .oneof(fc.constantFrom(...allowed.map((v) => v.toLowerCase())), fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('A', 'b', '_', '9') }).map((s) => `X${s}`))
        .filter((s) => !allowed.includes(s))
        .map((value) => ({ value, reason: `not one of ${allowed.join(', ')}` })),
    );
  }
  return out;
}

/** Generates values valid for `schema` (the subset of JSON Schema the contract uses). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const values = schema['enum'];
  if (Array.isArray(values)) return fc.constantFrom(...values);
  const arbs = typesOf(schema).map((type) => validOfType(schema, type));
  if (arbs.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return arbs.length === 1 ? (arbs[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbs);
}

function validOfType(schema: JsonSchema, type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': {
      const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
      const maxLength = Math.min(typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 30, 30);
      const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'], 'u') : undefined;
      return fc.string({ minLength, maxLength }).filter((s) => pattern === undefined || pattern.test(s));
    }
    case 'integer':
      return fc.integer({
        min: typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000,
        max: typeof schema['maximum'] === 'number' ? schema['maximum'] : 1000,
      });
    case 'number':
      return fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(isRecord(schema['items']) ? validValue(schema['items']) : fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 });
    case 'object': {
      const props = isRecord(schema['properties']) ? schema['properties'] : undefined;
      if (props === undefined) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      const required = Array.isArray(schema['required']) ? schema['required'].map(String) : [];
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) shape[key] = validValue(isRecord(sub) ? sub : {});
      return fc.record(shape, { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}
