import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { asArray, asRecord, isRecord, jsonSchemaOf, objectShape, typesOf } from './shape.ts';
import type { JsonObject } from './shape.ts';

export interface ListPaginationOptions {
  /** Query parameter holding the 1-based page number. */
  pageParam: string;
  /** Query parameter holding the page size. */
  perPageParam: string;
  /** Property of the 200 body that holds the pagination object. */
  paginationProperty: string;
  /** Largest `maximum` a page-size parameter may declare. */
  maxPerPage: number;
  /** An operationId or summary matching this (case-insensitive) marks a list operation. */
  listNamePattern: string;
}

/**
 * OU-L1 / OU-S1: a list operation (its 200 body has the pagination property, or its
 * operationId/summary says "list") takes `page` ≥ 1 and `per_page` in 1..max as query
 * parameters, and its 200 body carries the pagination object.
 * Input: a path item of the resolved document (path-level parameters apply to its GET).
 */
export const ouListPagination = createRulesetFunction<JsonObject, ListPaginationOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: {
        pageParam: { type: 'string', minLength: 1 },
        perPageParam: { type: 'string', minLength: 1 },
        paginationProperty: { type: 'string', minLength: 1 },
        maxPerPage: { type: 'integer', minimum: 1 },
        listNamePattern: { type: 'string', minLength: 1 },
      },
      required: ['pageParam', 'perPageParam', 'paginationProperty', 'maxPerPage', 'listNamePattern'],
      additionalProperties: false,
    },
  },
  (pathItem, opts, { path }) => {
    const operation = pathItem.get;
    if (!isRecord(operation)) return [];
    const body = jsonSchemaOf(asRecord(asRecord(operation.responses)['200']).content);
    const bodyShape = body ? objectShape(body.schema) : undefined;
    const namePattern = new RegExp(opts.listNamePattern, 'i');
    const named = [operation.operationId, operation.summary].some((n) => typeof n === 'string' && namePattern.test(n));
    if (!named && !(bodyShape && opts.paginationProperty in bodyShape.properties)) return [];

    const opPath = [...path, 'get'];
    const results: IFunctionResult[] = [];
    const params = queryParams(pathItem, operation);
    results.push(...checkBound(params, opts.pageParam, undefined, opPath));
    results.push(...checkBound(params, opts.perPageParam, opts.maxPerPage, opPath));

    const pagination = bodyShape?.properties[opts.paginationProperty];
    const responsePath = [...opPath, 'responses', '200'];
    if (!bodyShape || !isRecord(pagination)) {
      results.push({ message: `List operation: the 200 body must have a "${opts.paginationProperty}" property.`, path: responsePath });
    } else {
      if (!isObjectSchema(pagination)) {
        results.push({ message: `List operation: "${opts.paginationProperty}" in the 200 body must be an object.`, path: responsePath });
      }
      if (!bodyShape.required.has(opts.paginationProperty)) {
        results.push({ message: `List operation: "${opts.paginationProperty}" in the 200 body must be required.`, path: responsePath });
      }
    }
    return results;
  },
);

/** Query parameters by name; operation-level ones override path-level ones, as in OpenAPI. */
function queryParams(pathItem: JsonObject, operation: JsonObject): Map<string, JsonObject> {
  const byName = new Map<string, JsonObject>();
  for (const p of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
    if (isRecord(p) && p.in === 'query' && typeof p.name === 'string') byName.set(p.name, p);
  }
  return byName;
}

function checkBound(
  params: ReadonlyMap<string, JsonObject>,
  name: string,
  maxAllowed: number | undefined,
  opPath: readonly (string | number)[],
): IFunctionResult[] {
  const param = params.get(name);
  const path = [...opPath, 'parameters'];
  if (!param) return [{ message: `List operation must take the query parameter "${name}".`, path }];
  const schema = asRecord(param.schema);
  const problems: string[] = [];
  if (!typesOf(schema).includes('integer')) problems.push('be an integer');
  if (schema.minimum !== 1) problems.push('have minimum 1');
  if (maxAllowed !== undefined) {
    if (typeof schema.maximum !== 'number') problems.push(`have a maximum (at most ${maxAllowed})`);
    else if (schema.maximum > maxAllowed) problems.push(`have a maximum of at most ${maxAllowed}, not ${schema.maximum}`);
  }
  return problems.length === 0 ? [] : [{ message: `Query parameter "${name}" must ${problems.join(' and ')}.`, path }];
}

function isObjectSchema(schema: JsonObject): boolean {
  const types = typesOf(schema);
  return types.includes('object') || (types.length === 0 && isRecord(schema.properties));
}
