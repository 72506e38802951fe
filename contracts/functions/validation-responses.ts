import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import { HTTP_METHODS, asArray, asRecord, isRecord } from './shape.ts';
import type { JsonObject } from './shape.ts';

const VALIDATION_STATUSES = ['400', '422', '4XX'];

/**
 * OWASP API8 "define-error-validation" (a 400, 422 or 4XX response), narrowed to operations
 * that take input to validate: a request body, or a parameter outside the path. An operation
 * whose only input is its path (orgunit-v2's `view/{id}`) answers an id it cannot read as
 * unknown (404), so a validation response there would never be produced.
 * Input: a path item of the resolved document (path-level parameters count for each operation).
 */
export const validationResponses = createRulesetFunction<JsonObject, null>({ input: { type: 'object' }, options: null }, (pathItem, _opts, { path }) => {
  const results: IFunctionResult[] = [];
  const shared = asArray(pathItem.parameters);
  for (const method of HTTP_METHODS) {
    const operation = pathItem[method];
    if (!isRecord(operation)) continue;
    const params = [...shared, ...asArray(operation.parameters)].filter(isRecord);
    const takesInput = operation.requestBody !== undefined || params.some((p) => p.in !== 'path');
    const responses = asRecord(operation.responses);
    if (takesInput && !VALIDATION_STATUSES.some((status) => status in responses)) {
      results.push({ message: 'Missing error response of either 400, 422 or 4XX.', path: [...path, method, 'responses'] });
    }
  }
  return results;
});
