/**
 * Test helper: answers checked against the component schemas of contracts/idaas.yaml, through
 * the one contract model (contracts/model). The verifier's client checks every recorded
 * exchange against the contract itself; this is for handlers called directly.
 */
import { documentSchemas, loadDocument, toPointer } from '../../../contracts/model/index.ts';
import { idaasDialect } from '../index.ts';

const schemas = documentSchemas(loadDocument(idaasDialect.contractFile));

export type SchemaName = 'OrganizationalUnit' | 'OrganizationalUnitIdResponse' | 'ListOrganizationalUnitsResponse' | 'IdaasError';

/** The schema errors of `value` against a component schema ([] = valid). */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const validate = schemas.at(toPointer(['components', 'schemas', name]));
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
