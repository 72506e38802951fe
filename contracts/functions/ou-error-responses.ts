import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { asRecord, isRecord, jsonSchemaOf, objectShape, typesOf } from './shape.ts';
import type { JsonObject } from './shape.ts';

export interface ErrorResponsesOptions {
  /** Statuses every operation must document, e.g. `['401', '422']` (OU-A1, OU-E3). */
  requiredStatuses: string[];
  /** The property an error body must have (`detail`, OU-E3/OU-E4). */
  errorProperty: string;
}

const CLIENT_ERROR = /^4(\d\d|XX)$/;

/**
 * OU-E3 / OU-E4 / OU-A1: every operation documents the required error statuses, and every
 * 4xx response has a JSON body whose schema is an error object (has the error property).
 * Input: an operation of the resolved document.
 */
export const ouErrorResponses = createRulesetFunction<JsonObject, ErrorResponsesOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: {
        requiredStatuses: { type: 'array', items: { type: 'string', pattern: '^[1-5](\\d\\d|XX)$' }, minItems: 1 },
        errorProperty: { type: 'string', minLength: 1 },
      },
      required: ['requiredStatuses', 'errorProperty'],
      additionalProperties: false,
    },
  },
  (operation, opts, { path }) => {
    const responses = asRecord(operation.responses);
    const results: IFunctionResult[] = [];
    for (const status of opts.requiredStatuses) {
      if (!(status in responses)) {
        results.push({ message: `Operation must document a ${status} response.`, path: [...path, 'responses'] });
      }
    }
    for (const [status, response] of Object.entries(responses)) {
      if (!CLIENT_ERROR.test(status)) continue;
      const body = jsonSchemaOf(asRecord(response).content);
      if (!body) {
        results.push({ message: `${status} response must have an application/json body.`, path: [...path, 'responses', status] });
      } else if (!isErrorSchema(body.schema, opts.errorProperty)) {
        results.push({
          message: `${status} response body must be an error object with a "${opts.errorProperty}" property.`,
          path: [...path, 'responses', status, 'content', body.mediaType, 'schema'],
        });
      }
    }
    return results;
  },
);

function isErrorSchema(schema: JsonObject, errorProperty: string): boolean {
  const types = typesOf(schema);
  if (types.length > 0 && !types.includes('object')) return false;
  return isRecord(objectShape(schema).properties[errorProperty]);
}
