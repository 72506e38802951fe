import { isDeepStrictEqual } from 'node:util';
import { HTTP_METHODS, asArray, asRecord, derefLocal, isRecord } from '../functions/shape.ts';
import type { JsonObject } from '../functions/shape.ts';
import { contractType } from './contract-type.ts';
import { describeType, sameType } from './page-type.ts';
import type { NullableType } from './page-type.ts';
import type { PageEndpoint, PageSchema, ReferencePage } from './reference-page.ts';

/** One way the contract differs from the reference page. */
export interface DriftIssue {
  /** What differs, e.g. `GET /api/v1/tenants/{tenant_id}/ous › query parameter page`. */
  where: string;
  message: string;
}

/** The marker the contract puts on everything it adds to the reference. */
export const ADDITIVE = 'x-ou-additive';

/**
 * Compares the contract with the reference page field by field: every endpoint,
 * parameter, request body, response, schema and field of the page must be in the
 * contract with the same type, nullability, requiredness and default. The contract may
 * add only what it marks `x-ou-additive: true` (operations, parameters, responses,
 * schemas, optional properties), plus what never changes a type: security, examples,
 * descriptions and constraints (enum, maxLength, a format the page leaves open, …).
 *
 * @example
 * const issues = compareWithContract(await loadReferencePage(), loadContract());
 * if (issues.length) console.log(formatDrift(issues));
 */
export function compareWithContract(page: ReferencePage, contract: JsonObject): DriftIssue[] {
  const issues: DriftIssue[] = [];
  const paths = asRecord(contract.paths);
  const pageOps = new Set(page.endpoints.map((e) => `${e.method.toLowerCase()} ${e.path}`));

  for (const endpoint of page.endpoints) {
    const where = `${endpoint.method} ${endpoint.path}`;
    const item = derefLocal(contract, paths[endpoint.path]);
    const operation = isRecord(item) ? item[endpoint.method.toLowerCase()] : undefined;
    if (!isRecord(item) || !isRecord(operation)) {
      issues.push({ where, message: 'endpoint of the reference page is missing from the contract' });
      continue;
    }
    compareEndpoint(endpoint, item, operation, contract, where, issues);
  }
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = asRecord(item)[method];
      if (isRecord(op) && !pageOps.has(`${method} ${path}`) && !isAdditive(contract, op)) {
        issues.push({ where: `${method.toUpperCase()} ${path}`, message: `operation is not on the reference page and not marked ${ADDITIVE}` });
      }
    }
  }

  const schemas = asRecord(asRecord(contract.components).schemas);
  for (const pageSchema of page.schemas) compareSchema(pageSchema, schemas[pageSchema.name], contract, issues);
  const pageSchemas = new Set(page.schemas.map((s) => s.name));
  for (const [name, schema] of Object.entries(schemas)) {
    if (!pageSchemas.has(name) && !isAdditive(contract, schema)) {
      issues.push({ where: `schema ${name}`, message: `schema is not on the reference page and not marked ${ADDITIVE}` });
    }
  }
  return issues;
}

/** A readable list, one difference per line. */
export function formatDrift(issues: readonly DriftIssue[]): string {
  return issues.map((i) => `- ${i.where}: ${i.message}`).join('\n');
}

function compareEndpoint(endpoint: PageEndpoint, item: JsonObject, operation: JsonObject, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  if (operation.summary !== endpoint.summary) {
    issues.push({ where, message: `summary is ${JSON.stringify(operation.summary ?? null)}, the page says ${JSON.stringify(endpoint.summary)}` });
  }

  // Operation-level parameters override path-level ones with the same name and location.
  const params = new Map<string, JsonObject>();
  for (const raw of [...asArray(item.parameters), ...asArray(operation.parameters)]) {
    const param = derefLocal(contract, raw);
    if (isRecord(param)) params.set(`${String(param.in)} ${String(param.name)}`, param);
  }
  for (const p of endpoint.parameters) {
    const key = `${p.in} ${p.name}`;
    const at = `${where} › ${p.in} parameter ${p.name}`;
    const param = params.get(key);
    params.delete(key);
    if (!param) {
      issues.push({ where: at, message: 'parameter is missing from the contract' });
      continue;
    }
    if ((param.required === true) !== p.required) issues.push({ where: at, message: `required is ${param.required === true}, the page says ${p.required}` });
    compareType(p.type, param.schema, at, issues);
  }
  for (const [key, param] of params) {
    const at = `${where} › ${key.replace(' ', ' parameter ')}`;
    if (!isAdditive(contract, param)) issues.push({ where: at, message: `parameter is not on the reference page and not marked ${ADDITIVE}` });
    else if (param.required === true) issues.push({ where: at, message: 'an added parameter must not be required' });
  }

  compareRequestBody(endpoint, operation, contract, where, issues);
  compareResponses(endpoint, operation, contract, where, issues);
}

function compareRequestBody(endpoint: PageEndpoint, operation: JsonObject, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  const body = derefLocal(contract, operation.requestBody);
  const at = `${where} › request body`;
  const expected = endpoint.requestBody;
  if (!expected) {
    if (isRecord(body) && !isAdditive(contract, body)) issues.push({ where: at, message: `the page has no request body and it is not marked ${ADDITIVE}` });
    return;
  }
  if (!isRecord(body)) {
    issues.push({ where: at, message: `missing; the page has ${expected.mediaType} → ${expected.schema}` });
    return;
  }
  if ((body.required === true) !== expected.required) issues.push({ where: at, message: `required is ${body.required === true}, the page says ${expected.required}` });
  compareBodySchema(asRecord(body.content), expected.mediaType, expected.schema, at, issues);
}

function compareResponses(endpoint: PageEndpoint, operation: JsonObject, contract: JsonObject, where: string, issues: DriftIssue[]): void {
  const responses = asRecord(operation.responses);
  const pageStatuses = new Set(endpoint.responses.map((r) => r.status));
  for (const expected of endpoint.responses) {
    const at = `${where} › response ${expected.status}`;
    const response = derefLocal(contract, responses[expected.status]);
    if (!isRecord(response)) {
      issues.push({ where: at, message: 'response is missing from the contract' });
    } else if (expected.schema && expected.mediaType) {
      compareBodySchema(asRecord(response.content), expected.mediaType, expected.schema, at, issues);
    } else if (Object.keys(asRecord(response.content)).length > 0) {
      issues.push({ where: at, message: `has a body; the page says "${expected.description ?? ''}" with none` });
    }
  }
  for (const [status, raw] of Object.entries(responses)) {
    if (pageStatuses.has(status)) continue;
    // The marker may sit on the $ref'd component or on the reference itself.
    if (!isAdditive(contract, raw) && !(isRecord(raw) && raw[ADDITIVE] === true)) {
      issues.push({ where: `${where} › response ${status}`, message: `response is not on the reference page and not marked ${ADDITIVE}` });
    }
  }
}

function compareBodySchema(content: JsonObject, mediaType: string, schemaName: string, at: string, issues: DriftIssue[]): void {
  const media = content[mediaType];
  if (!isRecord(media)) {
    issues.push({ where: at, message: `no ${mediaType} body; the page has ${mediaType} → ${schemaName}` });
    return;
  }
  const actual = contractType(media.schema);
  if (!actual || actual.nullable || actual.type.kind !== 'ref' || actual.type.name !== schemaName) {
    issues.push({ where: at, message: `${mediaType} body is ${actual ? describeType(actual) : 'an inline schema'}, the page says ${schemaName}` });
  }
}

function compareSchema(pageSchema: PageSchema, raw: unknown, contract: JsonObject, issues: DriftIssue[]): void {
  const where = `schema ${pageSchema.name}`;
  if (!isRecord(raw)) {
    issues.push({ where, message: 'schema of the reference page is missing from components.schemas' });
    return;
  }
  const properties = asRecord(raw.properties);
  const required = new Set(asArray(raw.required));
  const pageFields = new Set(pageSchema.fields.map((f) => f.name));
  for (const field of pageSchema.fields) {
    const at = `${where} › ${field.name}`;
    const property = properties[field.name];
    if (property === undefined) {
      issues.push({ where: at, message: 'field is missing from the contract' });
      continue;
    }
    if (required.has(field.name) !== field.required) {
      issues.push({ where: at, message: `required is ${required.has(field.name)}, the page says ${field.required}` });
    }
    compareType(field.type, property, at, issues);
    const contractDefault = isRecord(property) && 'default' in property ? property.default : undefined;
    if (!isDeepStrictEqual(contractDefault, field.default)) {
      issues.push({ where: at, message: `default is ${show(contractDefault)}, the page says ${show(field.default)}` });
    }
  }
  for (const [name, property] of Object.entries(properties)) {
    if (pageFields.has(name)) continue;
    const at = `${where} › ${name}`;
    if (!isAdditive(contract, property)) issues.push({ where: at, message: `field is not on the reference page and not marked ${ADDITIVE}` });
    else if (required.has(name)) issues.push({ where: at, message: 'an added field must not be required' });
  }
  for (const name of required) {
    if (typeof name === 'string' && !(name in properties)) issues.push({ where: `${where} › ${name}`, message: 'required but not a property' });
  }
}

function compareType(expected: NullableType, schema: unknown, at: string, issues: DriftIssue[]): void {
  const actual = contractType(schema);
  if (!actual || !sameType(expected, actual)) {
    issues.push({ where: at, message: `type is ${actual ? describeType(actual) : 'not expressible on the page'}, the page says ${describeType(expected)}` });
  }
}

/** Marked `x-ou-additive: true`, on the node or on what its `$ref` names. */
function isAdditive(contract: JsonObject, node: unknown): boolean {
  return isRecord(node) && (node[ADDITIVE] === true || asRecord(derefLocal(contract, node))[ADDITIVE] === true);
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
