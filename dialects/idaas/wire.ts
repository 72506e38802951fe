/** The idaas wire objects, as contracts/idaas.yaml defines them (generated types), and the fixed ids of the dialect. */
import type { Idaas } from '../../contracts/dialect-contracts.ts';

type Schemas = Idaas.components['schemas'];

export type OrganizationalUnit = Schemas['OrganizationalUnit'];
export type ListOrganizationalUnitsResponse = Schemas['ListOrganizationalUnitsResponse'];
export type IdaasErrorBody = Schemas['IdaasError'];
export type CreateOrganizationalUnitRequest = Schemas['CreateOrganizationalUnitRequest'];

/** The mock's instance root: virtual, the parent of the top-level units (idaas.md "Instances and objects"). */
export const ROOT_OU = 'ou_root';

/** Every unit of the mock is built in, whichever dialect made it; its source id is the instance. */
export const SOURCE_TYPE = 'build_in';

/** The `code` of each error class (ID-E1). */
export const CODES = {
  invalidToken: 'InvalidToken',
  forbidden: 'Forbidden',
  notFound: 'EntityNotExists.OrganizationalUnit',
  externalIdTaken: 'EntityAlreadyExists.OrganizationalUnit.ExternalId',
  nameTaken: 'EntityAlreadyExists.OrganizationalUnit.Name',
  operationConflict: 'OperationConflict.OrganizationalUnit',
  /** A path no operation has (404), or a method the path does not have (405, with `Allow`): the action the request names does not exist. */
  noSuchAction: 'InvalidAction.NotFound',
  /** The server could not store a change (503, with `Retry-After`); nothing was changed. */
  serviceUnavailable: 'ServiceUnavailable',
} as const;

/** `InvalidParameter.<Field>`: the parameter's name with its first letter upper-cased (the page's `InvalidParameter.OrganizationalUnitName`). */
export function invalidParameterCode(parameter: string): string {
  return `InvalidParameter.${parameter.charAt(0).toUpperCase()}${parameter.slice(1)}`;
}
