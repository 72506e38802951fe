/**
 * The operations of a document, read from its `paths`: no list of operationIds is needed,
 * so the same code serves the OU API, the other dialects and a vendor's contract. Every
 * `$ref` on the way (parameters, bodies, responses, headers, examples) is followed once,
 * here, and each schema keeps its pointer into the document for `documentSchemas(doc).at`.
 */
import { asArray, asRecord, isJsonMediaType, isRecord, type JsonObject } from './json.ts';
import type { OpenApiDocument } from './load.ts';
import { follow, toPointer } from './resolve.ts';

/** The operation keys of an OpenAPI 3.x path item, in the order operations are listed. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A schema of the document: the pointer to compile it (undefined: none documented), and its node with the top-level `$ref` followed. */
export interface SchemaAt {
  readonly pointer: string | undefined;
  readonly schema: JsonObject;
  /** The `$ref` as written when the schema is one (`#/components/schemas/OUCreate`). */
  readonly ref: string | undefined;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: SchemaAt;
}

/** The JSON content of a body or response, if it documents one. */
export interface JsonContent {
  readonly mediaType: string;
  readonly schema: SchemaAt | undefined;
  /** Named examples (`examples.*.value`, or `example` as "default"), in document order. */
  readonly examples: ReadonlyMap<string, unknown>;
}

export interface ResponseHeader {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SchemaAt;
}

export interface DocumentedResponse {
  /** The key as written: `200`, `4XX` or `default`. */
  readonly status: string;
  readonly json: JsonContent | undefined;
  readonly headers: readonly ResponseHeader[];
}

export interface Operation {
  /** The operationId, or `METHOD /template` when the contract gives none. */
  readonly id: string;
  readonly operationId: string | undefined;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly pathTemplate: string;
  /** Path-level parameters merged with the operation's (the operation's win, by name and place). */
  readonly parameters: readonly Parameter[];
  readonly requestBody: { readonly required: boolean; readonly json: JsonContent | undefined } | undefined;
  /** By status key, in document order. */
  readonly responses: ReadonlyMap<string, DocumentedResponse>;
  /** Scopes named by the effective security requirement (the operation's, else the document's). */
  readonly scopes: readonly string[];
  /** Behaviour rule ids of `x-rules`. */
  readonly rules: readonly string[];
}

const cache = new WeakMap<object, readonly Operation[]>();

/**
 * Every operation of `doc`: paths in document order, methods in `HTTP_METHODS` order (as
 * openapi-backend lists them, so an `Allow` header keeps its order); computed once per document.
 *
 * @throws RefError when a `$ref` on the way is remote or names nothing
 * @example
 * operationsOf(loadDocument(DIALECT_CONTRACT_PATHS.idaas)).map((op) => `${op.method} ${op.pathTemplate}`);
 */
export function operationsOf(doc: OpenApiDocument): readonly Operation[] {
  let ops = cache.get(doc);
  if (ops === undefined) {
    ops = readOperations(doc);
    cache.set(doc, ops);
  }
  return ops;
}

function readOperations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, rawItem] of Object.entries(asRecord(doc.paths))) {
    const item = follow(doc, rawItem, toPointer(['paths', template]));
    const itemNode = asRecord(item.node);
    const shared = parametersOf(doc, itemNode['parameters'], `${item.pointer}/parameters`);
    for (const method of HTTP_METHODS) {
      const op = itemNode[method];
      if (!isRecord(op)) continue;
      const at = `${item.pointer}/${method}`;
      const own = parametersOf(doc, op['parameters'], `${at}/parameters`);
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
      const security = op['security'] ?? doc['security'];
      out.push({
        id: operationId ?? `${method.toUpperCase()} ${template}`,
        operationId,
        method: method.toUpperCase(),
        pathTemplate: template,
        parameters: [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own],
        requestBody: requestBodyOf(doc, op['requestBody'], `${at}/requestBody`),
        responses: responsesOf(doc, op['responses'], `${at}/responses`),
        scopes: asArray(security).flatMap((req) => Object.values(asRecord(req)).flatMap((v) => asArray(v).map(String))),
        rules: asArray(op['x-rules']).map(String),
      });
    }
  }
  return out;
}

function parametersOf(doc: OpenApiDocument, list: unknown, at: string): Parameter[] {
  return asArray(list).map((raw, i) => {
    const param = follow(doc, raw, `${at}/${i}`);
    const node = asRecord(param.node);
    return {
      name: String(node['name']),
      in: String(node['in']) as Parameter['in'],
      required: node['required'] === true,
      schema: schemaAt(doc, node['schema'], `${param.pointer}/schema`),
    };
  });
}

function requestBodyOf(doc: OpenApiDocument, raw: unknown, at: string): Operation['requestBody'] {
  if (raw === undefined) return undefined;
  const body = follow(doc, raw, at);
  const node = asRecord(body.node);
  return { required: node['required'] === true, json: jsonContentOf(doc, node['content'], `${body.pointer}/content`) };
}

function responsesOf(doc: OpenApiDocument, raw: unknown, at: string): Map<string, DocumentedResponse> {
  const out = new Map<string, DocumentedResponse>();
  for (const [status, rawResponse] of Object.entries(asRecord(raw))) {
    const response = follow(doc, rawResponse, `${at}/${toPointer([status]).slice(1)}`);
    const node = asRecord(response.node);
    const headers = Object.entries(asRecord(node['headers'])).map(([name, rawHeader]): ResponseHeader => {
      const header = follow(doc, rawHeader, `${response.pointer}/headers/${toPointer([name]).slice(1)}`);
      const headerNode = asRecord(header.node);
      return { name, required: headerNode['required'] === true, schema: schemaAt(doc, headerNode['schema'], `${header.pointer}/schema`) };
    });
    out.set(status, { status, json: jsonContentOf(doc, node['content'], `${response.pointer}/content`), headers });
  }
  return out;
}

/** `application/json` first, else the first structured-syntax JSON type (`application/problem+json`). */
function jsonContentOf(doc: OpenApiDocument, content: unknown, at: string): JsonContent | undefined {
  const entries = Object.entries(asRecord(content));
  const found = entries.find(([type]) => type.toLowerCase() === 'application/json') ?? entries.find(([type]) => isJsonMediaType(type));
  if (found === undefined) return undefined;
  const [mediaType, rawMedia] = found;
  const mediaAt = `${at}/${toPointer([mediaType]).slice(1)}`;
  const media = asRecord(rawMedia);
  const examples = new Map<string, unknown>();
  for (const [name, rawExample] of Object.entries(asRecord(media['examples']))) {
    const example = asRecord(follow(doc, rawExample, `${mediaAt}/examples/${toPointer([name]).slice(1)}`).node);
    if ('value' in example) examples.set(name, example['value']);
  }
  if (examples.size === 0 && media['example'] !== undefined) examples.set('default', media['example']);
  return { mediaType, schema: media['schema'] === undefined ? undefined : schemaAt(doc, media['schema'], `${mediaAt}/schema`), examples };
}

/** A missing schema is the empty schema: anything goes. */
function schemaAt(doc: OpenApiDocument, raw: unknown, at: string): SchemaAt {
  if (raw === undefined) return { pointer: undefined, schema: {}, ref: undefined };
  const target = follow(doc, raw, at);
  const ref = isRecord(raw) && typeof raw['$ref'] === 'string' ? raw['$ref'] : undefined;
  return { pointer: at, schema: asRecord(target.node), ref };
}
