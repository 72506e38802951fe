import type { Format, RuleDefinition, RulesetDefinition } from '@stoplight/spectral-core';
import { oas3_1 } from '@stoplight/spectral-formats';
import { enumeration } from '@stoplight/spectral-functions';
import owaspExport from '@stoplight/spectral-owasp-ruleset';
import { oas } from '@stoplight/spectral-rulesets';
import { DIALECT_IDS, DIALECT_MARKER, admanagerContract, idaasContract, orgunitV2Contract, ouApiContract } from './functions/dialect.ts';
import { ouEnvelopeNames } from './functions/ou-envelope-names.ts';
import { ouErrorResponses } from './functions/ou-error-responses.ts';
import { ouExamplesValid } from './functions/ou-examples-valid.ts';
import { ouListPagination } from './functions/ou-list-pagination.ts';
import { ouXRules } from './functions/ou-x-rules.ts';
import { OPERATION_GIVEN } from './functions/shape.ts';
import { validationResponses } from './functions/validation-responses.ts';

// The package's types describe `exports.default`, but both its ESM and CJS builds export the ruleset itself.
const owasp = owaspExport as unknown as typeof owaspExport.default;

/** `ou-x-rules` for another dialect: its contract's operations name that dialect's rule ids (`<prefix>-A1`). */
function xRulesOf(dialect: string, prefix: string, format: Format): RuleDefinition {
  return {
    description: `Every operation of the ${dialect} contract lists its behaviour rule ids (${prefix}-…) in a non-empty "x-rules" array.`,
    formats: [format],
    message: '{{error}}',
    severity: 'error',
    given: OPERATION_GIVEN,
    then: { function: ouXRules, functionOptions: { idPattern: `^${prefix}-[A-Z]\\d+$` } },
  };
}

/** `ou-error-responses` for another dialect: its required statuses, and its error bodies' key property. */
function errorResponsesOf(dialect: string, rules: string, format: Format, requiredStatuses: string[], errorProperty: string): RuleDefinition {
  return {
    description: `Every operation of the ${dialect} contract documents ${requiredStatuses.join(' and ')}; every 4xx body is an error object with "${errorProperty}" (${rules}).`,
    formats: [format],
    message: '{{error}}',
    severity: 'error',
    given: OPERATION_GIVEN,
    then: { function: ouErrorResponses, functionOptions: { requiredStatuses, errorProperty } },
  };
}

/**
 * The rules this project adds on top of `spectral:oas` and OWASP. Kept as a literal
 * object so `OuRuleName` is the exact union of names and a misspelt name is a type error.
 */
export const ouCustomRules = {
  'ou-list-pagination': {
    // The OU API's wire shape: other dialects have their own (scoped by info.x-ou-dialect, absent = OU API).
    formats: [ouApiContract],
    description: 'List operations take page (≥1) and per_page (1..max) and answer a pagination object (OU-L1, OU-S1).',
    message: '{{error}}',
    severity: 'error',
    given: '$.paths[*]',
    then: {
      function: ouListPagination,
      functionOptions: {
        pageParam: 'page',
        perPageParam: 'per_page',
        paginationProperty: 'pagination',
        maxPerPage: 100,
        listNamePattern: '^list',
      },
    },
  },
  'ou-error-responses': {
    // The OU API's wire shape: other dialects have their own (scoped by info.x-ou-dialect, absent = OU API).
    formats: [ouApiContract],
    description: 'Every operation documents 401 and 422; every 4xx body is an error object with "detail" (OU-A1, OU-E3, OU-E4).',
    message: '{{error}}',
    severity: 'error',
    given: OPERATION_GIVEN,
    then: { function: ouErrorResponses, functionOptions: { requiredStatuses: ['401', '422'], errorProperty: 'detail' } },
  },
  'ou-examples-valid': {
    description: 'Every example validates against its schema (JSON Schema 2020-12 with formats).',
    message: '{{error}}',
    severity: 'error',
    given: '$',
    resolved: false,
    then: { function: ouExamplesValid, functionOptions: { validateFormats: true } },
  },
  'ou-envelope-names': {
    // The OU API's wire shape: other dialects have their own (scoped by info.x-ou-dialect, absent = OU API).
    formats: [ouApiContract],
    description: 'Envelope schemas keep the reference names ApiResponse_<T>_, ApiResponse_list_<T>__, PaginatedResponse[_<T>_] (OU-E1).',
    message: '{{error}}',
    severity: 'error',
    given: '$.components.schemas',
    resolved: false,
    then: { function: ouEnvelopeNames, functionOptions: { dataProperty: 'data', paginationProperty: 'pagination' } },
  },
  'ou-x-rules': {
    description: 'Every operation lists its behaviour rule ids (OU-…) in a non-empty "x-rules" array.',
    // Each dialect has its own rule ids; the three rules below hold the others to theirs.
    formats: [ouApiContract],
    message: '{{error}}',
    severity: 'error',
    given: OPERATION_GIVEN,
    then: { function: ouXRules, functionOptions: { idPattern: '^OU-[A-Z]\\d+$' } },
  },
  'v2-x-rules': xRulesOf('orgunit-v2', 'V2', orgunitV2Contract),
  'ad-x-rules': xRulesOf('admanager', 'AD', admanagerContract),
  'id-x-rules': xRulesOf('idaas', 'ID', idaasContract),
  // orgunit-v2 has none: its 422 body is a list (V2-E1), not an error object.
  'ad-error-responses': errorResponsesOf('admanager', 'AD-A1, AD-E1', admanagerContract, ['400', '401'], 'code'),
  'id-error-responses': errorResponsesOf('idaas', 'ID-A1, ID-E1', idaasContract, ['400', '401'], 'code'),
  'ou-dialect': {
    description: `info.${DIALECT_MARKER}, when present, names a known dialect, so a misspelt marker cannot exempt a contract from the OU API's rules.`,
    message: '{{error}}',
    severity: 'error',
    given: '$.info',
    then: { field: DIALECT_MARKER, function: enumeration, functionOptions: { values: [...DIALECT_IDS] } },
  },
} as const satisfies Record<string, RuleDefinition>;

/** Name of one of our own rules. */
export type OuRuleName = keyof typeof ouCustomRules;

/** The names of our own rules, in definition order. */
export const OU_RULE_NAMES = Object.keys(ouCustomRules) as OuRuleName[];

/**
 * JSONPaths of the schemas of one `type` that describe request input (parameters, request
 * bodies), including 3.1 type lists such as `[string, 'null']`. OWASP API4 (unrestricted
 * resource consumption) is about what the server accepts; bounds on response fields would
 * instead become certification requirements the reference page never states.
 */
function inputSchemasOfType(type: string): string[] {
  const filters = [`[?(@ && @.type=="${type}")]`, `[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("${type}"))]`];
  const roots = ['$.paths[*].parameters[*]', '$.paths[*][*].parameters[*]', '$.paths[*][*].requestBody.content[*]', '$.components.parameters[*]', '$.components.requestBodies[*].content[*]'];
  return roots.flatMap((root) => filters.map((filter) => `${root}..${filter}`));
}

/** An OWASP rule, unchanged except that it looks at request input only. */
function onInputs(name: keyof typeof owasp.rules, type: string): RuleDefinition {
  return { ...(owasp.rules[name] as RuleDefinition), given: inputSchemasOfType(type) };
}

/**
 * The contract ruleset: `spectral:oas` (recommended) + OWASP API Security Top 10 2023,
 * with our own rules. Every OWASP rule narrowed or switched off says why in one line.
 *
 * @example
 * const spectral = new Spectral();
 * spectral.setRuleset(new Ruleset(ouRuleset));
 */
export const ouRuleset: RulesetDefinition = {
  formats: [oas3_1],
  extends: [oas as RulesetDefinition, owasp as RulesetDefinition],
  rules: {
    // API8 validation errors: required where there is input to validate (a body or a non-path parameter), not on a path-only read.
    'owasp:api8:2023-define-error-validation': {
      ...(owasp.rules['owasp:api8:2023-define-error-validation'] as RuleDefinition),
      given: '$.paths[*]',
      then: { function: validationResponses },
    },
    // API4 array limits: kept for request input, not for response fields (see inputSchemasOfType).
    'owasp:api4:2023-array-limit': onInputs('owasp:api4:2023-array-limit', 'array'),
    // The reference bounds no string but the OU name (OU-H5, in the contract); an invented maxLength on ids, search or
    // description would fail a conforming vendor that accepts longer values.
    'owasp:api4:2023-string-limit': 'off',
    // page has no upper bound by rule (OU-L3: any page past the last answers 200), and int32/int64 formats add nothing
    // ajv enforces; per_page's 1..100 bound is in the contract.
    'owasp:api4:2023-integer-limit': 'off',
    'owasp:api4:2023-integer-format': 'off',
    // No rate limiting exists in the OU API (reference page, behaviour rules): a documented 429 would never be produced.
    'owasp:api4:2023-rate-limit-responses-429': 'off',
    // Client-credentials tokens have no refresh flow by design; their lifetime is bounded by `exp`, enforced by OU-A1.
    'owasp:api2:2023-short-lived-access-tokens': 'off',
    // Ids are opaque strings (behaviour: "OU id, opaque") and search/description are free text: no honest format or pattern exists.
    'owasp:api4:2023-string-restricted': 'off',
    // The OU API has no rate-limit quota (reference page, behaviour rules); headers the mock never sends would make the contract lie.
    'owasp:api4:2023-rate-limit': 'off',
    // CORS is a browser deployment concern the reference and behaviour rules do not cover; the mock never sends these headers.
    'owasp:api8:2023-define-cors-origin': 'off',
    // OU-E4: no request answers 5xx, so documenting a 500 would contradict the contract.
    'owasp:api8:2023-define-error-responses-500': 'off',
    // The only server listed is the local mock on 127.0.0.1, which serves plain HTTP; deployments declare their own.
    'owasp:api8:2023-no-server-http': 'off',
    ...ouCustomRules,
  },
};
