/**
 * The one module that knows openapi-backend. The contract model (contracts/model) gives the
 * operations and the router; openapi-backend, given a private copy of the document (it
 * dereferences in place), builds each operation's request schemas, which the model's one
 * Ajv setup compiles. Everything it yields becomes our own types here: a route table, and
 * `ValidationError`s whose `loc` names the field.
 *
 * Per request we do NOT call openapi-backend's `matchOperation`/`validateRequest`: they
 * rebuild the operation list and regexes, re-parse the query with `qs` and lodash-copy
 * the headers on every call (~150 µs together, measured). The router is built once and the
 * validators are the ones compiled at start, called directly with the input shape
 * openapi-backend would build.
 */
import { OpenAPIBackend } from 'openapi-backend';
import type { AjvCustomizer } from 'openapi-backend';
import { contractOf, createRouter, sharedAjv } from '../../contracts/model/index.ts';
import type { ErrorObject, OpenApiDocument, Operation, ValidateFunction } from '../../contracts/model/index.ts';
import { ValidationError } from './typed-errors.ts';
import type { FieldIssue, Loc } from './typed-errors.ts';

/** One documented response of an operation, as `Prefer`-driven mocking needs it. */
export interface DocumentedResponse {
  readonly status: number;
  /** Named examples of the JSON body, in document order. */
  readonly examples: ReadonlyMap<string, unknown>;
  /** A body when the response has content but no example (generated from the schema). */
  readonly generated: unknown;
  readonly hasBody: boolean;
}

export interface ContractRoute {
  readonly operationId: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly pathTemplate: string;
  /** Scopes the operation's security requirement names (empty = none). */
  readonly scopes: readonly string[];
  readonly hasBody: boolean;
  /** Documented responses keyed by status code. */
  readonly responses: ReadonlyMap<number, DocumentedResponse>;
}

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: ContractRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

export interface RequestInput {
  readonly params: Readonly<Record<string, string>>;
  /** Raw query string without the leading `?`. */
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Absent when the request carried no body. */
  readonly body?: { readonly value: unknown };
}

export interface ValidRequest {
  readonly params: Readonly<Record<string, string>>;
  /** Declared query parameters only, coerced to their schema types. */
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

export interface ContractAdapter {
  /** Every operation of the contract, in the model's order: for a router across several contracts. */
  readonly routes: readonly ContractRoute[];
  match(method: string, pathname: string): RouteMatch;
  /** Methods served on a path (upper-case), or undefined when no path matches. */
  methodsAt(pathname: string): readonly string[] | undefined;
  /** Throws `ValidationError` naming every bad field (OU-E3). */
  validate(route: ContractRoute, input: RequestInput): ValidRequest;
}

/** Most issues reported for one request: enough to fix it, bounded for huge bodies. */
const MAX_ISSUES = 50;

interface CompiledRoute extends ContractRoute {
  readonly queryNames: readonly string[];
  readonly headerNames: readonly string[];
  readonly validators: readonly ValidateFunction[];
}

/**
 * openapi-backend asks for an Ajv per validation context; it gets the model's shared instance
 * of the coercion mode it asks for (path, query and header values coerce, bodies do not).
 */
const modelAjv: AjvCustomizer = (_draft07, opts) => sharedAjv({ coerceTypes: opts.coerceTypes === true }) as unknown as ReturnType<AjvCustomizer>;

/**
 * Builds the route table of `doc` and compiles every request validator now, not on first use.
 * Works for any OpenAPI 3.1 document whose operations all have an operationId (the mock
 * dispatches by it). `doc` is not modified.
 *
 * @throws Error naming an operation without operationId
 * @example
 * const adapter = createContractAdapter(loadDocument(CONTRACT_PATH));
 * const m = adapter.match('GET', '/api/v1/tenants/acme/ous');
 * if (m.kind === 'route') adapter.validate(m.route, { params: m.params, rawQuery: 'page=2', headers: {} });
 */
export function createContractAdapter(doc: OpenApiDocument): ContractAdapter {
  const routes = compileRoutes(doc);
  const router = createRouter(routes.map((route) => ({ template: route.pathTemplate, method: route.method, value: route })));
  return {
    routes,
    match: (method, pathname) => {
      const m = router.match(method, pathname);
      if (m.kind === 'route') return { kind: 'route', route: m.value, params: m.params };
      return m.kind === 'method-not-allowed' ? { kind: 'method-not-allowed', allow: m.allow } : m;
    },
    methodsAt: (pathname) => router.methodsAt(pathname),
    validate: (route, input) => validateRequest(route as CompiledRoute, input),
  };
}

/** The operations of `doc` with the request validators openapi-backend builds for them. */
function compileRoutes(doc: OpenApiDocument): CompiledRoute[] {
  const api = new OpenAPIBackend({
    definition: structuredClone(doc) as never,
    quick: true,
    coerceTypes: true,
    customizeAjv: modelAjv,
  });
  // quick mode: everything after loading the (already parsed) object runs synchronously.
  api.init().catch(() => undefined);
  if (!api.initialized) throw new Error('openapi-backend did not initialise synchronously');
  api.validator.preCompileRequestValidators();
  const tools: BuildTools = {
    validatorsFor: (id) => api.validator.getRequestValidatorsForOperation(id),
    mockBody: (id, code) => api.mockResponseForOperation(id, { code }).mock as unknown,
  };
  return contractOf(doc).operations.map((op) => compileRoute(op, tools));
}

interface BuildTools {
  validatorsFor(operationId: string): ValidateFunction<unknown>[];
  /** A body generated from the response schema, for responses without examples. */
  mockBody(operationId: string, code: number): unknown;
}

function compileRoute(op: Operation, tools: BuildTools): CompiledRoute {
  const operationId = op.operationId;
  if (operationId === undefined) throw new Error(`contract: ${op.method} ${op.pathTemplate} has no operationId (the mock dispatches by it)`);
  return {
    operationId,
    method: op.method,
    pathTemplate: op.pathTemplate,
    scopes: op.scopes,
    hasBody: op.requestBody !== undefined,
    responses: documentedResponses(op, operationId, tools),
    queryNames: op.parameters.filter((p) => p.in === 'query').map((p) => p.name),
    headerNames: op.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
    validators: tools.validatorsFor(operationId),
  };
}

function documentedResponses(op: Operation, operationId: string, tools: BuildTools): Map<number, DocumentedResponse> {
  const out = new Map<number, DocumentedResponse>();
  for (const response of op.responses.values()) {
    const status = Number(response.status);
    if (!Number.isInteger(status)) continue;
    const json = response.json;
    const examples = json?.examples ?? new Map<string, unknown>();
    const generated = json !== undefined && examples.size === 0 ? tools.mockBody(operationId, status) : null;
    out.set(status, { status, examples, generated, hasBody: json !== undefined });
  }
  return out;
}

/** Declared query parameters only; undeclared ones are ignored, as FastAPI does. Repeats become arrays (then fail the schema). */
function parseQuery(rawQuery: string, names: readonly string[]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (rawQuery === '' || names.length === 0) return query;
  const search = new URLSearchParams(rawQuery);
  for (const name of names) {
    const values = search.getAll(name);
    if (values.length === 1) query[name] = values[0] as string;
    else if (values.length > 1) query[name] = values;
  }
  return query;
}

function validateRequest(route: CompiledRoute, input: RequestInput): ValidRequest {
  const query = parseQuery(input.rawQuery, route.queryNames);
  const header: Record<string, string | string[]> = {};
  for (const name of route.headerNames) {
    const value = input.headers[name];
    if (value !== undefined) header[name] = value;
  }
  // The shape openapi-backend validates: its compiled schemas expect exactly these keys.
  const data: Record<string, unknown> = { path: { ...input.params }, query, header };
  if (input.body !== undefined) data['requestBody'] = input.body.value;

  const issues: FieldIssue[] = [];
  for (const validate of route.validators) {
    if (!validate(data) && validate.errors) {
      for (const err of validate.errors) {
        if (issues.length < MAX_ISSUES) issues.push(toIssue(err));
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { params: input.params, query: data['query'] as Record<string, unknown>, body: data['requestBody'] };
}

const SECTION: Readonly<Record<string, string>> = {
  requestBody: 'body',
  query: 'query',
  path: 'path',
  header: 'header',
  cookie: 'cookie',
};

/** `/requestBody/tenants/0/name` -> ['body', 'tenants', 0, 'name']. */
function locOf(err: ErrorObject): (string | number)[] {
  const parts = err.instancePath === '' ? [] : err.instancePath.slice(1).split('/');
  const loc: (string | number)[] = parts.map((p, i) => {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    if (i === 0) return SECTION[key] ?? key;
    return /^(0|[1-9]\d{0,8})$/.test(key) ? Number(key) : key;
  });
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'required') {
    const missing = String(params['missingProperty']);
    loc.push(loc.length === 0 ? (SECTION[missing] ?? missing) : missing);
  } else if (err.keyword === 'additionalProperties') {
    loc.push(String(params['additionalProperty']));
  }
  return loc;
}

const TYPE_WORD: Readonly<Record<string, [string, string]>> = {
  string: ['string_type', 'a valid string'],
  integer: ['int_type', 'a valid integer'],
  number: ['float_type', 'a valid number'],
  boolean: ['bool_type', 'a valid boolean'],
  object: ['dict_type', 'a valid dictionary'],
  array: ['list_type', 'a valid list'],
  null: ['none_required', 'None'],
};

/** Ajv error -> pydantic-style issue, as the reference service (FastAPI) words them. */
function toIssue(err: ErrorObject): FieldIssue {
  const loc: Loc = locOf(err);
  const params = err.params as Record<string, unknown>;
  const inQuery = loc[0] === 'query' || loc[0] === 'path' || loc[0] === 'header';
  switch (err.keyword) {
    case 'required':
      return { loc, msg: 'Field required', type: 'missing' };
    case 'type': {
      const types = ([] as unknown[]).concat(params['type']).map(String);
      const main = types.find((t) => t !== 'null') ?? 'null';
      const [type, what] = TYPE_WORD[main] ?? ['type_error', `of type ${main}`];
      const parsing = inQuery && (main === 'integer' || main === 'number' || main === 'boolean');
      return {
        loc,
        msg: `Input should be ${what}${types.includes('null') && main !== 'null' ? ' or null' : ''}`,
        type: parsing ? type.replace(/_type$/, '_parsing') : type,
      };
    }
    case 'minLength':
      return { loc, msg: `String should have at least ${String(params['limit'])} character${params['limit'] === 1 ? '' : 's'}`, type: 'string_too_short' };
    case 'maxLength':
      return { loc, msg: `String should have at most ${String(params['limit'])} characters`, type: 'string_too_long' };
    case 'pattern':
      return { loc, msg: `String should match pattern '${String(params['pattern'])}'`, type: 'string_pattern_mismatch' };
    case 'minimum':
      return { loc, msg: `Input should be greater than or equal to ${String(params['limit'])}`, type: 'greater_than_equal' };
    case 'maximum':
      return { loc, msg: `Input should be less than or equal to ${String(params['limit'])}`, type: 'less_than_equal' };
    case 'exclusiveMinimum':
      return { loc, msg: `Input should be greater than ${String(params['limit'])}`, type: 'greater_than' };
    case 'exclusiveMaximum':
      return { loc, msg: `Input should be less than ${String(params['limit'])}`, type: 'less_than' };
    case 'enum': {
      const values = (params['allowedValues'] as unknown[]).map((v) => `'${String(v)}'`);
      const list = values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${String(values.at(-1))}` : String(values[0]);
      return { loc, msg: `Input should be ${list}`, type: 'enum' };
    }
    case 'additionalProperties':
      return { loc, msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
    case 'minItems':
      return { loc, msg: `List should have at least ${String(params['limit'])} items`, type: 'too_short' };
    case 'maxItems':
      return { loc, msg: `List should have at most ${String(params['limit'])} items`, type: 'too_long' };
    case 'format':
      return { loc, msg: `Input should be a valid ${String(params['format'])}`, type: 'value_error' };
    default:
      return { loc, msg: err.message ?? 'Invalid value', type: 'value_error' };
  }
}
