/**
 * The one module that knows openapi-backend. It loads an OpenAPI 3.1 document once
 * (dereference, flatten operations, compile the request validators with Ajv 2020) and
 * turns everything it yields into our own types: a route table, and `ValidationError`s
 * whose `loc` names the field.
 *
 * Per request we do NOT call openapi-backend's `matchOperation`/`validateRequest`: they
 * rebuild the operation list and regexes, re-parse the query with `qs` and lodash-copy
 * the headers on every call (~150 µs together, measured). The route table below is
 * built once from `api.getOperations()` and the validators are the ones openapi-backend
 * compiled, called directly with the same input shape it would build.
 */
import { OpenAPIBackend } from 'openapi-backend';
import type { AjvCustomizer } from 'openapi-backend';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { OpenApiDocument } from '../../contracts/index.ts';
import { ValidationError } from './typed-errors.ts';
import type { FieldIssue, Loc } from './typed-errors.ts';

/** One documented response of an operation, as `Prefer`-driven mocking needs it. */
export interface DocumentedResponse {
  readonly status: number;
  /** Named examples of the `application/json` body, in document order. */
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
  match(method: string, pathname: string): RouteMatch;
  /** Methods served on a path (upper-case), or undefined when no path matches. */
  methodsAt(pathname: string): readonly string[] | undefined;
  /** Throws `ValidationError` naming every bad field (OU-E3). */
  validate(route: ContractRoute, input: RequestInput): ValidRequest;
}

/** Most issues reported for one request: enough to fix it, bounded for huge bodies. */
const MAX_ISSUES = 50;

interface PathEntry {
  readonly segments: readonly string[];
  /** Index -> parameter name for `{name}` segments. */
  readonly paramAt: ReadonlyMap<number, string>;
  readonly literalLength: number;
  readonly byMethod: Map<string, CompiledRoute>;
  allow: readonly string[];
}

interface CompiledRoute extends ContractRoute {
  readonly queryNames: readonly string[];
  readonly headerNames: readonly string[];
  readonly validators: readonly ValidateFunction[];
}

interface ParameterObject {
  name: string;
  in: string;
}

interface MediaTypeObject {
  examples?: Record<string, { value?: unknown }>;
  example?: unknown;
  schema?: unknown;
}

interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}

interface OperationView {
  operationId?: string;
  path: string;
  method: string;
  parameters?: ParameterObject[];
  requestBody?: unknown;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, ResponseObject>;
}

/**
 * Ajv 2020 instances, one per validation context and coercion mode, shared by every
 * operation and document: they hold no per-document state (our schemas have no `$id`).
 * `validateSchema: false` skips checking each schema against the 2020-12 meta-schema,
 * which dominated start-up (~100 ms per instance); the documents are linted instead.
 */
const ajvByContext = new Map<string, Ajv2020>();
const addFormats = formatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv2020: AjvCustomizer = (draft07, opts, context) => {
  const key = `${context}:${String(opts.coerceTypes)}`;
  let ajv = ajvByContext.get(key);
  if (!ajv) {
    const options: AjvOptions = { ...(opts as AjvOptions), strict: false, allErrors: true, validateSchema: false };
    ajv = addFormats(new Ajv2020(options));
    // Keep the OAS formats (int32, int64, byte, ...) openapi-backend registered on its draft-07 instance.
    for (const [name, format] of Object.entries(draft07.formats)) {
      if (format !== undefined && !(name in ajv.formats)) ajv.addFormat(name, format as never);
    }
    ajvByContext.set(key, ajv);
  }
  return ajv as unknown as ReturnType<AjvCustomizer>;
};

/**
 * Loads `doc` into openapi-backend synchronously (its `quick` mode dereferences in
 * place without awaiting) and compiles every request validator now, not on first use.
 *
 * @example
 * const adapter = createContractAdapter(loadContract());
 * const m = adapter.match('GET', '/api/v1/tenants/acme/ous');
 * if (m.kind === 'route') adapter.validate(m.route, { params: m.params, rawQuery: 'page=2', headers: {} });
 */
export function createContractAdapter(doc: OpenApiDocument): ContractAdapter {
  const api = new OpenAPIBackend({
    definition: doc as never,
    quick: true,
    coerceTypes: true,
    customizeAjv: ajv2020,
  });
  // quick mode: everything after loading the (already parsed) object runs synchronously.
  api.init().catch(() => undefined);
  if (!api.initialized) throw new Error('openapi-backend did not initialise synchronously');
  api.validator.preCompileRequestValidators();

  const entries = buildPathTable(api.getOperations() as unknown as OperationView[], {
    validatorsFor: (id) => api.validator.getRequestValidatorsForOperation(id),
    mockBody: (id, code) => api.mockResponseForOperation(id, { code }).mock as unknown,
  });
  return {
    match: (method, pathname) => matchRoute(entries, method, pathname),
    methodsAt: (pathname) => {
      const segments = splitPath(pathname);
      return entries.find((entry) => matchEntry(entry, segments))?.allow;
    },
    validate: (route, input) => validateRequest(route as CompiledRoute, input),
  };
}

interface BuildTools {
  validatorsFor(operationId: string): ValidateFunction<unknown>[];
  /** A body generated from the response schema, for responses without examples. */
  mockBody(operationId: string, code: number): unknown;
}

function buildPathTable(operations: readonly OperationView[], tools: BuildTools): PathEntry[] {
  const byPath = new Map<string, PathEntry>();
  for (const op of operations) {
    if (!op.operationId) continue;
    let entry = byPath.get(op.path);
    if (!entry) {
      const segments = splitPath(op.path);
      const paramAt = new Map<number, string>();
      let literalLength = 0;
      segments.forEach((s, i) => {
        const m = /^\{(.+)\}$/.exec(s);
        if (m?.[1]) paramAt.set(i, m[1]);
        else literalLength += s.length;
      });
      entry = { segments, paramAt, literalLength, byMethod: new Map(), allow: [] };
      byPath.set(op.path, entry);
    }
    const params = op.parameters ?? [];
    entry.byMethod.set(op.method.toUpperCase(), {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      pathTemplate: op.path,
      scopes: (op.security ?? []).flatMap((req) => Object.values(req).flat()),
      hasBody: op.requestBody !== undefined,
      responses: documentedResponses(op.operationId, op.responses ?? {}, tools),
      queryNames: params.filter((p) => p.in === 'query').map((p) => p.name),
      headerNames: params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
      validators: tools.validatorsFor(op.operationId),
    });
  }
  for (const entry of byPath.values()) {
    const methods = [...entry.byMethod.keys()];
    if (methods.includes('GET')) methods.push('HEAD');
    entry.allow = methods;
  }
  // Most specific first, as openapi-backend orders them: `/ous/tree` before `/ous/{ou_id}`.
  return [...byPath.values()].sort((a, b) => a.paramAt.size - b.paramAt.size || b.literalLength - a.literalLength);
}

function documentedResponses(
  operationId: string,
  responses: Record<string, ResponseObject>,
  tools: BuildTools,
): Map<number, DocumentedResponse> {
  const out = new Map<number, DocumentedResponse>();
  for (const [code, response] of Object.entries(responses)) {
    const status = Number(code);
    if (!Number.isInteger(status)) continue;
    const media = response.content?.['application/json'];
    const examples = new Map<string, unknown>();
    for (const [name, ex] of Object.entries(media?.examples ?? {})) examples.set(name, ex.value);
    if (examples.size === 0 && media?.example !== undefined) examples.set('default', media.example);
    const generated = media && examples.size === 0 ? tools.mockBody(operationId, status) : null;
    out.set(status, { status, examples, generated, hasBody: media !== undefined });
  }
  return out;
}

/** Splits a path into segments, ignoring trailing slashes (`/ous/` is `/ous`). */
function splitPath(pathname: string): string[] {
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 47) end--;
  return pathname.slice(0, end).split('/');
}

/** The path parameters when `segments` fit the entry's template, else undefined. */
function matchEntry(entry: PathEntry, segments: readonly string[]): Record<string, string> | undefined {
  if (entry.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const actual = segments[i] as string;
    const name = entry.paramAt.get(i);
    if (name === undefined) {
      if (actual !== entry.segments[i]) return undefined;
    } else {
      if (actual === '') return undefined;
      params[name] = decodeSegment(actual);
    }
  }
  return params;
}

function matchRoute(entries: readonly PathEntry[], method: string, pathname: string): RouteMatch {
  const segments = splitPath(pathname);
  const verb = method === 'HEAD' ? 'GET' : method;
  // A method served by a less specific template still wins (PATCH /ous/tree -> updateOu), as in openapi-backend.
  let allow: readonly string[] | undefined;
  for (const entry of entries) {
    const params = matchEntry(entry, segments);
    if (!params) continue;
    const route = entry.byMethod.get(verb);
    if (route) return { kind: 'route', route, params };
    allow ??= entry.allow;
  }
  return allow ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}

/** Bad percent-encoding is kept verbatim: it then names no tenant or OU (404), never a crash. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
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
