import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { documentSchemas, toPointer } from '../model/index.ts';
import type { DocumentSchemas, ErrorObject, ValidateFunction } from '../model/index.ts';
import { HTTP_METHODS, asArray, asRecord, derefLocal, isRecord } from './shape.ts';
import type { JsonObject } from './shape.ts';

export interface ExamplesValidOptions {
  /** Check `format` (date-time, uuid, …) as well as structure. */
  validateFormats: boolean;
}

type Path = readonly (string | number)[];

/** An example value and the schema it must satisfy, both by location in the document. */
interface ExampleSite {
  value: unknown;
  valuePath: Path;
  schemaPath: Path;
}

/** Keywords whose value is one subschema. */
const SUBSCHEMA = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
/** Keywords whose value is a list of subschemas. */
const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value is a map of subschemas. */
const SUBSCHEMA_MAP = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

/**
 * Every example of the contract validates against its schema: media type `example` and
 * `examples.*.value` (request bodies, responses, parameters, headers) and schema
 * `example` / `examples[]`. Uses Ajv's 2020-12 dialect, the dialect of OpenAPI 3.1.
 * Input: the whole unresolved document (rule `given: $`, `resolved: false`), so each
 * example is reported once, at its own location, and `$ref`s resolve inside the document.
 */
export const ouExamplesValid = createRulesetFunction<JsonObject, ExamplesValidOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { validateFormats: { type: 'boolean' } },
      required: ['validateFormats'],
      additionalProperties: false,
    },
  },
  (document, opts) => {
    const validators = new Validators(document, opts.validateFormats);
    const results: IFunctionResult[] = [];
    for (const site of collectExamples(document)) {
      const outcome = validators.validate(site.schemaPath, site.value);
      if (outcome !== undefined) results.push({ message: outcome, path: [...site.valuePath] });
    }
    return results;
  },
);

/** The model compiles each schema location once per document; answers undefined when a value is valid. */
class Validators {
  private readonly schemas: DocumentSchemas;

  constructor(document: JsonObject, validateFormats: boolean) {
    this.schemas = documentSchemas(document, { validateFormats });
  }

  validate(schemaPath: Path, value: unknown): string | undefined {
    let validator: ValidateFunction;
    try {
      validator = this.schemas.at(toPointer(schemaPath));
    } catch (error) {
      return `Example not checked: its schema cannot be compiled: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (validator(value)) return undefined;
    return `Example does not match its schema: ${describeErrors(validator.errors ?? [])}`;
  }
}

function describeErrors(errors: readonly ErrorObject[]): string {
  const shown = errors.slice(0, 3).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params.additionalProperty)}"` : '';
    return `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${extra}`;
  });
  return errors.length > 3 ? `${shown.join('; ')}; …and ${errors.length - 3} more` : shown.join('; ');
}

/** Every example of the document with the location of the schema it must match. */
function collectExamples(document: JsonObject): ExampleSite[] {
  const sites: ExampleSite[] = [];
  const components = asRecord(document.components);

  for (const [route, item] of Object.entries(asRecord(document.paths))) {
    if (!isRecord(item) || '$ref' in item) continue;
    const itemPath = ['paths', route];
    asArray(item.parameters).forEach((p, i) => parameterLike(document, p, [...itemPath, 'parameters', i], sites));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const opPath = [...itemPath, method];
      asArray(op.parameters).forEach((p, i) => parameterLike(document, p, [...opPath, 'parameters', i], sites));
      const body = op.requestBody;
      if (isRecord(body) && !('$ref' in body)) content(document, body.content, [...opPath, 'requestBody', 'content'], sites);
      for (const [status, response] of Object.entries(asRecord(op.responses))) {
        responseLike(document, response, [...opPath, 'responses', status], sites);
      }
    }
  }

  for (const [name, p] of Object.entries(asRecord(components.parameters))) parameterLike(document, p, ['components', 'parameters', name], sites);
  for (const [name, h] of Object.entries(asRecord(components.headers))) parameterLike(document, h, ['components', 'headers', name], sites);
  for (const [name, r] of Object.entries(asRecord(components.responses))) responseLike(document, r, ['components', 'responses', name], sites);
  for (const [name, b] of Object.entries(asRecord(components.requestBodies))) {
    if (isRecord(b) && !('$ref' in b)) content(document, b.content, ['components', 'requestBodies', name, 'content'], sites);
  }
  for (const [name, s] of Object.entries(asRecord(components.schemas))) schemaExamples(s, ['components', 'schemas', name], sites);
  return sites;
}

function responseLike(document: JsonObject, response: unknown, path: Path, sites: ExampleSite[]): void {
  // A `$ref`'d response is checked once, where it is defined (components.responses).
  if (!isRecord(response) || '$ref' in response) return;
  content(document, response.content, [...path, 'content'], sites);
  for (const [name, header] of Object.entries(asRecord(response.headers))) parameterLike(document, header, [...path, 'headers', name], sites);
}

/** Parameters and headers: `schema` + `example`/`examples`, or a `content` map. */
function parameterLike(document: JsonObject, node: unknown, path: Path, sites: ExampleSite[]): void {
  if (!isRecord(node) || '$ref' in node) return;
  if (isRecord(node.schema)) {
    const schemaPath = [...path, 'schema'];
    schemaExamples(node.schema, schemaPath, sites);
    exampleFields(document, node, path, schemaPath, sites);
  }
  content(document, node.content, [...path, 'content'], sites);
}

function content(document: JsonObject, contentMap: unknown, path: Path, sites: ExampleSite[]): void {
  for (const [mediaType, media] of Object.entries(asRecord(contentMap))) {
    if (!isRecord(media) || !isRecord(media.schema)) continue;
    const mediaPath = [...path, mediaType];
    const schemaPath = [...mediaPath, 'schema'];
    schemaExamples(media.schema, schemaPath, sites);
    exampleFields(document, media, mediaPath, schemaPath, sites);
  }
}

/** `example` and the `examples` map (of Example objects, possibly `$ref`s) of a media type or parameter. */
function exampleFields(document: JsonObject, holder: JsonObject, path: Path, schemaPath: Path, sites: ExampleSite[]): void {
  if ('example' in holder) sites.push({ value: holder.example, valuePath: [...path, 'example'], schemaPath });
  for (const [name, entry] of Object.entries(asRecord(holder.examples))) {
    const example = derefLocal(document, entry);
    if (!isRecord(example) || !('value' in example)) continue;
    const isRef = isRecord(entry) && '$ref' in entry;
    sites.push({ value: example.value, valuePath: isRef ? [...path, 'examples', name] : [...path, 'examples', name, 'value'], schemaPath });
  }
}

/**
 * Schema `example` and `examples[]`, in this schema and every inline subschema. A `$ref` is
 * not followed (its target is walked where it is defined), but its 3.1 siblings are.
 */
function schemaExamples(schema: unknown, path: Path, sites: ExampleSite[]): void {
  if (!isRecord(schema)) return;
  if ('example' in schema) sites.push({ value: schema.example, valuePath: [...path, 'example'], schemaPath: path });
  asArray(schema.examples).forEach((value, i) => sites.push({ value, valuePath: [...path, 'examples', i], schemaPath: path }));
  for (const key of SUBSCHEMA) schemaExamples(schema[key], [...path, key], sites);
  for (const key of SUBSCHEMA_LIST) asArray(schema[key]).forEach((s, i) => schemaExamples(s, [...path, key, i], sites));
  for (const key of SUBSCHEMA_MAP) {
    for (const [name, s] of Object.entries(asRecord(schema[key]))) schemaExamples(s, [...path, key, name], sites);
  }
}
