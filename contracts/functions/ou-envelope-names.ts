import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { asRecord, isRecord, typesOf } from './shape.ts';
import type { JsonObject } from './shape.ts';

export interface EnvelopeNamesOptions {
  /** The envelope's payload property (`data`). */
  dataProperty: string;
  /** The property that makes an envelope paginated (`pagination`). */
  paginationProperty: string;
}

/** What a name promises about the `data` property. */
type Envelope =
  | { kind: 'single'; item: string }
  | { kind: 'list'; item: string }
  | { kind: 'page'; item: string | undefined };

/** Generic parameters are plain schema names: no underscore, so `ApiResponse_list_X__` is unambiguous. */
const T = '([A-Za-z][A-Za-z0-9]*)';
const LIST = new RegExp(`^ApiResponse_list_${T}__$`);
const SINGLE = new RegExp(`^ApiResponse_${T}_$`);
const PAGE = new RegExp(`^PaginatedResponse_${T}_$`);
const ENVELOPE_PREFIX = /^(ApiResponse|PaginatedResponse)(_|$)/;

/** The envelope a component name declares, or undefined when it is not an envelope name. */
export function parseEnvelopeName(name: string): Envelope | undefined {
  const list = LIST.exec(name);
  if (list?.[1]) return { kind: 'list', item: list[1] };
  const single = SINGLE.exec(name);
  if (single?.[1]) return { kind: 'single', item: single[1] };
  const page = PAGE.exec(name);
  if (page?.[1]) return { kind: 'page', item: page[1] };
  if (name === 'PaginatedResponse') return { kind: 'page', item: undefined };
  return undefined;
}

/**
 * OU-E1: the generic envelopes keep the reference's names — `ApiResponse_<T>_` (data: T),
 * `ApiResponse_list_<T>__` (data: T[]), `PaginatedResponse_<T>_` (data: T[] + pagination)
 * and plain `PaginatedResponse` (data: any[] + pagination) — and a component shaped like an
 * envelope carries such a name. Input: `components.schemas` of the unresolved document.
 */
export const ouEnvelopeNames = createRulesetFunction<JsonObject, EnvelopeNamesOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: {
        dataProperty: { type: 'string', minLength: 1 },
        paginationProperty: { type: 'string', minLength: 1 },
      },
      required: ['dataProperty', 'paginationProperty'],
      additionalProperties: false,
    },
  },
  (schemas, opts, { path }) => {
    const results: IFunctionResult[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      if (!isRecord(schema)) continue;
      const properties = asRecord(schema.properties);
      const hasData = opts.dataProperty in properties;
      const hasPagination = opts.paginationProperty in properties;
      const envelope = parseEnvelopeName(name);
      const at = [...path, name];
      const problem = envelope
        ? checkEnvelope(envelope, properties, hasPagination, Object.keys(schemas), opts)
        : checkPlain(name, hasData, hasPagination, opts);
      if (problem) results.push({ message: `Schema "${name}": ${problem}`, path: at });
    }
    return results;
  },
);

function checkPlain(name: string, hasData: boolean, hasPagination: boolean, opts: EnvelopeNamesOptions): string | undefined {
  if (ENVELOPE_PREFIX.test(name)) {
    return 'malformed envelope name; use ApiResponse_<T>_, ApiResponse_list_<T>__, PaginatedResponse_<T>_ or PaginatedResponse.';
  }
  if (hasData && hasPagination) {
    return `has "${opts.dataProperty}" and "${opts.paginationProperty}", so it must be named PaginatedResponse or PaginatedResponse_<T>_.`;
  }
  if (hasData) return `has "${opts.dataProperty}", so it must be named ApiResponse_<T>_ or ApiResponse_list_<T>__.`;
  return undefined;
}

function checkEnvelope(
  envelope: Envelope,
  properties: JsonObject,
  hasPagination: boolean,
  schemaNames: readonly string[],
  opts: EnvelopeNamesOptions,
): string | undefined {
  const { dataProperty: d, paginationProperty: p } = opts;
  const data = properties[d];
  if (!isRecord(data)) return `an envelope must have a "${d}" property.`;
  if (envelope.kind === 'page' && !hasPagination) return `a PaginatedResponse must have a "${p}" property.`;
  if (envelope.kind !== 'page' && hasPagination) return `has "${p}", so it must be named PaginatedResponse_<T>_, not ApiResponse_….`;
  if (envelope.item !== undefined && !schemaNames.includes(envelope.item)) return `names ${envelope.item}, which is not a component schema.`;

  if (envelope.kind === 'single') {
    return refName(data) === envelope.item ? undefined : `"${d}" must be a $ref to ${envelope.item}.`;
  }
  if (!typesOf(data).includes('array')) return `"${d}" must be an array.`;
  if (envelope.item === undefined) {
    const items = data.items;
    const untyped = items === undefined || items === true || (isRecord(items) && Object.keys(items).length === 0);
    return untyped ? undefined : `"${d}" of the plain PaginatedResponse holds items of any type (items: {}).`;
  }
  return refName(asRecord(data.items)) === envelope.item ? undefined : `"${d}" items must be a $ref to ${envelope.item}.`;
}

function refName(schema: JsonObject): string | undefined {
  const ref = schema.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}
