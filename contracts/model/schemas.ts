/**
 * The one Ajv setup. OpenAPI 3.1 schemas are JSON Schema 2020-12, so every validator of the
 * project (mock requests through openapi-backend, suite responses, the proxy's fallback,
 * the lint's examples, test helpers) is compiled by an Ajv 2020 instance made here, with
 * the same options and formats.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, FormatDefinition, ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { OpenApiDocument } from './load.ts';

export type { ErrorObject, ValidateFunction };

/** What may differ between instances; everything else is the same everywhere. */
export interface AjvMode {
  /** Coerce strings to the schema's types (path, query and header values arrive as strings). */
  readonly coerceTypes?: boolean;
  /** Check `format` (date-time, uuid, …); default true. */
  readonly validateFormats?: boolean;
}

const addFormats = formatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

/** Formats the OpenAPI Format Registry defines beyond JSON Schema's (ajv-formats has the rest). */
const OAS_FORMATS: Readonly<Record<string, FormatDefinition<number> | FormatDefinition<string>>> = {
  int32: { type: 'number', validate: (n: number) => n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => n >= -(2 ** 63) && n < 2 ** 63 },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ },
  binary: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
};

/**
 * An Ajv 2020 instance. `strict: false`: OpenAPI schemas carry keywords Ajv does not know
 * (`example`, `discriminator`, `x-…`). `validateSchema: false` skips checking each schema
 * against the 2020-12 meta-schema, which dominated start-up (~100 ms per instance); the
 * contracts are linted instead. All errors, not the first: a 422 names every bad field.
 */
export function createAjv(mode: AjvMode = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    coerceTypes: mode.coerceTypes ?? false,
    validateFormats: mode.validateFormats ?? true,
  });
  addFormats(ajv);
  for (const [name, format] of Object.entries(OAS_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

const shared = new Map<string, Ajv2020>();

function modeKey(mode: AjvMode): string {
  return `${String(mode.coerceTypes ?? false)}:${String(mode.validateFormats ?? true)}`;
}

/**
 * One instance per mode for schemas that stand alone (no `$ref` into a document), such as
 * the dereferenced request schemas openapi-backend builds: they hold no per-document state.
 */
export function sharedAjv(mode: AjvMode = {}): Ajv2020 {
  const key = modeKey(mode);
  let ajv = shared.get(key);
  if (ajv === undefined) {
    ajv = createAjv(mode);
    shared.set(key, ajv);
  }
  return ajv;
}

/** The validators of one document: each schema location compiled once, on first use. */
export interface DocumentSchemas {
  /**
   * The validator of the schema at a JSON pointer into the document (`/components/schemas/OU`);
   * `$ref`s inside it resolve in the document. Undefined (no schema documented) accepts anything.
   *
   * @throws Error (Ajv's) when the schema cannot be compiled, e.g. a dangling `$ref`
   */
  at(pointer: string | undefined): ValidateFunction;
}

/** The document is registered under this id, so `#/components/...` refs resolve in place. */
export const DOCUMENT_ID = 'urn:ou-contract:document';

const byDocument = new WeakMap<object, Map<string, DocumentSchemas>>();

/**
 * The validators of `doc`, one set per document and mode, kept as long as the document is.
 *
 * @example
 * const validate = documentSchemas(doc).at('/components/schemas/OU');
 * validate(body) || formatErrors(validate.errors);
 */
export function documentSchemas(doc: OpenApiDocument | Record<string, unknown>, mode: AjvMode = {}): DocumentSchemas {
  let modes = byDocument.get(doc);
  if (modes === undefined) {
    modes = new Map();
    byDocument.set(doc, modes);
  }
  const key = modeKey(mode);
  let schemas = modes.get(key);
  if (schemas === undefined) {
    schemas = compileDocument(doc, mode);
    modes.set(key, schemas);
  }
  return schemas;
}

function compileDocument(doc: object, mode: AjvMode): DocumentSchemas {
  // An instance of its own: the document's id is fixed, and its compiled schemas go with it.
  const ajv = createAjv(mode);
  ajv.addSchema(doc, DOCUMENT_ID, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  return {
    at(pointer) {
      const key = pointer ?? '(none)';
      let validate = compiled.get(key);
      if (validate === undefined) {
        validate = ajv.compile(pointer === undefined ? {} : { $ref: `${DOCUMENT_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` });
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}

/** Ajv errors as short lines: `/data/0/user_count must be integer`. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath === '' ? '(body)' : e.instancePath} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`,
  );
}
