/**
 * The suites' view of a contract: operations with their parameter schemas (for generating
 * data) and compiled response validators (for judging answers). Built on the contract
 * model (contracts/model), which routes, resolves and compiles for every consumer.
 */
import { CONTRACT_PATH, OPERATION_IDS } from '../contracts/index.ts';
import type { OperationId } from '../contracts/index.ts';
import { contractOf, createRouter, formatErrors, isRecord, loadDocument, toPointer } from '../contracts/model/index.ts';
import type { Contract, OpenApiDocument, Operation, ValidateFunction } from '../contracts/model/index.ts';

export { formatErrors, isRecord };

/** A JSON Schema as the contract writes it (OpenAPI 3.1 = JSON Schema 2020-12). */
export type JsonSchema = Record<string, unknown>;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Schema with its top-level `$ref` followed; nested refs are left as they are. */
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

export interface OperationSpec<Id extends string = OperationId> {
  operationId: Id;
  method: string;
  pathTemplate: string;
  parameters: ParameterSpec[];
  /** Request body schema (top-level `$ref` followed), with the component name it came from. */
  requestBody?: { schema: JsonSchema; name: string };
  responses: ReadonlyMap<string, ResponseSpec>;
  rules: string[];
  /** Security scopes the contract asks for. */
  scopes: string[];
  /** True when this operation's template fits `path` and it serves `method`. */
  matches(method: string, path: string): boolean;
}

/** `Id` is the OU API's operationIds for its typed client; a contract of another dialect gives `string`. */
export interface ContractModel<Id extends string = OperationId> {
  operations: readonly OperationSpec<Id>[];
  operation(id: Id): OperationSpec<Id>;
  /** The operation a request hits (OpenAPI's precedence), or undefined when the contract has none for it. */
  match(method: string, path: string): OperationSpec<Id> | undefined;
  /** Path templates and the methods the contract documents for them. */
  pathMethods: ReadonlyMap<string, readonly string[]>;
  /** Validates `value` against a component schema by name. */
  validateSchema(name: string, value: unknown): string[];
}

let ouModel: ContractModel | undefined;

/** The OU API's contract, compiled once per process; its operationIds are checked against `OPERATION_IDS`. */
export function contractModel(): ContractModel {
  ouModel ??= buildModel(loadDocument(CONTRACT_PATH), (id): id is OperationId => (OPERATION_IDS as readonly string[]).includes(id));
  return ouModel;
}

const models = new WeakMap<object, ContractModel<string>>();

/**
 * Any contract's model (another dialect's, a vendor's), once per document; an operation
 * without operationId is named `METHOD /template`.
 *
 * @example
 * const model = contractModelOf(loadDocument(DIALECT_CONTRACT_PATHS.idaas));
 * model.match('GET', '/v2/acme/app/organizationalUnits')?.operationId;
 */
export function contractModelOf(doc: OpenApiDocument): ContractModel<string> {
  let model = models.get(doc);
  if (model === undefined) {
    model = buildModel(doc, (_id: string): _id is string => true);
    models.set(doc, model);
  }
  return model;
}

function buildModel<Id extends string>(doc: OpenApiDocument, isId: (id: string) => id is Id): ContractModel<Id> {
  const contract = contractOf(doc);
  const specs = new Map<Operation, OperationSpec<Id>>();
  for (const op of contract.operations) {
    if (!isId(op.id)) throw new Error(`contract: ${op.method} ${op.pathTemplate} has unknown operationId ${op.id}`);
    specs.set(op, buildOperation(contract, op, op.id));
  }
  const operations = [...specs.values()];
  const pathMethods = new Map<string, string[]>();
  for (const op of operations) pathMethods.set(op.pathTemplate, [...(pathMethods.get(op.pathTemplate) ?? []), op.method]);
  return {
    operations,
    pathMethods,
    operation(id) {
      const found = operations.find((o) => o.operationId === id);
      if (found === undefined) throw new Error(`contract has no operation ${id}`);
      return found;
    },
    match(method, path) {
      const m = contract.router.match(method.toUpperCase(), pathOf(path));
      // HEAD is routed to GET, whose documented body a HEAD answer never has: not judged.
      return m.kind === 'route' && m.value.method === method.toUpperCase() ? specs.get(m.value) : undefined;
    },
    validateSchema(name, value) {
      const validate = contract.schemas.at(toPointer(['components', 'schemas', name]));
      return validate(value) ? [] : formatErrors(validate.errors);
    },
  };
}

function buildOperation<Id extends string>(contract: Contract, op: Operation, operationId: Id): OperationSpec<Id> {
  const { schemas } = contract;
  const responses = new Map<string, ResponseSpec>();
  for (const [status, response] of op.responses) {
    const schema = response.json?.schema;
    responses.set(status, {
      status,
      hasBody: schema !== undefined,
      headers: response.headers.map((h) => ({ name: h.name, required: h.required, validate: schemas.at(h.schema.pointer) })),
      ...(schema === undefined ? {} : { validate: schemas.at(schema.pointer) }),
    });
  }
  const body = op.requestBody?.json?.schema;
  // Only this template and method: a single-route router says whether a path fits it.
  const self = createRouter([{ template: op.pathTemplate, method: op.method, value: op }]);
  return {
    operationId,
    method: op.method,
    pathTemplate: op.pathTemplate,
    parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, schema: { ...p.schema.schema } })),
    ...(body?.ref === undefined ? {} : { requestBody: { schema: { ...body.schema }, name: body.ref.split('/').pop() ?? body.ref } }),
    responses,
    rules: [...op.rules],
    scopes: [...op.scopes],
    matches: (method, path) => method.toUpperCase() === op.method && self.match(op.method, pathOf(path)).kind === 'route',
  };
}

function pathOf(path: string): string {
  return path.split('?')[0] ?? path;
}
