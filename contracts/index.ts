import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { components, operations } from './ou-api.gen.ts';

/** Absolute path of the OU API contract, the single source of truth for types and validation. */
export const CONTRACT_PATH = fileURLToPath(new URL('./ou-api.yaml', import.meta.url));

export type Schemas = components['schemas'];
export type { components, operations };

/** The operationIds of the contract, in document order. */
export const OPERATION_IDS = ['listOus', 'createOu', 'getOuTree', 'deleteOu', 'getOu', 'updateOu', 'listOuUsers'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** A minimal view of the parsed contract: enough for adapters and suites to walk it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

let cached: OpenApiDocument | undefined;

/**
 * Parses the contract once and returns a deep copy each time, so callers (openapi-backend
 * dereferences in place) can never alter each other's view.
 *
 * @example
 * const doc = loadContract();
 * doc.paths['/api/v1/tenants/{tenant_id}/ous'];
 */
export function loadContract(file: string = CONTRACT_PATH): OpenApiDocument {
  if (file !== CONTRACT_PATH) return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  cached ??= parse(readFileSync(CONTRACT_PATH, 'utf8')) as OpenApiDocument;
  return structuredClone(cached);
}
