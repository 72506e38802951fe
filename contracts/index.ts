import { fileURLToPath } from 'node:url';
import { loadDocument, type OpenApiDocument } from './model/index.ts';
import type { components, operations } from './ou-api.gen.ts';

/** Absolute path of the OU API contract, the single source of truth for types and validation. */
export const CONTRACT_PATH = fileURLToPath(new URL('./ou-api.yaml', import.meta.url));

export type Schemas = components['schemas'];
export type { components, operations };
export type { OpenApiDocument };

/**
 * The OU API's operationIds, in document order: the type of its typed client, handlers and
 * checks. Generic code lists operations from the document (`operationsOf`) instead.
 */
export const OPERATION_IDS = ['listOus', 'createOu', 'getOuTree', 'deleteOu', 'getOu', 'updateOu', 'listOuUsers'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/**
 * A private deep copy of a contract (default: the OU API's), for callers that mutate it
 * (openapi-backend dereferences in place). Read-only callers use `loadDocument`, which
 * shares one parsed object per file and so its compiled validators.
 *
 * @example
 * const doc = loadContract();
 * doc.paths['/api/v1/tenants/{tenant_id}/ous'];
 */
export function loadContract(file: string = CONTRACT_PATH): OpenApiDocument {
  return structuredClone(loadDocument(file));
}
