/**
 * Test helper: answers checked against the component schemas of contracts/idaas.yaml.
 * (The verifier's client checks every recorded exchange against the contract itself; this
 * is for handlers called directly.)
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { DIALECT_CONTRACT_PATHS } from '../../../contracts/dialect-contracts.ts';
import { loadContract } from '../../../contracts/index.ts';

const ID = 'urn:ou-contract:idaas';
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(loadContract(DIALECT_CONTRACT_PATHS.idaas) as object, ID);
const compiled = new Map<string, ValidateFunction>();

export type SchemaName = 'OrganizationalUnit' | 'OrganizationalUnitIdResponse' | 'ListOrganizationalUnitsResponse' | 'IdaasError';

/** The schema errors of `value` against a component schema ([] = valid). */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  let validate = compiled.get(name);
  if (validate === undefined) compiled.set(name, (validate = ajv.compile({ $ref: `${ID}#/components/schemas/${name}` })));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
