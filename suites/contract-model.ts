import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadContract, OPERATION_IDS } from '../contracts/index.ts';
import type { OpenApiDocument, OperationId } from '../contracts/index.ts';

/** A JSON Schema as the contract writes it (OpenAPI 3.1 = JSON Schema 2020-12). */
export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** Dereferenced schema. */
  schema: JsonSchema;
}

export interface HeaderSpec {
  name: string;
  required: boolean;
  validate: ValidateFunction;
}

export interface ResponseSpec {
  status: string;
  /** A JSON body is documented. */
  hasBody: boolean;
  validate?: ValidateFunction;
  headers: HeaderSpec[];
}

export interface OperationSpec {
  operationId: OperationId;
  method: string;
  pathTemplate: string;
  parameters: ParameterSpec[];
  /** Dereferenced request body schema, with the schema name it came from. */
  requestBody?: { schema: JsonSchema; name: string };
  responses: ReadonlyMap<string, ResponseSpec>;
  rules: string[];
  /** Security scopes the contract asks for. */
  scopes: string[];
  matches(method: string, path: string): boolean;
}

export interface ContractModel {
  operations: readonly OperationSpec[];
  operation(id: OperationId): OperationSpec;
  /** The operation a request hits, or undefined when the contract has none for it. */
  match(method: string, path: string): OperationSpec | undefined;
  /** Path templates and the methods the contract documents for them. */
  pathMethods: ReadonlyMap<string, readonly string[]>;
  /** Validates `value` against a component schema by name. */
  validateSchema(name: string, value: unknown): string[];
}

const DOC_ID = 'urn:ou-contract:components';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

let cached: ContractModel | undefined;

/** The contract compiled once per process: operations, parameter schemas and Ajv validators. */
export function contractModel(): ContractModel {
  cached ??= buildModel(loadContract());
  return cached;
}

function buildModel(doc: OpenApiDocument): ContractModel {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema({ components: rewriteRefs(doc.components) }, DOC_ID, undefined, false);
  const compileRef = (ref: string): ValidateFunction => ajv.compile({ $ref: `${DOC_ID}${ref}` });
  const compileInline = (schema: unknown): ValidateFunction => ajv.compile(rewriteRefs(schema) as JsonSchema);
  const compileSchema = (schema: unknown): ValidateFunction => {
    const ref = isRecord(schema) ? schema['$ref'] : undefined;
    return typeof ref === 'string' ? compileRef(ref) : compileInline(schema);
  };

  const operations: OperationSpec[] = [];
  const pathMethods = new Map<string, string[]>();
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = asArray(item['parameters']);
    const methods: string[] = [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      methods.push(method.toUpperCase());
      const operationId = op['operationId'];
      if (!isOperationId(operationId)) throw new Error(`contract: ${method.toUpperCase()} ${template} has unknown operationId ${String(operationId)}`);
      operations.push(buildOperation(doc, operationId, method, template, [...shared, ...asArray(op['parameters'])], op, compileSchema));
    }
    pathMethods.set(template, methods);
  }
  const byName = new Map<string, ValidateFunction>();
  // Literal segments win over parameters (`/ous/tree` before `/ous/{ou_id}`).
  const byPrecision = [...operations].sort((a, b) => paramCount(a.pathTemplate) - paramCount(b.pathTemplate));
  return {
    operations,
    pathMethods,
    operation(id) {
      const found = operations.find((o) => o.operationId === id);
      if (found === undefined) throw new Error(`contract has no operation ${id}`);
      return found;
    },
    match(method, path) {
      const pathOnly = path.split('?')[0] ?? path;
      const candidates = byPrecision.filter((o) => templateRegex(o.pathTemplate).test(pathOnly));
      if (candidates.length === 0) return undefined;
      const best = paramCount(candidates[0]?.pathTemplate ?? '');
      return candidates.find((o) => paramCount(o.pathTemplate) === best && o.method === method.toUpperCase());
    },
    validateSchema(name, value) {
      let validate = byName.get(name);
      if (validate === undefined) byName.set(name, (validate = compileRef(`#/components/schemas/${name}`)));
      return validate(value) ? [] : formatErrors(validate.errors);
    },
  };
}

function buildOperation(
  doc: OpenApiDocument,
  operationId: OperationId,
  method: string,
  template: string,
  rawParams: unknown[],
  op: Record<string, unknown>,
  compileSchema: (schema: unknown) => ValidateFunction,
): OperationSpec {
  const parameters: ParameterSpec[] = rawParams.map((p) => {
    const param = deref(doc, p);
    return {
      name: String(param['name']),
      in: param['in'] as ParameterSpec['in'],
      required: param['required'] === true,
      schema: derefSchema(doc, param['schema']),
    };
  });
  const responses = new Map<string, ResponseSpec>();
  for (const [status, raw] of Object.entries(asRecord(op['responses']))) {
    const response = deref(doc, raw);
    const json = asRecord(asRecord(response['content'])['application/json']);
    const headers: HeaderSpec[] = Object.entries(asRecord(response['headers'])).map(([name, h]) => {
      const header = deref(doc, h);
      return { name, required: header['required'] === true, validate: compileSchema(header['schema'] ?? {}) };
    });
    const hasBody = json['schema'] !== undefined;
    responses.set(status, { status, hasBody, headers, ...(hasBody ? { validate: compileSchema(json['schema']) } : {}) });
  }
  const bodySchema = asRecord(asRecord(asRecord(deref(doc, op['requestBody'] ?? {})['content'])['application/json'])['schema']);
  const bodyRef = bodySchema['$ref'];
  const scopes = asArray(op['security']).flatMap((s) => Object.values(asRecord(s)).flatMap((v) => asArray(v).map(String)));
  const regex = templateRegex(template);
  return {
    operationId,
    method: method.toUpperCase(),
    pathTemplate: template,
    parameters,
    ...(typeof bodyRef === 'string' ? { requestBody: { schema: derefSchema(doc, bodySchema), name: bodyRef.split('/').pop() ?? bodyRef } } : {}),
    responses,
    rules: asArray(op['x-rules']).map(String),
    scopes,
    matches: (m, path) => m.toUpperCase() === method.toUpperCase() && regex.test(path.split('?')[0] ?? path),
  };
}

/** Ajv errors as short lines: `/data/0/user_count must be integer`. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath === '' ? '(body)' : e.instancePath} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`);
}

const regexCache = new Map<string, RegExp>();
function templateRegex(template: string): RegExp {
  let re = regexCache.get(template);
  if (re === undefined) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`);
    regexCache.set(template, re);
  }
  return re;
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function isOperationId(value: unknown): value is OperationId {
  return typeof value === 'string' && (OPERATION_IDS as readonly string[]).includes(value);
}

/** Resolves a local `$ref` (one hop at a time until none is left). */
function deref(doc: OpenApiDocument, value: unknown): Record<string, unknown> {
  let current = value;
  for (let hops = 0; hops < 10 && isRecord(current) && typeof current['$ref'] === 'string'; hops++) {
    current = pointer(doc, current['$ref']);
  }
  return asRecord(current);
}

/** A schema with its top-level `$ref` resolved; nested refs are left as they are. */
function derefSchema(doc: OpenApiDocument, schema: unknown): JsonSchema {
  return { ...deref(doc, schema) };
}

function pointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`contract: only local $refs are supported, got ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  if (node === undefined) throw new Error(`contract: $ref ${ref} names nothing`);
  return node;
}

/** Local refs point into the components document registered in Ajv. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rewriteRefs(v);
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
