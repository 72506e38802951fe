import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult } from '@stoplight/spectral-core';
import type { JsonObject } from './shape.ts';

export interface XRulesOptions {
  /** Regular expression every rule id must match, e.g. `^OU-[A-Z]\d+$`. */
  idPattern: string;
}

/**
 * Every operation names the behaviour rules it is bound by in a non-empty `x-rules`
 * array of distinct ids, so suites and reports can group checks per operation.
 * Input: an operation object.
 */
export const ouXRules = createRulesetFunction<JsonObject, XRulesOptions>(
  {
    input: { type: 'object' },
    options: {
      type: 'object',
      properties: { idPattern: { type: 'string', minLength: 1 } },
      required: ['idPattern'],
      additionalProperties: false,
    },
  },
  (operation, opts, { path }) => {
    const ids = operation['x-rules'];
    const at = [...path, 'x-rules'];
    if (!Array.isArray(ids) || ids.length === 0) {
      return [{ message: 'Operation must list its behaviour rule ids in a non-empty "x-rules" array.', path: [...path] }];
    }
    const pattern = new RegExp(opts.idPattern);
    const results: IFunctionResult[] = [];
    const seen = new Set<string>();
    ids.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !pattern.test(id)) {
        results.push({ message: `"x-rules" entry ${JSON.stringify(id)} is not a rule id (${opts.idPattern}).`, path: [...at, i] });
      } else if (seen.has(id)) {
        results.push({ message: `"x-rules" lists ${id} twice.`, path: [...at, i] });
      }
      if (typeof id === 'string') seen.add(id);
    });
    return results;
  },
);
