import { isDeepStrictEqual } from 'node:util';
import { HTTP_METHODS, asArray, asRecord, derefLocal, isRecord, objectShape, typesOf } from '../functions/shape.ts';
import type { JsonObject } from '../functions/shape.ts';
import { ADDITIVE } from './compare.ts';
import type { DriftIssue } from './compare.ts';

/** The readers the dialect drift comparisons share: operations, parameters, examples, properties. */

export interface ContractOperation {
  method: string;
  path: string;
  item: JsonObject;
  operation: JsonObject;
}

/** Every operation of the contract, in document order. */
export function operationsOf(contract: JsonObject): ContractOperation[] {
  const out: ContractOperation[] = [];
  for (const [path, raw] of Object.entries(asRecord(contract.paths))) {
    const item = asRecord(derefLocal(contract, raw));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isRecord(operation)) out.push({ method: method.toUpperCase(), path, item, operation });
    }
  }
  return out;
}

export function findOperation(contract: JsonObject, method: string, path: string): ContractOperation | undefined {
  return operationsOf(contract).find((o) => o.method === method.toUpperCase() && o.path === path);
}

/** Marked `x-ou-additive: true`, on the node, on what its `$ref` names, or on its path item. */
export function isAdditive(contract: JsonObject, node: unknown, item?: JsonObject): boolean {
  return (isRecord(node) && (node[ADDITIVE] === true || asRecord(derefLocal(contract, node))[ADDITIVE] === true)) || item?.[ADDITIVE] === true;
}

/** Parameters of an operation (path-level ones overridden by operation-level ones), dereferenced. */
export function parametersOf(contract: JsonObject, op: ContractOperation): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const raw of [...asArray(op.item.parameters), ...asArray(op.operation.parameters)]) {
    const param = derefLocal(contract, raw);
    if (isRecord(param)) byKey.set(`${String(param.in)} ${String(param.name)}`, isRecord(raw) && raw[ADDITIVE] === true ? { ...param, [ADDITIVE]: true } : param);
  }
  return [...byKey.values()];
}

/** Operations not on the page (by `METHOD path`) that are not marked additive. */
export function unmarkedOperations(contract: JsonObject, pageOps: ReadonlySet<string>): DriftIssue[] {
  return operationsOf(contract)
    .filter((op) => !pageOps.has(`${op.method} ${op.path}`) && !isAdditive(contract, op.operation, op.item))
    .map((op) => ({ where: `${op.method} ${op.path}`, message: `operation is not on the seed page and not marked ${ADDITIVE}` }));
}

/** The JSON schema of a request body or response (first JSON media type), dereferenced. */
export function mediaOf(contract: JsonObject, bodyOrResponse: unknown): JsonObject | undefined {
  const content = asRecord(asRecord(derefLocal(contract, bodyOrResponse)).content);
  const media = Object.entries(content).find(([type]) => type.split(';')[0]?.trim().toLowerCase().endsWith('json'))?.[1];
  return isRecord(media) ? media : undefined;
}

/**
 * Every example value a request body or response carries: the media `example`, each
 * `examples.*.value`, and the `example`/`examples[]` of the schema it names.
 */
export function examplesOf(contract: JsonObject, bodyOrResponse: unknown): unknown[] {
  const media = mediaOf(contract, bodyOrResponse);
  if (!media) return [];
  const values: unknown[] = [];
  if ('example' in media) values.push(media.example);
  for (const ex of Object.values(asRecord(media.examples))) {
    const resolved = asRecord(derefLocal(contract, ex));
    if ('value' in resolved) values.push(resolved.value);
  }
  const schema = asRecord(derefLocal(contract, media.schema));
  if ('example' in schema) values.push(schema.example);
  values.push(...asArray(schema.examples));
  return values;
}

/** True when `value` equals one of `examples`, or one item of an array example (a page may show one item of a list). */
export function hasExample(examples: readonly unknown[], value: unknown): boolean {
  return examples.some((ex) => isDeepStrictEqual(ex, value) || (Array.isArray(ex) && ex.some((item) => isDeepStrictEqual(item, value))));
}

/** The schema of property `name` of an object schema (`allOf` merged, `patternProperties` honoured), dereferenced. */
export function propertyOf(contract: JsonObject, schema: unknown, name: string): JsonObject | undefined {
  const holder = holderOf(contract, schema, name);
  if (!holder) return undefined;
  const direct = asRecord(holder.properties)[name];
  if (direct !== undefined) return asRecord(derefLocal(contract, direct));
  const pattern = Object.entries(asRecord(holder.patternProperties)).find(([p]) => new RegExp(p, 'u').test(name));
  return pattern ? asRecord(derefLocal(contract, pattern[1])) : undefined;
}

/** The object schema that declares property `name`: the schema itself or one of its `allOf` parts, dereferenced. */
function holderOf(contract: JsonObject, schema: unknown, name: string): JsonObject | undefined {
  const resolved = asRecord(derefLocal(contract, schema));
  const parts = [resolved, ...asArray(resolved.allOf).map((p) => asRecord(derefLocal(contract, p)))];
  return parts.find((part) => name in asRecord(part.properties) || Object.keys(asRecord(part.patternProperties)).some((p) => new RegExp(p, 'u').test(name)));
}

/** Required property names of an object schema (`allOf` merged). */
export function requiredOf(contract: JsonObject, schema: unknown): ReadonlySet<string> {
  const resolved = asRecord(derefLocal(contract, schema));
  const names = new Set(objectShape(resolved).required);
  for (const part of asArray(resolved.allOf)) for (const n of objectShape(asRecord(derefLocal(contract, part))).required) names.add(n);
  return names;
}

/** The JSON type of a value as JSON Schema names it. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when a schema admits values of JSON type `type` (a schema without `type`, or with `anyOf`/`const`, admits what they do). */
export function admitsType(contract: JsonObject, schema: JsonObject, type: string): boolean {
  const alternatives = asArray(schema.anyOf ?? schema.oneOf);
  if (alternatives.length > 0) return alternatives.some((a) => admitsType(contract, asRecord(derefLocal(contract, a)), type));
  if ('const' in schema) return jsonTypeOf(schema.const) === type;
  const types = typesOf(schema);
  if (types.length === 0) return true;
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/**
 * Walks an example body of the page and reports every attribute the contract's schema
 * lacks or types differently, so a renamed or retyped field is caught even where the
 * page gives no field table.
 */
export function compareExampleShape(contract: JsonObject, schema: unknown, value: unknown, where: string, issues: DriftIssue[], coverage?: PageCoverage): void {
  const resolved = asRecord(derefLocal(contract, schema));
  if (Array.isArray(value)) {
    for (const item of value) compareExampleShape(contract, resolved.items, item, `${where}[]`, issues, coverage);
    return;
  }
  if (!isRecord(value)) return;
  // Items of one list share a place (`data[]`): report each difference there once.
  const report = (issue: DriftIssue): void => {
    if (!issues.some((i) => i.where === issue.where && i.message === issue.message)) issues.push(issue);
  };
  for (const [key, child] of Object.entries(value)) {
    const at = `${where}.${key}`;
    const property = propertyOf(contract, resolved, key);
    coverage?.see(holderOf(contract, resolved, key) ?? resolved, key, where);
    if (!property) {
      report({ where: at, message: 'attribute of the page is missing from the contract' });
    } else if (!admitsType(contract, property, jsonTypeOf(child))) {
      report({ where: at, message: `the page's value is ${jsonTypeOf(child)}, the contract does not admit it` });
    } else {
      compareExampleShape(contract, property, child, at, issues, coverage);
    }
  }
}

/**
 * The properties the page shows, per object schema of the contract it reaches, so that a
 * property the page never shows must carry the additive marker: the contract may add only
 * what it marks.
 */
export class PageCoverage {
  readonly #seen = new Map<JsonObject, { where: string; names: Set<string> }>();

  /** The page shows property `name`, declared by `schema` (first reached at `where`). */
  see(schema: JsonObject, name: string, where: string): void {
    const entry = this.#seen.get(schema) ?? { where, names: new Set<string>() };
    entry.names.add(name);
    this.#seen.set(schema, entry);
  }

  /** Every property of a reached schema that the page never shows and the contract does not mark additive. */
  unmarked(contract: JsonObject): DriftIssue[] {
    const issues: DriftIssue[] = [];
    for (const [schema, { where, names }] of this.#seen) {
      for (const [name, property] of Object.entries(asRecord(schema.properties))) {
        if (!names.has(name) && !isAdditive(contract, property)) issues.push({ where: `${where} › ${name}`, message: `property is not on the seed page and not marked ${ADDITIVE}` });
      }
    }
    return issues;
  }
}
